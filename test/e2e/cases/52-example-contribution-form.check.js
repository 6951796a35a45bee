'use strict';
// examples/contribution-form-upload.json as shipped, published in `n8n start`: the harness fills
// in the form like a contributor (multipart POST with a file); the upload lands in the sandbox
// byte for byte, READY, and the notification is addressed to the contributor. A second
// contributor sends a text file: Kaltura cannot process it, and the failure alert names why.
const crypto = require('crypto');

module.exports = {
	async check({ form, executions, assert, sandbox, MiB, note }) {
		const bytes = Buffer.concat([
			Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'),
			crypto.randomBytes(5 * MiB),
		]);
		const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
		const res = await form('kaltura-contribute', () => {
			const body = new FormData();
			body.append('field-0', 'e2e contributed talk');
			body.append('field-1', 'Sent through the form');
			body.append('field-2', 'speaker@example.com');
			body.append('field-3', new Blob([bytes], { type: 'video/mp4' }), 'my-talk.mp4');
			return { method: 'POST', body };
		});
		const text = await res.text();
		assert.equal(res.status, 200, `form answered HTTP ${res.status}: ${text.slice(0, 300)}`);

		const [execution] = await executions({ count: 1, timeoutMs: 120000 });
		assert.equal(execution.status, 'success', `execution ${execution.id} ${execution.status}`);
		const [upload] = execution.result.json('Upload File');
		assert.equal(upload.status, 'READY');
		assert.equal(upload.name, 'e2e contributed talk');
		assert.equal(upload.fileName, 'my-talk.mp4');
		const stored = await sandbox.sha256(upload.id);
		assert.equal(stored.sha256, sha256, 'stored bytes differ from the uploaded file');
		const [notice] = execution.result.json('Compose Notification');
		assert.equal(notice.to, 'speaker@example.com');
		assert.equal(notice.entryId, upload.id);

		const wrong = await form('kaltura-contribute', () => {
			const body = new FormData();
			body.append('field-0', 'e2e wrong file');
			body.append('field-2', 'someone@example.com');
			body.append(
				'field-3',
				new Blob([Buffer.from('meeting notes, not a recording\n'.repeat(200))], { type: 'text/plain' }),
				'notes.txt',
			);
			return { method: 'POST', body };
		});
		assert.equal(wrong.status, 200, `form answered HTTP ${wrong.status}`);
		const [, failedRun] = await executions({ count: 2, timeoutMs: 120000 });
		assert.equal(
			failedRun.status,
			'success',
			`execution ${failedRun.id} ${failedRun.status}: the error branch should catch the failure`,
		);
		const [alert] = failedRun.result.json('Compose Failure Alert');
		assert.equal(alert.to, 'video-admins@example.com');
		assert.match(alert.subject, /e2e wrong file/);
		assert.match(alert.text, /failed with status ERROR_CONVERTING/);
		assert.match(alert.text, /Entry: 0_/);
		assert.throws(() => failedRun.result.itemsOf('Compose Notification'), /did not run/);
		note(`entry ${upload.id}; text file → "${alert.text.split('\n')[2]}"`);
	},
};
