'use strict';
// Upload File in both Continue On Fail modes: the good files become entries with their bytes, the
// empty file and the item without a file fail alone and go to the error output when asked.
const { checkErrorModes } = require('../lib/error-modes');

module.exports = {
	async check(ctx) {
		const { success, failed } = checkErrorModes(ctx, {
			count: 4,
			bad: [1, 2],
			messages: { 1: /is empty \(0 bytes\)/, 2: /binary file 'data'/ },
		});
		for (const item of success) {
			const stored = await ctx.sandbox.sha256(item.json.id);
			ctx.assert.equal(stored.sha256, item.json.sha256, `${item.json.fileName}: the sandbox holds other bytes`);
		}
		ctx.assert.equal(failed[0].json.details.fileName, 'e2e-modes-empty.mp4');
		ctx.note(`error output: ${failed.map((i) => `"${i.json.error}"`).join(', ')}`);
	},
};
