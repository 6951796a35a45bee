'use strict';
// examples/import-url-list-in-batches.json as npm start imports it (its sample links served by the
// sandbox): the three good rows become READY entries holding the sample bytes, and the row with a
// typo in its link leaves through the error branch with its title and the reason.
const crypto = require('crypto');

const ROWS = [
	{ file: '2024-keynote.mp4', referenceId: 'archive-2024-keynote' },
	{ file: '2024-panel.mp4', referenceId: 'archive-2024-panel' },
	{ file: '2024-podcast-ep1.mp3', referenceId: 'archive-2024-podcast-1' },
];

module.exports = {
	async check({ run, assert, sandbox, sandboxUrl, note }) {
		const imported = run.json('Imported');
		assert.deepEqual(
			imported.map((r) => r.referenceId),
			ROWS.map((r) => r.referenceId),
		);
		for (const [i, row] of imported.entries()) {
			assert.equal(row.status, 'READY', `${row.referenceId}: ${row.status}`);
			const sample = Buffer.from(await (await fetch(`${sandboxUrl}/__sandbox/samples/${ROWS[i].file}`)).arrayBuffer());
			const expected = crypto.createHash('sha256').update(sample).digest('hex');
			assert.equal((await sandbox.sha256(row.entryId)).sha256, expected, `${row.referenceId}: other bytes`);
		}
		const failed = run.json('Failed Rows');
		assert.equal(failed.length, 1, `one row should fail: ${JSON.stringify(failed)}`);
		assert.equal(failed[0].title, 'Q&A session');
		assert.match(failed[0].error, /cannot import from a "htps" URL/);
		assert.ok(failed[0].whatToDo, 'the failed row says what to do');
		note(`failed row: "${failed[0].error}"`);
	},
};
