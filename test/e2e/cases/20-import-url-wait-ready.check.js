'use strict';
// Import URL: the sandbox downloads each URL from the harness's 127.0.0.1 media server; with
// Wait Until Ready every item comes out READY, with the bytes of its own source file.
const path = require('path');

module.exports = {
	async prepare(ctx) {
		const log = await ctx.sandbox.requests();
		ctx.shared.sinceSeq = log.length ? log[log.length - 1].seq : 0;
		ctx.shared.files = [];
		for (const n of [1, 2, 3]) {
			ctx.shared.files.push(
				await ctx.writeMediaFile(path.join(ctx.mediaDir, `import-clip-${n}.mp4`), (n + 1) * ctx.MiB),
			);
		}
	},

	async check({ run, assert, sandbox, shared, mediaHits, note }) {
		const out = run.itemsOf('Import URL');
		assert.equal(out.length, 3, `expected 3 items, got ${out.length}`);
		for (const [i, item] of out.entries()) {
			const json = item.json;
			assert.equal(item.pairedItem.item, i, 'items must stay paired with their input');
			assert.ok(!json.error, `item ${i} failed: ${json.error}`);
			assert.equal(json.status, 'READY', `item ${i} status ${json.status}`);
			assert.equal(json.referenceId, `e2e-import-${i + 1}`);
			assert.equal(json.name, `e2e import ${i + 1}`);
			const stored = await sandbox.sha256(json.id);
			assert.equal(
				stored.sha256,
				shared.files[i].sha256,
				`entry ${json.id} holds other bytes than import-clip-${i + 1}.mp4`,
			);
			assert.equal(mediaHits[`import-clip-${i + 1}.mp4`], 1, 'the sandbox should download each URL once');
		}
		// Batch Size 2: three adds travel in two multirequests.
		const requests = (await sandbox.requests()).filter(
			(r) =>
				r.seq > shared.sinceSeq &&
				r.service === 'multirequest' &&
				r.calls.some((c) => c.service === 'media' && c.action === 'add'),
		);
		assert.equal(requests.length, 2, `expected 2 multirequests with adds, saw ${requests.length}`);
		note(`entries ${out.map((i) => i.json.id).join(', ')}`);
	},
};
