'use strict';
// Resume across executions: the first run's connection is cut for good after three chunks (the
// sandbox drops every later chunk request, so the node's retries run out and it fails, naming the
// upload token). The second run, in a new n8n process with the network back, must continue that
// token from what Kaltura holds, send only the rest, and end with exactly the file's bytes.
const path = require('path');

const SIZE_MIB = 40;
const CHUNK_MIB = 4;
const CHUNKS_THROUGH = 3;

module.exports = {
	timeoutMs: 5 * 60 * 1000,
	expectExecutionError: true,

	async prepare(ctx) {
		ctx.shared.file = await ctx.writeMediaFile(
			path.join(ctx.filesDir, 'interrupted-recording.mp4'),
			SIZE_MIB * ctx.MiB,
		);
		await ctx.sandbox.setFaults({
			rules: [
				{ service: 'uploadtoken', action: 'upload', skip: CHUNKS_THROUGH, times: 1000, effect: { type: 'reset' } },
			],
		});
	},

	async check({ run, assert, shared, note }) {
		const error = run.nodeError('Upload File');
		assert.ok(error, 'the first run was expected to fail in Upload File');
		const text = `${error.message} ${error.description || ''}`;
		const named = /upload token (\S+?);/.exec(text);
		assert.ok(named, `the error does not name the upload token: ${text}`);
		shared.tokenId = named[1];
		note(`first run failed as planned, keeping upload token ${shared.tokenId}`);
	},

	runAgain: {
		async prepare({ sandbox }) {
			await sandbox.clearFaults();
		},

		async check({ run, assert, sandbox, shared, note, MiB }) {
			const [out] = run.json('Upload File');
			const held = CHUNKS_THROUGH * CHUNK_MIB * MiB;
			assert.equal(out.uploadTokenId, shared.tokenId, "the second run did not continue the first run's upload token");
			assert.equal(out.resumedFrom, held, `resumed from ${out.resumedFrom}, expected ${held}`);
			assert.equal(out.bytesSent, shared.file.size - held, 'the second run sent bytes Kaltura already held');
			assert.equal(out.sha256, shared.file.sha256, "the reported sha256 is not the whole file's");
			assert.equal(out.status, 'READY', `entry status ${out.status}`);
			const stored = await sandbox.sha256(out.id);
			assert.equal(stored.size, shared.file.size, 'stored size differs from the file');
			assert.equal(stored.sha256, shared.file.sha256, 'stored bytes differ from the file');
			note(`resumed at ${held / MiB} MiB, sent ${out.bytesSent / MiB} of ${SIZE_MIB} MiB`);
		},
	},
};
