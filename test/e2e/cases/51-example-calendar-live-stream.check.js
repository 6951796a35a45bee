'use strict';
// examples/calendar-live-stream-encoder-email.json as shipped (run from its manual trigger): one
// live entry per titled sample event with an email carrying its server URL and stream key, and a
// failure notice for the event without a title (the error branch).
module.exports = {
	async check({ run, assert, sandbox }) {
		const streams = run.json('Create Live Stream');
		const emails = run.json('Compose Encoder Email');
		assert.equal(streams.length, 2);
		assert.deepEqual(
			emails.map((e) => e.to),
			['comms@example.com', 'product@example.com'],
		);
		assert.deepEqual(
			streams.map((s) => s.name),
			['Quarterly town hall', 'Product demo'],
		);
		for (const [i, stream] of streams.entries()) {
			const entry = await sandbox.entry(stream.id);
			assert.ok(entry && entry.live, `${stream.id} is not a live entry in the sandbox`);
			const { serverUrl, streamKey } = stream.ingest.rtmp.primary;
			assert.ok(emails[i].text.includes(`Server:     ${serverUrl}\n`), 'email must carry the server URL');
			assert.ok(emails[i].text.includes(`Stream key: ${streamKey}\n`), 'email must carry the stream key');
			assert.equal(emails[i].entryId, stream.id);
		}
		// The disabled Send Email node passes the items through untouched.
		assert.equal(run.json('Send Email').length, 2);

		const [notice] = run.json('Compose Failure Notice');
		assert.equal(notice.to, 'events@example.com');
		assert.match(notice.text, /The live stream needs a name/);
		assert.equal(run.json('Compose Failure Notice').length, 1);
	},
};
