import { createHash } from 'crypto';

import { KalturaAppTokenHashType, type KalturaAppTokenHashTypeValue } from './enums';
import { hintFor } from './errors';
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
	const widget = await post('session', 'startWidgetSession', { widgetId: `_${token.partnerId}`, partnerId: token.partnerId });
	if (isKalturaApiException(widget)) {
		if (widget.code === 'INVALID_WIDGET_ID') {
			return { ok: false, message: `Partner ID ${token.partnerId} does not exist on this Kaltura server.` };
		}
		return failure(widget);
	}
	const widgetKs = (widget as KalturaStartWidgetSessionResponse).ks;
	const start = async (hashType: KalturaAppTokenHashTypeValue) =>
		await post('appToken', 'startSession', {
			ks: widgetKs,
			partnerId: token.partnerId,
			id: token.appTokenId,
			tokenHash: tokenHash(hashType, widgetKs, token.appToken),
		});

	const answer = await start(token.hashType);
	if (!isKalturaApiException(answer)) return { ok: true };
	if (answer.code === 'APP_TOKEN_ID_NOT_FOUND') {
		return { ok: false, message: `App Token ID "${token.appTokenId}" does not exist for partner ${token.partnerId}. Check the App Token ID.` };
	}
	if (answer.code !== 'INVALID_APP_TOKEN_HASH') return failure(answer);

	for (const other of Object.values(KalturaAppTokenHashType)) {
		if (other === token.hashType) continue;
		if (!isKalturaApiException(await start(other))) {
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
