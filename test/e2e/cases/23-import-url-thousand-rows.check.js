'use strict';
// 1,000 rows with Skip If Reference ID Exists cost 22 HTTP requests in real n8n, counted in the
// sandbox's request log: 2 reference-ID lookups (500 a call) and 20 multirequests of 50 entries.
// Run again, every row is found and skipped: 2 lookups, nothing created.
async function requestsSince(sandbox, seq) {
	return (await sandbox.requests()).filter((r) => r.seq > seq);
}

async function lastSeq(sandbox) {
	return (await sandbox.requests()).reduce((max, r) => Math.max(max, r.seq), 0);
}

module.exports = {
	timeoutMs: 10 * 60 * 1000,

	async prepare(ctx) {
		ctx.shared.seq = await lastSeq(ctx.sandbox);
	},

	async check({ run, assert, sandbox, shared, note }) {
		const out = run.json('Import URL');
		assert.equal(out.length, 1000);
		assert.ok(
			out.every((o) => !o.error && !o.skipped),
			'every row is a new entry',
		);
		assert.equal(new Set(out.map((o) => o.id)).size, 1000);
		const calls = await requestsSince(sandbox, shared.seq);
		const lookups = calls.filter((c) => c.service === 'media' && c.action === 'list');
		const batches = calls.filter((c) => c.service === 'multirequest');
		assert.equal(lookups.length, 2, 'reference IDs are looked up 500 per call');
		assert.equal(batches.length, 20, '50 entries per multirequest');
		assert.equal(calls.length, 22, `HTTP requests: ${calls.map((c) => `${c.service}.${c.action}`).join(', ')}`);
		note(`1,000 rows: ${calls.length} HTTP requests (${lookups.length} lookups + ${batches.length} batches)`);
		shared.seq = await lastSeq(sandbox);
	},

	runAgain: {
		async check({ run, assert, sandbox, shared, firstRun, note }) {
			const out = run.json('Import URL');
			assert.ok(
				out.every((o) => o.skipped === true),
				'a re-run finds every row',
			);
			assert.deepEqual(
				out.map((o) => o.id),
				firstRun.json('Import URL').map((o) => o.id),
				'the same entries, in order',
			);
			const calls = await requestsSince(sandbox, shared.seq);
			assert.deepEqual(
				calls.map((c) => `${c.service}.${c.action}`),
				['media.list', 'media.list'],
			);
			note(`re-run: ${calls.length} HTTP requests, nothing created`);
		},
	},
};
