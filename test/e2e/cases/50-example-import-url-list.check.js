'use strict';
// examples/import-url-list-in-batches.json as shipped, with its sample URLs pointed at the
// harness's media server: every row becomes a READY entry with its reference ID and bytes.
const path = require('path');

const ROWS = [
	{ file: '2024-keynote.mp4', referenceId: 'archive-2024-keynote' },
	{ file: '2024-panel.mp4', referenceId: 'archive-2024-panel' },
	{ file: '2024-podcast-ep1.mp3', referenceId: 'archive-2024-podcast-1' },
];

module.exports = {
	async prepare(ctx) {
		ctx.shared.sha = {};
		for (const row of ROWS) {
			ctx.shared.sha[row.referenceId] = (await ctx.writeMediaFile(path.join(ctx.mediaDir, row.file), ctx.MiB)).sha256;
		}
	},

	async check({ run, assert, sandbox, shared }) {
		const imported = run.json('Imported');
		assert.deepEqual(imported.map((r) => r.referenceId), ROWS.map((r) => r.referenceId));
		for (const row of imported) {
			assert.equal(row.status, 'READY', `${row.referenceId}: ${row.status}`);
			assert.equal((await sandbox.sha256(row.entryId)).sha256, shared.sha[row.referenceId], `${row.referenceId}: other bytes`);
		}
		assert.throws(() => run.itemsOf('Failed Rows'), /did not run/, 'no row should fail');
	},
};
