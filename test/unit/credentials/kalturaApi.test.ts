/**
 * The "Kaltura API" credential against the sandbox: the Test n8n runs when a user clicks it (run
 * through n8n's own request engine), the KS it signs for other requests, and the nodes' own
 * sessions from n8n's contexts.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { KalturaApi } from '../../../credentials/KalturaApi.credentials';
import { KalturaLiveStream } from '../../../nodes/KalturaLiveStream/KalturaLiveStream.node';
import { getKalturaClient } from '../../../nodes/kaltura/transport/kalturaClient';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { apiCall } from '../../helpers/kalturaHttp';
import { loadOptionsContext, preAuthenticationCalls, runNode, testCredential } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';

let sandbox: Sandbox;
const credentialType = new KalturaApi();

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
});
afterAll(async () => {
	await sandbox.close();
});

/** The Test button: OK, or the message n8n shows. */
async function runCredentialTest(
	credentials: ICredentialDataDecryptedObject,
): Promise<{ ok: boolean; message: string }> {
	const result = await testCredential(credentials);
	return { ok: result.status === 'OK', message: result.message };
}

/** A client made the way a node's method gets it, from n8n's own context. */
async function clientFor(
	credentials: ICredentialDataDecryptedObject,
	settings?: Parameters<typeof getKalturaClient>[1],
) {
	return await getKalturaClient(await loadOptionsContext(new KalturaLiveStream(), credentials), settings);
}

async function newAppToken(hashType = 'SHA256'): Promise<{ id: string; token: string }> {
	const admin = await clientFor(sandboxCredentials(sandbox));
	return await admin.call<{ id: string; token: string }>('appToken', 'add', {
		appToken: { objectType: 'KalturaAppToken', hashType, sessionType: 2, description: 'n8n test' },
	});
}

describe('credential test', () => {
	it('passes with the right partner ID and admin secret', async () => {
		expect(await runCredentialTest(sandboxCredentials(sandbox))).toEqual({
			ok: true,
			message: 'Connection successful!',
		});
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
		expect(
			(await runCredentialTest(sandboxCredentials(sandbox, { secret: sandbox.userSecret, sessionType: 0 }))).ok,
		).toBe(true);
		expect(
			(await runCredentialTest(sandboxCredentials(sandbox, { secret: sandbox.userSecret, sessionType: 2 }))).ok,
		).toBe(false);
	});

	describe('in app token mode', () => {
		const withToken = (token: { id: string; token: string }, hashType = 'SHA256', extra: IDataObject = {}) =>
			sandboxCredentials(sandbox, {
				authType: 'appToken',
				appTokenId: token.id,
				appToken: token.token,
				hashType,
				...extra,
			});

		it('passes with the right ID, token and hash type', async () => {
			const token = await newAppToken();
			expect(await runCredentialTest(withToken(token))).toEqual({ ok: true, message: 'Connection successful!' });
		});

		it('says the token value is wrong', async () => {
			const token = await newAppToken();
			const result = await runCredentialTest(withToken({ ...token, token: 'not-the-token' }));
			expect(result).toEqual({ ok: false, message: expect.stringMatching(/^The App Token value is wrong/) });
			expect(result.message).not.toContain('not-the-token');
		});

		it('says the hash type is wrong, and which one the token has', async () => {
			const token = await newAppToken('SHA1');
			const result = await runCredentialTest(withToken(token, 'SHA256'));
			expect(result).toEqual({
				ok: false,
				message:
					'The Hash Type is wrong: this app token was created with SHA-1, not SHA-256. Choose SHA-1 as the Hash Type.',
			});
			expect(result.message).not.toContain(token.token);
		});

		it('says an App Token ID does not exist, and a partner does not exist', async () => {
			const unknown = await runCredentialTest(withToken({ id: '0_nosuchtk', token: 'y' }));
			expect(unknown.message).toMatch(/App Token ID "0_nosuchtk" does not exist for partner 100/);
			const partner = await runCredentialTest(withToken({ id: '0_x', token: 'y' }, 'SHA256', { partnerId: 4242 }));
			expect(partner.message).toMatch(/Partner ID 4242 does not exist/);
		});

		it('checks a token once: later tests and runs with it make no extra calls; a wrong one fails a run precisely', async () => {
			const token = await newAppToken();
			const checks = () => sandbox.requestLog.find('apptoken', 'startsession').length;
			sandbox.requestLog.clear();
			expect(await runCredentialTest(withToken(token))).toMatchObject({ ok: true });
			expect(checks()).toBe(1);
			const run = async (credentials: ICredentialDataDecryptedObject) =>
				await runNode({
					node: new KalturaLiveStream(),
					parameters: { operation: 'create', name: 'Token run' },
					credentials,
				});
			const first = await run(withToken(token));
			expect(first.error).toBeUndefined();
			expect(first.json[0]).toMatchObject({ name: 'Token run' });
			await run(withToken(token));
			// The nodes' own sessions: one per run. The check itself ran once, for the Test.
			expect(checks()).toBe(3);
			expect(preAuthenticationCalls.length).toBeGreaterThan(2);

			const wrong = await run(withToken({ ...token, token: 'not-the-token' }));
			expect(wrong.error?.message).toMatch(/^The App Token value is wrong/);
		});
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
		const options = await credentialType.authenticate(
			sandboxCredentials(sandbox, { userId: 'round-trip', privileges: 'disableentitlement' }),
			{
				url: `${sandbox.url}/api_v3/service/session/action/get`,
				method: 'POST',
				body: { format: 1 },
			},
		);
		const ks = String((options.qs as IDataObject).ks);
		expect(ks.startsWith('djJ8')).toBe(true);
		const info = await apiCall(sandbox.url, 'session', 'get', { ks });
		expect(info).toMatchObject({
			partnerId: sandbox.partnerId,
			userId: 'round-trip',
			sessionType: 2,
			privileges: 'disableentitlement',
		});
	});

	it('gives nodes a working client with the admin secret, the user secret and an app token', async () => {
		const admin = await clientFor(sandboxCredentials(sandbox));
		expect(await admin.call('system', 'ping')).toBe(true);
		const listed = await admin.call<{ totalCount: number }>('media', 'list', {});
		expect(typeof listed.totalCount).toBe('number');

		const user = await clientFor(sandboxCredentials(sandbox, { secret: sandbox.userSecret, sessionType: 0 }));
		expect(await user.call('media', 'list', {})).toMatchObject({ objectType: 'KalturaMediaListResponse' });

		const token = await newAppToken();
		const viaToken = await clientFor(
			sandboxCredentials(sandbox, {
				authType: 'appToken',
				appTokenId: token.id,
				appToken: token.token,
				hashType: 'SHA256',
			}),
		);
		expect(await viaToken.call('media', 'list', {})).toMatchObject({ objectType: 'KalturaMediaListResponse' });
	});

	it('reports an unknown app token clearly, without the token, and without retrying', async () => {
		const client = await clientFor(
			sandboxCredentials(sandbox, {
				authType: 'appToken',
				appTokenId: '0_nosuchtk',
				appToken: 'super-secret-token',
				hashType: 'SHA256',
			}),
		);
		const error = await client.call('media', 'list', {}).then(
			() => null,
			(e: unknown) => e as Error & { code?: string },
		);
		expect(error).toMatchObject({
			name: 'KalturaCredentialError',
			message: 'App Token ID "0_nosuchtk" does not exist for partner 100. Check the App Token ID.',
		});
		expect(JSON.stringify(error) + String(error?.message)).not.toContain('super-secret-token');
	});

	it('explains an unreachable service URL', async () => {
		const client = await clientFor(sandboxCredentials({ ...sandbox, url: 'http://127.0.0.1:9' }), {
			retry: { retries: 0 },
		});
		await expect(client.call('system', 'ping')).rejects.toThrow(/127\.0\.0\.1:9|reach|connect/i);
	});
});
