'use strict';
// Plumbing proof with n8n's own nodes only: the imported credential resolves, its `authenticate`
// signs a session (KS) for the HTTP Request node, and the sandbox accepts it.
module.exports = {
	async check({ run, assert, sandbox }) {
		const [response] = run.json('List Entries');
		assert.equal(
			response.objectType,
			'KalturaMediaListResponse',
			`sandbox answered ${JSON.stringify(response).slice(0, 300)}`,
		);
		assert.equal(typeof response.totalCount, 'number');
		// The request reached the sandbox with a session.
		const log = await sandbox.requests();
		const call = log.filter((r) => r.service === 'media' && r.action === 'list').pop();
		assert.ok(call, 'the sandbox logged no media.list call');
		assert.equal(call.errorCode, null, `media.list failed in the sandbox: ${call.errorCode}`);
	},
};
