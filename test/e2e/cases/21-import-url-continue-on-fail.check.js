'use strict';
// Continue On Fail: the workflow succeeds, the good URL becomes a READY entry, and each bad item
// comes out as its own error item, in input order, without stopping the others.
const path = require('path');

module.exports = {
	async prepare(ctx) {
		ctx.shared.good = await ctx.writeMediaFile(path.join(ctx.mediaDir, 'cof-good.mp4'), 2 * ctx.MiB);
	},

	async check({ run, assert, sandbox, shared, note }) {
		assert.equal(run.error, undefined, 'the workflow must not fail');
		const out = run.itemsOf('Import URL');
		assert.deepEqual(
			out.map((i) => i.pairedItem.item),
			[0, 1, 2],
			'one output item per input, in order',
		);
		const [good, missing, invalid] = out.map((i) => i.json);

		assert.ok(!good.error, `good URL failed: ${good.error}`);
		assert.equal(good.status, 'READY');
		assert.equal((await sandbox.sha256(good.id)).sha256, shared.good.sha256);

		assert.ok(missing.error, `the 404 URL should be an error item: ${JSON.stringify(missing)}`);
		assert.deepEqual(Object.keys(missing).sort(), ['details', 'error'], 'an error item holds error and details only');
		assert.match(missing.details.url, /does-not-exist\.mp4$/);
		assert.match(
			`${missing.error} ${missing.details.description || ''}`,
			/ERROR_IMPORTING|404/,
			'the error should say the import failed',
		);
		// Kaltura keeps the failed entry; the sandbox must know it as an import failure.
		const entry = await sandbox.entry(missing.details.entryId);
		assert.ok(entry, `entry ${missing.details.entryId} named in the error is not in the sandbox`);
		assert.equal(entry.status, -2, `entry ${missing.details.entryId} should be ERROR_IMPORTING, is ${entry.status}`);

		assert.ok(invalid.error, `"not a url" should be an error item: ${JSON.stringify(invalid)}`);
		assert.equal(invalid.details.url, 'not a url');
		note(`404 → "${missing.error}"; invalid → "${invalid.error}"`);
	},
};
