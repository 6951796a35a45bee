import { KalturaAppTokenHashType, KalturaSessionType } from './enums';
import { maskUrlPassword } from './redact';
import type { KalturaAppTokenHashTypeValue } from './enums';

/** The Kaltura API credential, as the client needs it (field names match the n8n credential). */
export interface KalturaCredentials {
	serviceUrl: string;
	partnerId: number;
	authType: 'secret' | 'appToken';
	/** Admin secret (sessions generated locally) or user secret (sessions from session.start). */
	secret?: string;
	userId?: string;
	/** 0 = USER, 2 = ADMIN. */
	sessionType: number;
	privileges?: string;
	/** Session lifetime in seconds. */
	sessionExpiry: number;
	appTokenId?: string;
	appToken?: string;
	appTokenHashType?: KalturaAppTokenHashTypeValue;
}

export const DEFAULT_SERVICE_URL = 'https://www.kaltura.com';
export const DEFAULT_SESSION_EXPIRY = 86_400;

/** Thrown when the stored credential cannot work at all; the message says which field to fix. */
export class KalturaCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'KalturaCredentialError';
	}
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * The server root, from what people paste: "https://x.kaltura.com/", ".../api_v3", or a KMC page
 * address (".../index.php/kmcng/...") all mean the same server.
 */
export function normaliseServiceUrl(raw: string): string {
	let url = raw.trim().replace(/\/+$/, '');
	url = url.replace(/\/api_v3(\/.*)?$/i, '');
	url = url.replace(/\/index\.php(\/.*)?$/i, '');
	url = url.replace(/\/kmc(ng)?(\/.*)?$/i, '');
	return url.replace(/\/+$/, '');
}

function serviceUrlProblem(serviceUrl: string): string | undefined {
	if (serviceUrl === '')
		return 'The Service URL in the Kaltura API credential is empty. Use e.g. https://www.kaltura.com.';
	const shown = maskUrlPassword(serviceUrl);
	let parsed: URL;
	try {
		parsed = new URL(serviceUrl);
	} catch {
		return `The Service URL "${shown}" is not a web address. Use e.g. https://www.kaltura.com.`;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return `The Service URL "${shown}" is not an http(s) address. Use e.g. https://www.kaltura.com.`;
	}
	if (parsed.search !== '' || parsed.hash !== '') {
		return `The Service URL "${shown}" has a query or fragment (after ? or #). Give the server address only, e.g. https://www.kaltura.com.`;
	}
	return undefined;
}

/** Validates and normalises the raw credential data n8n hands over. */
export function parseKalturaCredentials(data: Record<string, unknown>): KalturaCredentials {
	const serviceUrl = normaliseServiceUrl(data.serviceUrl === undefined ? DEFAULT_SERVICE_URL : text(data.serviceUrl));
	const problem = serviceUrlProblem(serviceUrl);
	if (problem) throw new KalturaCredentialError(problem);
	const partnerId = Number(data.partnerId);
	if (!Number.isInteger(partnerId) || partnerId < 0 || text(data.partnerId) === '') {
		throw new KalturaCredentialError(
			'The Partner ID in the Kaltura API credential must be a whole number (KMC → Settings → Integration Settings).',
		);
	}
	const authType = text(data.authType) === 'appToken' ? 'appToken' : 'secret';
	const sessionTypeRaw = Number(data.sessionType ?? KalturaSessionType.ADMIN);
	const sessionType = sessionTypeRaw === KalturaSessionType.USER ? KalturaSessionType.USER : KalturaSessionType.ADMIN;
	const expiryRaw = Number(data.sessionExpiry ?? DEFAULT_SESSION_EXPIRY);
	const sessionExpiry = Number.isFinite(expiryRaw) && expiryRaw >= 60 ? Math.floor(expiryRaw) : DEFAULT_SESSION_EXPIRY;

	const credentials: KalturaCredentials = {
		serviceUrl,
		partnerId,
		authType,
		sessionType,
		sessionExpiry,
		userId: text(data.userId) || undefined,
		privileges: text(data.privileges) || undefined,
	};
	if (authType === 'secret') {
		credentials.secret = text(data.secret);
		if (!credentials.secret) {
			throw new KalturaCredentialError(
				'The Kaltura API credential has no secret. Paste the admin secret (or user secret) from KMC → Settings → Integration Settings.',
			);
		}
	} else {
		credentials.appTokenId = text(data.appTokenId);
		credentials.appToken = text(data.appToken);
		const hash = text(data.hashType).toUpperCase();
		credentials.appTokenHashType = (Object.values(KalturaAppTokenHashType) as string[]).includes(hash)
			? (hash as KalturaAppTokenHashTypeValue)
			: KalturaAppTokenHashType.SHA256;
		if (!credentials.appTokenId || !credentials.appToken) {
			throw new KalturaCredentialError(
				'The Kaltura API credential uses an app token but its App Token ID or App Token value is empty.',
			);
		}
	}
	return credentials;
}

/** The values that must never be shown: used to scrub error texts. */
export function secretsOf(credentials: KalturaCredentials): string[] {
	return [credentials.secret, credentials.appToken].filter((s): s is string => !!s);
}
