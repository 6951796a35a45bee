'use strict';
// Upload File with a big file (E2E_BIG_FILE_MIB, default 300) read from disk into n8n's
// filesystem binary store: the bytes that reach the sandbox must be exactly the file's, the
// entry must become READY, and n8n's memory must not grow with the file (the node streams
// chunks from the store instead of loading the file).
const path = require('path');

const SIZE_MIB = Number(process.env.E2E_BIG_FILE_MIB || 400);

module.exports = {
	async prepare(ctx) {
		ctx.shared.file = await ctx.writeMediaFile(path.join(ctx.filesDir, 'big-recording.mp4'), SIZE_MIB * ctx.MiB);
	},

	async check({ run, assert, sandbox, shared, stats, baselineRssBytes, note, MiB }) {
		const [out] = run.json('Upload File');
		assert.ok(out.id, `no entry id in ${JSON.stringify(out)}`);
		assert.equal(out.status, 'READY', `entry status ${out.status}`);
		assert.equal(out.bytes, shared.file.size);
		assert.equal(out.fileName, 'big-recording.mp4');
		assert.equal(out.sha256, shared.file.sha256, 'the node reports the sha256 of what it read');

		const stored = await sandbox.sha256(out.id);
		assert.equal(stored.size, shared.file.size, 'stored size differs from the file');
		assert.equal(stored.sha256, shared.file.sha256, 'stored bytes differ from the file');
		const entry = await sandbox.entry(out.id);
		assert.equal(entry.status, 2, `sandbox status ${entry.status}`);

		const peakMiB = Math.round(stats.peakRssBytes / MiB);
		const baseMiB = Math.round((baselineRssBytes || 500 * MiB) / MiB);
		note(`${SIZE_MIB} MiB in ${(stats.durationMs / 1000).toFixed(1)} s, ${out.chunks} chunks, ${out.mbPerSecond} MB/s`);
		note(`RSS +${peakMiB - baseMiB} MiB over a small workflow's ${baseMiB} MiB`);
		// Holding the file in memory would add at least its size; chunks in flight add far less.
		assert.ok(
			peakMiB - baseMiB < SIZE_MIB,
			`n8n peaked at ${peakMiB} MiB for a ${SIZE_MIB} MiB file (small workflow: ${baseMiB} MiB): the file is not streamed`,
		);
	},
};
