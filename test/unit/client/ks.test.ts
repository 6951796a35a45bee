import { createDecipheriv, createHash } from 'crypto';

import { generateKsV2, KS_V2_PREFIX } from '../../../nodes/kaltura/client/ks';

/** An independent decoder written from the wire reference (§2.4), to check what we generate. */
function decodeKsV2(ks: string, adminSecret: string) {
	const raw = Buffer.from(ks.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	const firstBar = raw.indexOf('|');
	const secondBar = raw.indexOf('|', firstBar + 1);
	const version = raw.subarray(0, firstBar).toString();
	const partnerId = Number(raw.subarray(firstBar + 1, secondBar).toString());
	const key = createHash('sha1').update(adminSecret).digest().subarray(0, 16);
	const decipher = createDecipheriv('aes-128-cbc', key, Buffer.alloc(16));
	decipher.setAutoPadding(false);
	let plain = Buffer.concat([decipher.update(raw.subarray(secondBar + 1)), decipher.final()]);
	let end = plain.length;
	while (end > 0 && plain[end - 1] === 0) end--;
	plain = plain.subarray(0, end);
	const signature = plain.subarray(0, 20);
	const rest = plain.subarray(20);
	const valid = createHash('sha1').update(rest).digest().equals(signature);
	const fields = new URLSearchParams(rest.subarray(16).toString('utf8'));
	return { version, partnerId, valid, fields };
}

describe('KS v2 generation', () => {
	const now = 1_800_000_000;

	it('produces a url-safe v2 session that decodes with the admin secret', () => {
		const ks = generateKsV2({
			partnerId: 4321,
			adminSecret: 'my-admin-secret',
			userId: 'ingest bot@example.com',
			type: 2,
			expirySeconds: 3600,
			privileges: 'disableentitlement,edit:*,sview:0_abc',
			now,
		});
		expect(ks.startsWith(KS_V2_PREFIX)).toBe(true);
		expect(ks).not.toMatch(/[+/]/);
		const decoded = decodeKsV2(ks, 'my-admin-secret');
		expect(decoded.version).toBe('v2');
		expect(decoded.partnerId).toBe(4321);
		expect(decoded.valid).toBe(true);
		expect(decoded.fields.get('_e')).toBe(String(now + 3600));
		expect(decoded.fields.get('_t')).toBe('2');
		expect(decoded.fields.get('_u')).toBe('ingest bot@example.com');
		expect(decoded.fields.get('disableentitlement')).toBe('');
		expect(decoded.fields.get('edit')).toBe('*');
		expect(decoded.fields.get('sview')).toBe('0_abc');
	});

	it('maps the * privilege to all=*', () => {
		const ks = generateKsV2({ partnerId: 1, adminSecret: 's', type: 0, expirySeconds: 60, privileges: '*', now });
		expect(decodeKsV2(ks, 's').fields.get('all')).toBe('*');
	});

	it('does not verify with another secret', () => {
		const ks = generateKsV2({ partnerId: 1, adminSecret: 'right', type: 2, expirySeconds: 60, now });
		expect(decodeKsV2(ks, 'wrong').valid).toBe(false);
	});

	it('uses fresh randomness for every session', () => {
		const options = { partnerId: 1, adminSecret: 's', type: 2, expirySeconds: 60, now };
		expect(generateKsV2(options)).not.toBe(generateKsV2(options));
	});
});
