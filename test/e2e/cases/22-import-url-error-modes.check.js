'use strict';
// Import URL in both Continue On Fail modes: a malformed URL fails before anything is sent, a
// reference ID Kaltura refuses fails inside its batch; the good rows are imported.
const { checkErrorModes } = require('../lib/error-modes');

module.exports = {
	async prepare(ctx) {
		for (const n of [1, 3, 4])
			await ctx.writeMediaFile(require('path').join(ctx.mediaDir, `modes-good-${n}.mp4`), ctx.MiB);
	},

	async check(ctx) {
		const { success, failed } = checkErrorModes(ctx, {
			count: 4,
			bad: [1, 2],
			messages: { 1: /"not a url" is not a valid URL/, 2: /conversion profile/i },
		});
		ctx.assert.deepEqual(
			success.map((i) => i.json.referenceId),
			['e2e-modes-1', 'e2e-modes-4'],
		);
		ctx.assert.equal(failed[1].json.details.code, 'CONVERSION_PROFILE_ID_NOT_FOUND');
		ctx.assert.equal(failed[0].json.details.url, 'not a url');
		ctx.note(`error output: ${failed.map((i) => i.json.details.code || i.json.error).join(', ')}`);
	},
};
