'use strict';
// examples/calendar-live-stream-encoder-email.json as shipped (run from its manual trigger): one
// live entry per sample event, and an email per organizer carrying that entry's server URL and
// stream key.
module.exports = {
	async check({ run, assert, sandbox }) {
		const streams = run.json('Create Live Stream');
		const emails = run.json('Compose Encoder Email');
		assert.equal(streams.length, 2);
		assert.deepEqual(emails.map((e) => e.to), ['comms@example.com', 'product@example.com']);
		assert.deepEqual(streams.map((s) => s.name), ['Quarterly town hall', 'Product demo']);
		for (const [i, stream] of streams.entries()) {
			const entry = await sandbox.entry(stream.entryId);
			assert.ok(entry && entry.live, `${stream.entryId} is not a live entry in the sandbox`);
			const { serverUrl, streamKey } = stream.ingest.rtmp.primary;
			assert.ok(emails[i].text.includes(`Server:     ${serverUrl}\n`), 'email must carry the server URL');
			assert.ok(emails[i].text.includes(`Stream key: ${streamKey}\n`), 'email must carry the stream key');
			assert.equal(emails[i].entryId, stream.entryId);
		}
		// The disabled Send Email node passes the items through untouched.
		assert.equal(run.json('Send Email').length, 2);
	},
};
