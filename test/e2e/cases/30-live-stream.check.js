'use strict';
// Live Stream Create + Get: the entry exists in the sandbox as a live entry, and the output gives an
// encoder what it needs: RTMP server URL and stream key as separate fields plus the joined URL.
module.exports = {
	async check({ run, assert, sandbox, note }) {
		const [created] = run.json('Create Live Stream');
		assert.ok(created.id, `no id in ${JSON.stringify(created).slice(0, 300)}`);
		assert.equal(created.name, 'e2e town hall');
		assert.equal(created.referenceId, 'e2e-live-1');

		const entry = await sandbox.entry(created.id);
		assert.ok(entry, `entry ${created.id} is not in the sandbox`);
		assert.ok(entry.live, `entry ${created.id} is not a live entry in the sandbox`);

		const rtmp = created.ingest && created.ingest.rtmp && created.ingest.rtmp.primary;
		assert.ok(rtmp, `no primary RTMP ingest in ${JSON.stringify(created.ingest)}`);
		assert.match(rtmp.serverUrl, /^rtmps?:\/\//, 'server URL must be an RTMP URL');
		assert.equal(rtmp.streamKey, `${created.id}_1`, 'single-encoder stream key is <entryId>_1');
		assert.ok(!rtmp.serverUrl.includes(rtmp.streamKey), 'the server URL must not contain the stream key');
		assert.equal(rtmp.fullUrl, `${rtmp.serverUrl.replace(/\/+$/, '')}/${rtmp.streamKey}`);
		assert.equal(created.settings.dvr, true);
		assert.equal(created.settings.recording, 'perSession', 'Recording 2 is KalturaRecordStatus.PER_SESSION');
		assert.match(created.playbackUrl, new RegExp(created.id));

		const [fetched] = run.json('Get Live Stream');
		assert.equal(fetched.id, created.id);
		assert.deepEqual(fetched.ingest, created.ingest, 'Get returns the same encoder settings');
		note(`${created.id}: ${Object.keys(created.ingest).join(', ')} ingest`);
	},
};
