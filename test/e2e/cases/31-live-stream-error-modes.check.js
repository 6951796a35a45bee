'use strict';
// Live Stream in both Continue On Fail modes: a row without a title fails alone; the others
// become live entries.
const { checkErrorModes } = require('../lib/error-modes');

module.exports = {
	async check(ctx) {
		const { success } = checkErrorModes(ctx, { count: 4, bad: [1], messages: { 1: /needs a name/ } });
		for (const item of success) {
			const entry = await ctx.sandbox.entry(item.json.id);
			ctx.assert.ok(entry && entry.live, `${item.json.id} is not a live entry in the sandbox`);
		}
	},
};
