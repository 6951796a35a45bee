import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	checkAppToken,
	VerifiedAppTokens,
	type AppTokenToCheck,
	type KalturaPost,
} from '../nodes/kaltura/client/appTokenCheck';
import { KalturaCredentialError, parseKalturaCredentials } from '../nodes/kaltura/client/credentials';
import { generateKsV2 } from '../nodes/kaltura/client/ks';

/** Marks the credential test request, which `authenticate` fills in (it knows the secret). */
const TEST_MARKER = 'kalturaCredentialTest';

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && !Array.isArray(value);
}

function hasKs(options: IHttpRequestOptions): boolean {
	if (options.qs && options.qs.ks !== undefined) return true;
	return isPlainObject(options.body) && options.body.ks !== undefined;
}

/**
 * The credential test: one call that starts a session the way the credential will
 * (session.start accepts both admin and user secrets; app tokens need the partner's widget
 * session first), sent as a multirequest so the secret travels in the body, never in a URL.
 * Kaltura's answer tells a wrong partner ID or secret apart from a working one.
 */
function credentialTestBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	const partnerId = Number(credentials.partnerId);
	const common = { format: 1, clientTag: 'n8n-nodes-kaltura-ingestion:credential-test', partnerId };
	if (credentials.authType === 'appToken') {
		return {
			...common,
			'1': { service: 'session', action: 'startWidgetSession', widgetId: `_${partnerId}` },
		};
	}
	return {
		...common,
		'1': {
			service: 'session',
			action: 'start',
			secret: String(credentials.secret ?? '').trim(),
			userId: String(credentials.userId ?? ''),
			type: Number(credentials.sessionType ?? 2),
			partnerId,
			expiry: 300,
			privileges: String(credentials.privileges ?? ''),
		},
	};
}

const verifiedAppTokens = new VerifiedAppTokens();

/** Kaltura's JSON API through n8n's HTTP helper (proxies and n8n's settings apply). */
function postThrough(helper: IHttpRequestHelper, serviceUrl: string): KalturaPost {
	return async (service, action, params) =>
		(await helper.helpers.httpRequest({
			method: 'POST',
			url: `${serviceUrl}/api_v3/service/${service.toLowerCase()}/action/${action}`,
			headers: { 'Content-Type': 'application/json' },
			body: { format: 1, clientTag: 'n8n-nodes-kaltura-ingestion:credential-test', ...params },
			json: true,
		})) as unknown;
}

export class KalturaApi implements ICredentialType {
	name = 'kalturaApi';

	displayName = 'Kaltura API';

	icon: Icon = { light: 'file:../icons/kaltura.svg', dark: 'file:../icons/kaltura.dark.svg' };

	documentationUrl = 'https://github.com/kaltura-n8n/n8n-nodes-kaltura-ingestion#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: 'https://www.kaltura.com',
			placeholder: 'https://www.kaltura.com',
			description:
				'The address of your Kaltura server. Kaltura SaaS is https://www.kaltura.com; a self-hosted or regional Kaltura has its own address.',
			required: true,
		},
		{
			displayName: 'Partner ID',
			name: 'partnerId',
			type: 'number',
			default: 0,
			description: 'Your Kaltura account number, shown in KMC under Settings → Integration Settings',
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Admin or User Secret',
					value: 'secret',
					description: 'Sessions are signed locally with the secret from KMC → Settings → Integration Settings',
				},
				{
					name: 'App Token',
					value: 'appToken',
					description: "Kaltura's recommended least-privilege way: a token with its own role and limits",
				},
			],
			default: 'secret',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The admin secret (recommended: sessions are created locally without a network call) or the user secret (sessions are started on the server; User session type only)',
			displayOptions: { show: { authType: ['secret'] } },
		},
		{
			displayName: 'App Token ID',
			name: 'appTokenId',
			type: 'string',
			default: '',
			placeholder: '1_abc12xyz',
			description: 'The ID of the app token, as returned by appToken.add',
			displayOptions: { show: { authType: ['appToken'] } },
		},
		{
			displayName: 'App Token',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The token value (the "token" field of the app token), never sent over the network',
			displayOptions: { show: { authType: ['appToken'] } },
		},
		{
			displayName: 'Hash Type',
			name: 'hashType',
			type: 'options',
			options: [
				{ name: 'MD5', value: 'MD5' },
				{ name: 'SHA-1', value: 'SHA1' },
				{ name: 'SHA-256', value: 'SHA256' },
				{ name: 'SHA-512', value: 'SHA512' },
			],
			default: 'SHA256',
			description: 'The hash type the app token was created with',
			displayOptions: { show: { authType: ['appToken'] } },
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			placeholder: 'ingest-bot@example.com',
			description:
				'The Kaltura user the sessions act as; new entries are owned by this user unless a node sets another owner. Leave empty for the partner itself.',
		},
		{
			displayName: 'Session Type',
			name: 'sessionType',
			type: 'options',
			options: [
				{ name: 'Admin', value: 2, description: 'Full access to the partner (needed for most ingestion)' },
				{ name: 'User', value: 0, description: "Limited to the user's own entries" },
			],
			default: 2,
		},
		{
			displayName: 'Privileges',
			name: 'privileges',
			type: 'string',
			default: '',
			placeholder: 'disableentitlement',
			description:
				'Optional session privileges, comma-separated (e.g. disableentitlement or edit:*). Leave empty for none.',
		},
		{
			// A hidden "expirable" property that stays empty makes n8n call preAuthentication (below)
			// before the credential's requests, the Test included. preAuthentication never fills it,
			// so n8n never writes anything back to the stored credential.
			displayName: 'App Token Verified',
			name: 'verifiedAt',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{
			displayName: 'Session Lifetime (Seconds)',
			name: 'sessionExpiry',
			type: 'number',
			typeOptions: { minValue: 60 },
			default: 86400,
			description: 'How long each session stays valid; sessions are renewed before they run out',
		},
	];

	/**
	 * Our nodes manage their sessions themselves and send requests that already carry a KS.
	 * Any other request made with this credential (the credential test, or the HTTP Request node)
	 * gets a locally signed session here when the credential holds an admin secret.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		if (isPlainObject(requestOptions.body) && requestOptions.body[TEST_MARKER] === true) {
			return { ...requestOptions, body: credentialTestBody(credentials) };
		}
		if (hasKs(requestOptions)) return requestOptions;
		// Raw bodies come from this package's client, which puts its session inside them.
		if (typeof requestOptions.body === 'string' || Buffer.isBuffer(requestOptions.body)) return requestOptions;
		if (credentials.authType === 'appToken' || !credentials.secret) return requestOptions;
		const ks = generateKsV2({
			partnerId: Number(credentials.partnerId),
			adminSecret: String(credentials.secret).trim(),
			userId: String(credentials.userId ?? ''),
			type: Number(credentials.sessionType ?? 2),
			expirySeconds: 3600,
			privileges: String(credentials.privileges ?? ''),
		});
		return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), ks } };
	};

	/**
	 * For an app token, which the declarative test below cannot hash: starts a session with it and
	 * fails (the Test, or the first request of a run) saying which value is wrong — the ID, the
	 * hash type (naming the right one) or the token. A token verified lately is not checked
	 * again, and admin or user secrets need nothing here. Nothing is returned to store.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (credentials.authType !== 'appToken') return {};
		const parsed = parseKalturaCredentials(credentials);
		const token: AppTokenToCheck = {
			partnerId: parsed.partnerId,
			appTokenId: parsed.appTokenId ?? '',
			appToken: parsed.appToken ?? '',
			hashType: parsed.appTokenHashType ?? 'SHA256',
		};
		const fingerprint = VerifiedAppTokens.fingerprint(parsed.serviceUrl, token);
		if (verifiedAppTokens.has(fingerprint)) return {};
		const verdict = await checkAppToken(postThrough(this, parsed.serviceUrl), token);
		if (!verdict.ok) throw new KalturaCredentialError(verdict.message);
		verifiedAppTokens.remember(fingerprint);
		return {};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.serviceUrl).replace(/\\/+$/, "")}}',
			url: '/api_v3/service/multirequest',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { [TEST_MARKER]: true },
			json: true,
		},
		// n8n splits an array answer into items and checks the rules against the first one only,
		// so they look at the session call: its error names what is wrong with the credential.
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'START_SESSION_ERROR',
					message:
						'Kaltura could not start a session: the Partner ID or the secret is wrong (an Admin session type needs the admin secret).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'INVALID_WIDGET_ID',
					message: 'This Partner ID does not exist on this Kaltura server.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'objectType',
					value: 'KalturaAPIException',
					message: 'Kaltura rejected the Partner ID or the secret.',
				},
			},
		],
	};
}
