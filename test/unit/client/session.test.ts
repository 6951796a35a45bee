import { createHash } from 'crypto';

import type { KalturaCredentials } from '../../../nodes/kaltura/client/credentials';
import { KalturaApiError } from '../../../nodes/kaltura/client/errors';
import type { SessionlessCaller } from '../../../nodes/kaltura/client/session';
import { KalturaSessionManager, SessionCache } from '../../../nodes/kaltura/client/session';

const secretCredentials: KalturaCredentials = {
	serviceUrl: 'https://kaltura.test',
	partnerId: 9,
	authType: 'secret',
	secret: 's3cret',
	sessionType: 2,
	sessionExpiry: 1000,
};

function manager(
	credentials: KalturaCredentials,
	caller: SessionlessCaller,
	clock: { now: number },
	cache = new SessionCache(),
	scope = 'exec-1',
) {
	return new KalturaSessionManager({ credentials, caller, scope, cache, now: () => clock.now });
}

const refuse: SessionlessCaller = async () => {
	throw new Error('no network expected');
};

describe('KalturaSessionManager', () => {
	it('reuses one session within an execution and renews it shortly before it expires', async () => {
		const clock = { now: 1_000_000 };
		const sessions = manager(secretCredentials, refuse, clock);
		const first = await sessions.getKs();
		clock.now += 500_000;
		expect(await sessions.getKs()).toBe(first);
		clock.now += 450_000; // 50 s left of 1000 s: inside the 10 % renewal margin
		expect(await sessions.getKs()).not.toBe(first);
	});

	it('does not share sessions between executions', async () => {
		const clock = { now: 1_000_000 };
		const cache = new SessionCache();
		const a = await manager(secretCredentials, refuse, clock, cache, 'exec-a').getKs();
		const b = await manager(secretCredentials, refuse, clock, cache, 'exec-b').getKs();
		expect(a).not.toBe(b);
		expect(await manager(secretCredentials, refuse, clock, cache, 'exec-a').getKs()).toBe(a);
	});

	it('starts an app-token session with the hash over the widget session + token, once for parallel callers', async () => {
		const calls: Array<{ service: string; action: string; params: Record<string, unknown>; ks?: string }> = [];
		const caller: SessionlessCaller = async (service, action, params, ks) => {
			calls.push({ service, action, params: params as Record<string, unknown>, ks });
			if (action === 'startWidgetSession') return { ks: 'djJ8widget', partnerId: 9 };
			return {
				objectType: 'KalturaSessionInfo',
				ks: 'djJ8apptoken-session',
				expiry: Math.floor(2_000_000 / 1000) + 600,
			};
		};
		const credentials: KalturaCredentials = {
			...secretCredentials,
			authType: 'appToken',
			secret: undefined,
			appTokenId: '0_tokenid',
			appToken: 'tokenvalue',
			appTokenHashType: 'SHA256',
		};
		const sessions = manager(credentials, caller, { now: 2_000_000 });
		const [a, b] = await Promise.all([sessions.getKs(), sessions.getKs()]);
		expect(a).toBe('djJ8apptoken-session');
		expect(b).toBe(a);
		expect(calls.map((c) => c.action)).toEqual(['startWidgetSession', 'startSession']);
		expect(calls[0].params).toMatchObject({ widgetId: '_9' });
		const expected = createHash('sha256').update('djJ8widgettokenvalue').digest('hex');
		expect(calls[1].params).toMatchObject({ id: '0_tokenid', tokenHash: expected });
		expect(calls[1].ks).toBe('djJ8widget');
		expect(JSON.stringify(calls)).not.toContain('"tokenvalue"');
	});

	it('renews after an EXPIRED answer but not after a permission error', async () => {
		const clock = { now: 5_000_000 };
		const sessions = manager(secretCredentials, refuse, clock);
		const ks = await sessions.getKs();
		const expired = new KalturaApiError(
			{
				objectType: 'KalturaAPIException',
				code: 'INVALID_KS',
				message: 'Invalid KS "EXPIRED", Error "-1,INVALID_STR"',
				args: { KSID: 'EXPIRED' },
			},
			'media',
			'get',
		);
		const renewed = await sessions.renewAfter(expired, ks);
		expect(renewed).toBeDefined();
		expect(renewed).not.toBe(ks);
		const forbidden = new KalturaApiError(
			{
				objectType: 'KalturaAPIException',
				code: 'SERVICE_FORBIDDEN',
				message: 'The access to service [media->list] is forbidden',
				args: { SERVICE: 'media->list' },
			},
			'media',
			'list',
		);
		expect(await sessions.renewAfter(forbidden, renewed!)).toBeUndefined();
	});
});
