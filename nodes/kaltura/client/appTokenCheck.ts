import { createHash } from 'crypto';

import { KalturaAppTokenHashType, type KalturaAppTokenHashTypeValue } from './enums';
import { hintFor } from './errors';
import { redactSessionsStrict } from './redact';
import type { KalturaParams, KalturaStartWidgetSessionResponse } from './types';
import { isKalturaApiException } from './types';

/** Posts one Kaltura API call (JSON, format=1) and returns the decoded answer. */
export type KalturaPost = (service: string, action: string, params: KalturaParams) => Promise<unknown>;

export interface AppTokenToCheck {
	partnerId: number;
	appTokenId: string;
	appToken: string;
	hashType: KalturaAppTokenHashTypeValue;
}

export type AppTokenVerdict = { ok: true } | { ok: false; message: string };

const HASH_NAMES: Record<KalturaAppTokenHashTypeValue, string> = {
	MD5: 'MD5',
	SHA1: 'SHA-1',
	SHA256: 'SHA-256',
	SHA512: 'SHA-512',
};

function tokenHash(hashType: KalturaAppTokenHashTypeValue, widgetKs: string, token: string): string {
	return createHash(hashType.toLowerCase()).update(`${widgetKs}${token}`, 'utf8').digest('hex');
}

/** A session, as appToken.startSession returns it (KalturaSessionInfo with its ks). */
function startedSession(answer: unknown): boolean {
	return typeof answer === 'object' && answer !== null && typeof (answer as { ks?: unknown }).ks === 'string';
}

/** Anything but a Kaltura answer: the Service URL most likely points at something else. */
function unexpected(call: string, answer: unknown): AppTokenVerdict {
	const shown = redactSessionsStrict(String(typeof answer === 'string' ? answer : JSON.stringify(answer))).slice(0, 80);
	return {
		ok: false,
		message: `The Service URL did not answer ${call} as Kaltura does (${shown}). Check the Service URL.`,
	};
}

function failure(answer: { code: string; message?: string }): AppTokenVerdict {
	const hint = hintFor(answer.code);
	return { ok: false, message: `${answer.message ?? answer.code} [${answer.code}]${hint ? `. ${hint}` : ''}` };
}

/**
 * Starts a session with the app token the way the nodes will (a widget session, then the token's
 * hash over it), and says precisely what is wrong when Kaltura refuses: an unknown App Token ID,
 * a wrong Hash Type (the token works with another one, named), or a wrong token value. Kaltura
 * answers a wrong value and a wrong hash type alike, so the other hash types are tried to tell
 * them apart. The token itself never leaves this machine and never appears in a message.
 */
export async function checkAppToken(post: KalturaPost, token: AppTokenToCheck): Promise<AppTokenVerdict> {
	// The messages never quote a session: the widget KS is unprivileged, but a KS all the same.
	const widget = await post('session', 'startWidgetSession', {
		widgetId: `_${token.partnerId}`,
		partnerId: token.partnerId,
	});
	if (isKalturaApiException(widget)) {
		if (widget.code === 'INVALID_WIDGET_ID') {
			return { ok: false, message: `Partner ID ${token.partnerId} does not exist on this Kaltura server.` };
		}
		return failure(widget);
	}
	const widgetKs = (widget as Partial<KalturaStartWidgetSessionResponse> | null)?.ks;
	if (typeof widgetKs !== 'string' || widgetKs === '') return unexpected('session.startWidgetSession', widget);
	const start = async (hashType: KalturaAppTokenHashTypeValue) =>
		await post('appToken', 'startSession', {
			ks: widgetKs,
			partnerId: token.partnerId,
			id: token.appTokenId,
			tokenHash: tokenHash(hashType, widgetKs, token.appToken),
		});

	const answer = await start(token.hashType);
	if (startedSession(answer)) return { ok: true };
	if (!isKalturaApiException(answer)) return unexpected('appToken.startSession', answer);
	if (answer.code === 'APP_TOKEN_ID_NOT_FOUND') {
		return {
			ok: false,
			message: `App Token ID "${token.appTokenId}" does not exist for partner ${token.partnerId}. Check the App Token ID.`,
		};
	}
	if (answer.code !== 'INVALID_APP_TOKEN_HASH') return failure(answer);

	for (const other of Object.values(KalturaAppTokenHashType)) {
		if (other === token.hashType) continue;
		if (startedSession(await start(other))) {
			return {
				ok: false,
				message: `The Hash Type is wrong: this app token was created with ${HASH_NAMES[other]}, not ${HASH_NAMES[token.hashType]}. Choose ${HASH_NAMES[other]} as the Hash Type.`,
			};
		}
	}
	return {
		ok: false,
		message: `The App Token value is wrong: Kaltura refused it for App Token ID "${token.appTokenId}" with every hash type. Paste the token's "token" value again.`,
	};
}

/** How long a verified app token is taken as good without asking Kaltura again. */
const REMEMBER_MS = 15 * 60_000;
const MAX_REMEMBERED = 200;

/**
 * App tokens this process has verified lately, by a fingerprint of everything that makes them
 * work (never the token itself): the check costs two calls, and n8n asks for it before every
 * request of a credential whose check value is empty.
 */
export class VerifiedAppTokens {
	private readonly verified = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	static fingerprint(serviceUrl: string, token: AppTokenToCheck): string {
		const parts = [serviceUrl, token.partnerId, token.appTokenId, token.hashType, token.appToken];
		return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
	}

	has(fingerprint: string): boolean {
		const at = this.verified.get(fingerprint);
		return at !== undefined && this.now() - at < REMEMBER_MS;
	}

	remember(fingerprint: string): void {
		this.verified.delete(fingerprint);
		this.verified.set(fingerprint, this.now());
		// Map keeps insertion order: the oldest go first.
		while (this.verified.size > MAX_REMEMBERED) this.verified.delete(this.verified.keys().next().value as string);
	}
}
