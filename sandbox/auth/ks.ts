/**
 * KS (Kaltura Session) encoding and decoding, v1 and v2, as in kSessionBase:
 * v2 = base64url("v2|{pid}|" + AES-128-CBC(sha1(adminSecret)[0..16], zero IV, zero padding)
 *      over sha1(plain) + plain, plain = 16 random bytes + query-string fields).
 * v1 = base64(sha1hex(adminSecret + info) + "|" + info), info ';'-separated.
 */
import * as crypto from 'crypto';

export const SESSION_USER = 0;
export const SESSION_ADMIN = 2;

export interface KsData {
	version: 1 | 2;
	partnerId: number;
	validUntil: number;
	type: number;
	userId: string;
	/** Comma-separated `name:value` privileges, `*` meaning all. */
	privileges: string;
	masterPartnerId: string | null;
	additionalData: string | null;
}

/** `a:b,c,*` → ordered [name, value] pairs; `*` is stored as all=* in v2. */
export function parsePrivileges(privileges: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	for (const item of privileges
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)) {
		if (item === '*') {
			out.push(['all', '*']);
			continue;
		}
		const colon = item.indexOf(':');
		out.push(colon < 0 ? [item, ''] : [item.slice(0, colon), item.slice(colon + 1)]);
	}
	return out;
}

export function buildPrivileges(pairs: Array<[string, string]>): string {
	return pairs.map(([k, v]) => (k === 'all' && v === '*' ? '*' : v === '' ? k : `${k}:${v}`)).join(',');
}

/** PHP urlencode (RFC1738: space → '+'), what http_build_query uses. */
function phpUrlEncode(s: string): string {
	return encodeURIComponent(s)
		.replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
		.replace(/%20/g, '+');
}

function aesKey(adminSecret: string): Buffer {
	return crypto.createHash('sha1').update(adminSecret).digest().subarray(0, 16);
}

export function encodeKsV2(adminSecret: string, d: Omit<KsData, 'version'>): string {
	const fields: Array<[string, string]> = parsePrivileges(d.privileges);
	fields.push(['_e', String(d.validUntil)], ['_t', String(d.type)], ['_u', d.userId]);
	if (d.masterPartnerId !== null) fields.push(['_m', d.masterPartnerId]);
	if (d.additionalData !== null) fields.push(['_d', d.additionalData]);
	const query = fields.map(([k, v]) => `${phpUrlEncode(k)}=${phpUrlEncode(v)}`).join('&');
	const plain = Buffer.concat([crypto.randomBytes(16), Buffer.from(query, 'utf8')]);
	let msg = Buffer.concat([crypto.createHash('sha1').update(plain).digest(), plain]);
	if (msg.length % 16 !== 0) msg = Buffer.concat([msg, Buffer.alloc(16 - (msg.length % 16))]);
	const cipher = crypto.createCipheriv('aes-128-cbc', aesKey(adminSecret), Buffer.alloc(16));
	cipher.setAutoPadding(false);
	const enc = Buffer.concat([cipher.update(msg), cipher.final()]);
	return Buffer.concat([Buffer.from(`v2|${d.partnerId}|`), enc])
		.toString('base64')
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

export function encodeKsV1(adminSecret: string, d: Omit<KsData, 'version'>): string {
	const rand = (Date.now() / 1000 + Math.random()).toFixed(4);
	const info = [
		d.partnerId,
		d.partnerId,
		d.validUntil,
		d.type,
		rand,
		d.userId,
		d.privileges,
		d.masterPartnerId ?? '',
		d.additionalData ?? '',
	].join(';');
	const sig = crypto
		.createHash('sha1')
		.update(adminSecret + info)
		.digest('hex');
	return Buffer.from(`${sig}|${info}`).toString('base64');
}

function decodeBase64(ks: string): Buffer {
	return Buffer.from(ks.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Partner id from the KS header without verifying it (to pick the secret to verify with). */
export function peekPartnerId(ks: string): number | null {
	const raw = decodeBase64(ks);
	if (raw.subarray(0, 3).toString('latin1') === 'v2|') {
		const end = raw.indexOf('|', 3);
		const pid = end > 3 ? Number(raw.subarray(3, end).toString('latin1')) : NaN;
		return Number.isInteger(pid) ? pid : null;
	}
	const text = raw.toString('latin1');
	const bar = text.indexOf('|');
	const pid = bar >= 0 ? Number(text.slice(bar + 1).split(';')[0]) : NaN;
	return Number.isInteger(pid) ? pid : null;
}

/** Decode and verify; returns null when the KS is unparseable or its signature is wrong. */
export function decodeKs(ks: string, adminSecret: string): KsData | null {
	if (!ks) return null;
	const raw = decodeBase64(ks);
	if (raw.subarray(0, 3).toString('latin1') === 'v2|') return decodeV2(raw, adminSecret);
	return decodeV1(raw.toString('utf8'), adminSecret);
}

function decodeV2(raw: Buffer, adminSecret: string): KsData | null {
	const end = raw.indexOf('|', 3);
	if (end < 0) return null;
	const partnerId = Number(raw.subarray(3, end).toString('latin1'));
	const enc = raw.subarray(end + 1);
	if (!Number.isInteger(partnerId) || enc.length === 0 || enc.length % 16 !== 0) return null;
	let msg: Buffer;
	try {
		const decipher = crypto.createDecipheriv('aes-128-cbc', aesKey(adminSecret), Buffer.alloc(16));
		decipher.setAutoPadding(false);
		msg = Buffer.concat([decipher.update(enc), decipher.final()]);
	} catch {
		return null;
	}
	let len = msg.length;
	while (len > 0 && msg[len - 1] === 0) len--; // rtrim "\0" like PHP
	msg = msg.subarray(0, len);
	if (msg.length < 36) return null;
	const hash = msg.subarray(0, 20);
	const plain = msg.subarray(20);
	if (!crypto.createHash('sha1').update(plain).digest().equals(hash)) return null;
	const fields = new URLSearchParams(plain.subarray(16).toString('utf8'));
	const privileges: Array<[string, string]> = [];
	const d: KsData = {
		version: 2,
		partnerId,
		validUntil: 0,
		type: 0,
		userId: '',
		privileges: '',
		masterPartnerId: null,
		additionalData: null,
	};
	for (const [k, v] of fields) {
		if (k === '_e') d.validUntil = Number(v);
		else if (k === '_t') d.type = Number(v);
		else if (k === '_u') d.userId = v;
		else if (k === '_m') d.masterPartnerId = v;
		else if (k === '_d') d.additionalData = v;
		else privileges.push([k, v]);
	}
	d.privileges = buildPrivileges(privileges);
	return d;
}

function decodeV1(text: string, adminSecret: string): KsData | null {
	const bar = text.indexOf('|');
	if (bar !== 40) return null;
	const sig = text.slice(0, 40);
	const info = text.slice(41);
	const parts = info.split(';');
	if (parts.length < 4) return null;
	const expected = crypto
		.createHash('sha1')
		.update(adminSecret + info)
		.digest('hex');
	if (expected !== sig) return null;
	return {
		version: 1,
		partnerId: Number(parts[0]),
		validUntil: Number(parts[2]),
		type: Number(parts[3]),
		userId: parts[5] ?? '',
		privileges: parts[6] ?? '',
		masterPartnerId: parts[7] ? parts[7] : null,
		additionalData: parts[8] ? parts[8] : null,
	};
}
