/**
 * The "Kaltura API" credential against the sandbox: the credential test n8n runs when a user
 * clicks "Test", the KS it signs for other requests, and the nodes' own sessions.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { KalturaApi } from '../../../credentials/KalturaApi.credentials';
import { getKalturaClient } from '../../../nodes/kaltura/transport/kalturaClient';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { apiCall } from '../../helpers/kalturaHttp';
import { createExecuteContext, sandboxCredentials } from '../../helpers/n8nContext';

let sandbox: Sandbox;
const credentialType = new KalturaApi();

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
});
afterAll(async () => {
	await sandbox.close();
});

function valueAt(body: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as IDataObject)[k] : undefined), body);
}

/**
 * Runs the credential's declarative test the way n8n does: the request through `authenticate`,
 * then the first `responseSuccessBody` rule whose key holds its value in the first answer item
 * fails the test.
 */
async function runCredentialTest(credentials: ICredentialDataDecryptedObject): Promise<{ ok: boolean; message: string }> {
	const template = credentialType.test.request;
	const request: IHttpRequestOptions = {
		url: `${String(credentials.serviceUrl).replace(/\/+$/, '')}${template.url}`,
		method: template.method,
		headers: template.headers as IDataObject,
		body: template.body as IDataObject,
	};
	const authenticated = await credentialType.authenticate(credentials, request);
	const res = await fetch(authenticated.url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(authenticated.body),
	});
	// n8n turns an array answer into items and checks the rules on the first item only.
	const answer: unknown = await res.json();
	const body = Array.isArray(answer) ? answer[0] : answer;
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (valueAt(body, rule.properties.key) === rule.properties.value) return { ok: false, message: rule.properties.message };
	}
	return { ok: true, message: 'Connection tested successfully' };
}

describe('credential test', () => {
	it('passes with the right partner ID and admin secret', async () => {
		expect(await runCredentialTest(sandboxCredentials(sandbox))).toEqual({ ok: true, message: 'Connection tested successfully' });
	});

	it('says the partner ID or secret is wrong for a wrong secret', async () => {
		const result = await runCredentialTest(sandboxCredentials(sandbox, { secret: 'not-the-secret' }));
		expect(result.ok).toBe(false);
		expect(result.message).toMatch(/Partner ID or the secret is wrong/);
	});

	it('says the same for a wrong partner ID', async () => {
		const result = await runCredentialTest(sandboxCredentials(sandbox, { partnerId: 999 }));
		expect(result.message).toMatch(/Partner ID or the secret is wrong/);
	});

	it('accepts a user secret for a User session and refuses it for an Admin session', async () => {
		expect((await runCredentialTest(sandboxCredentials(sandbox, { secret: sandbox.userSecret, sessionType: 0 }))).ok).toBe(true);
		expect((await runCredentialTest(sandboxCredentials(sandbox, { secret: sandbox.userSecret, sessionType: 2 }))).ok).toBe(false);
	});

	it('checks the partner in app token mode', async () => {
		const appToken = { authType: 'appToken', appTokenId: '0_x', appToken: 'y', hashType: 'SHA256' };
		expect((await runCredentialTest(sandboxCredentials(sandbox, appToken))).ok).toBe(true);
		const wrong = await runCredentialTest(sandboxCredentials(sandbox, { ...appToken, partnerId: 4242 }));
		expect(wrong.message).toMatch(/Partner ID does not exist/);
	});

	it('never sends the secret anywhere but the session.start call', async () => {
		const options = await credentialType.authenticate(sandboxCredentials(sandbox), {
			url: 'x',
			body: { kalturaCredentialTest: true },
		});
		const body = options.body as IDataObject;
		expect(JSON.stringify({ ...body, '1': undefined })).not.toContain(sandbox.adminSecret);
	});
});

describe('sessions signed with the credential', () => {
	it('round-trips a locally generated KS v2 through the server (HTTP Request node path)', async () => {
		const options = await credentialType.authenticate(sandboxCredentials(sandbox, { userId: 'round-trip', privileges: 'disableentitlement' }), {
			url: `${sandbox.url}/api_v3/service/session/action/get`,
			method: 'POST',
			body: { format: 1 },
		});
		const ks = String((options.qs as IDataObject).ks);
		expect(ks.startsWith('djJ8')).toBe(true);
		const info = await apiCall(sandbox.url, 'session', 'get', { ks });
		expect(info).toMatchObject({ partnerId: sandbox.partnerId, userId: 'round-trip', sessionType: 2, privileges: 'disableentitlement' });
	});

	it('gives nodes a working client with the admin secret, the user secret and an app token', async () => {
		const admin = await getKalturaClient(createExecuteContext({ credentials: sandboxCredentials(sandbox), parameters: {} }).context);
		expect(await admin.call('system', 'ping')).toBe(true);
		const listed = await admin.call<{ totalCount: number }>('media', 'list', {});
		expect(typeof listed.totalCount).toBe('number');

		const user = await getKalturaClient(
			createExecuteContext({ credentials: sandboxCredentials(sandbox, { secret: sandbox.userSecret, sessionType: 0 }), parameters: {} }).context,
		);
		expect(await user.call('media', 'list', {})).toMatchObject({ objectType: 'KalturaMediaListResponse' });

		const token = await admin.call<{ id: string; token: string }>('appToken', 'add', {
			appToken: { objectType: 'KalturaAppToken', hashType: 'SHA256', sessionType: 2, description: 'n8n test' },
		});
		const viaToken = await getKalturaClient(
			createExecuteContext({
				credentials: sandboxCredentials(sandbox, { authType: 'appToken', appTokenId: token.id, appToken: token.token, hashType: 'SHA256' }),
				parameters: {},
				executionId: 'app-token-run',
			}).context,
		);
		expect(await viaToken.call('media', 'list', {})).toMatchObject({ objectType: 'KalturaMediaListResponse' });
	});

	it('reports a wrong app token with Kaltura\'s code and without the token', async () => {
		const client = await getKalturaClient(
			createExecuteContext({
				credentials: sandboxCredentials(sandbox, { authType: 'appToken', appTokenId: '0_nosuchtk', appToken: 'super-secret-token', hashType: 'SHA256' }),
				parameters: {},
				executionId: 'bad-token-run',
			}).context,
		);
		const error = await client.call('media', 'list', {}).then(
			() => null,
			(e: unknown) => e as Error & { code?: string },
		);
		expect(error?.code).toBe('APP_TOKEN_ID_NOT_FOUND');
		expect(JSON.stringify(error) + String(error?.message)).not.toContain('super-secret-token');
	});

	it('explains an unreachable service URL', async () => {
		const client = await getKalturaClient(
			createExecuteContext({ credentials: sandboxCredentials({ ...sandbox, url: 'http://127.0.0.1:9' }), parameters: {} }).context,
			{ retry: { retries: 0 } },
		);
		await expect(client.call('system', 'ping')).rejects.toThrow(/127\.0\.0\.1:9|reach|connect/i);
	});
});
