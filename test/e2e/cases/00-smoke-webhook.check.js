'use strict';
// Plumbing proof for trigger cases: a published workflow runs inside `n8n start`, the harness
// calls its production webhook, and reads the saved execution back from n8n's database.
module.exports = {
	async check({ webhook, executions, assert }) {
		const res = await webhook('e2e-smoke', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{"hello":"n8n"}',
		});
		const text = await res.text();
		assert.equal(res.status, 200, `webhook answered HTTP ${res.status}: ${text}`);
		const body = JSON.parse(text);
		assert.equal(body.objectType, 'KalturaMediaListResponse', `webhook answered ${JSON.stringify(body).slice(0, 300)}`);

		const [execution] = await executions({ count: 1, timeoutMs: 30000 });
		assert.equal(execution.status, 'success');
		assert.equal(execution.mode, 'webhook');
		assert.deepEqual(execution.result.json('Webhook')[0].body, { hello: 'n8n' });
	},
};
