import { createCipheriv, createHash, randomBytes } from 'crypto';

export interface KsV2Options {
	partnerId: number;
	/** The partner's admin secret: KS v2 is always signed with it, whatever the session type. */
	adminSecret: string;
	userId?: string;
	/** 0 = USER, 2 = ADMIN. */
	type: number;
	/** Seconds from now. */
	expirySeconds: number;
	/** Comma-separated `name` or `name:value` privileges, e.g. `disableentitlement,edit:*`. */
	privileges?: string;
	/** Injectable clock (Unix seconds) for tests. */
	now?: number;
}

/**
 * Encodes one key or value the way PHP's http_build_query does (RFC 1738: space becomes `+`).
 * Kaltura parses the decrypted fields with parse_str, so any form encoding round-trips.
 */
function formEncode(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

/** Turns `a:1,b,*` into the ordered KS field list `a=1&b=&all=*`. */
function privilegeFields(privileges: string | undefined): Array<[string, string]> {
	if (!privileges) return [];
	const fields: Array<[string, string]> = [];
	for (const raw of privileges.split(',')) {
		const privilege = raw.trim();
		if (!privilege) continue;
		if (privilege === '*') {
			fields.push(['all', '*']);
			continue;
		}
		const colon = privilege.indexOf(':');
		if (colon === -1) fields.push([privilege, '']);
		else fields.push([privilege.slice(0, colon), privilege.slice(colon + 1)]);
	}
	return fields;
}

/**
 * Generates a Kaltura Session (KS) version 2 locally, with no network round trip:
 * sha1 signature + random prefix + fields, AES-128-CBC with a zero IV and zero padding,
 * key = the first 16 bytes of sha1(adminSecret), url-safe base64 of `v2|<partnerId>|<cipher>`.
 */
export function generateKsV2(options: KsV2Options): string {
	const now = options.now ?? Math.floor(Date.now() / 1000);
	const fields: Array<[string, string]> = [
		...privilegeFields(options.privileges),
		['_e', String(now + options.expirySeconds)],
		['_t', String(options.type)],
		['_u', options.userId ?? ''],
	];
	const fieldString = fields.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&');

	const plain = Buffer.concat([randomBytes(16), Buffer.from(fieldString, 'utf8')]);
	const signed = Buffer.concat([createHash('sha1').update(plain).digest(), plain]);
	const padLength = signed.length % 16 === 0 ? 0 : 16 - (signed.length % 16);
	const padded = Buffer.concat([signed, Buffer.alloc(padLength)]);

	const key = createHash('sha1').update(options.adminSecret, 'utf8').digest().subarray(0, 16);
	const cipher = createCipheriv('aes-128-cbc', key, Buffer.alloc(16));
	cipher.setAutoPadding(false);
	const encrypted = Buffer.concat([cipher.update(padded), cipher.final()]);

	return Buffer.concat([Buffer.from(`v2|${options.partnerId}|`, 'utf8'), encrypted])
		.toString('base64')
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

/** Every KS v2 starts with base64("v2|"); used to recognise (and hide) sessions in text. */
export const KS_V2_PREFIX = 'djJ8';
