'use strict';
// A Kaltura node inside a published, trigger-started workflow (`n8n start`): the harness POSTs
// to the production webhook, n8n runs Import URL with the stored credential and answers with
// the READY entry; the execution is saved as a webhook run.
const path = require('path');

module.exports = {
	async prepare(ctx) {
		ctx.shared.file = await ctx.writeMediaFile(path.join(ctx.mediaDir, 'webhook-clip.mp4'), 3 * ctx.MiB);
	},

	async check({ webhook, executions, assert, sandbox, shared, mediaUrl, note }) {
		const res = await webhook('e2e-import-url', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ url: `${mediaUrl}/media/webhook-clip.mp4`, title: 'e2e via webhook' }),
		});
		const text = await res.text();
		assert.equal(res.status, 200, `webhook answered HTTP ${res.status}: ${text.slice(0, 500)}`);
		const entry = JSON.parse(text);
		assert.equal(entry.status, 'READY', `answer: ${text.slice(0, 300)}`);
		assert.equal(entry.name, 'e2e via webhook');
		assert.equal((await sandbox.sha256(entry.id)).sha256, shared.file.sha256);

		const [execution] = await executions({ count: 1 });
		assert.equal(execution.status, 'success');
		assert.equal(execution.mode, 'webhook');
		assert.equal(execution.result.json('Import URL')[0].id, entry.id);
		note(`entry ${entry.id}`);
	},
};
