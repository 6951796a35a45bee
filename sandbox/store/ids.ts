/** Id formats of the real server (entry::calculateId, UploadToken::calculateId). */
import * as crypto from 'crypto';

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

/** kString::generateStringId: 8 chars of [0-9a-z]. */
export function stringId(length = 8): string {
	const bytes = crypto.randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += ALNUM[bytes[i] % ALNUM.length];
	return out;
}

export function entryId(dc: number): string {
	return `${dc}_${stringId()}`;
}

export function appTokenId(dc: number): string {
	return `${dc}_${stringId()}`;
}

export function uploadTokenId(dc: number): string {
	return `${dc}_${crypto.randomBytes(16).toString('hex')}`;
}
