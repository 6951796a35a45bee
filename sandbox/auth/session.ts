/**
 * Turns the `ks` request param into a Session, with the outcomes of
 * kSessionUtils/kPermissionManager: unparseable → INVALID_KS(<ks>, -1, INVALID_STR),
 * parsed but expired / ended → INVALID_KS("EXPIRED" / "LOGOUT", -1, INVALID_STR).
 */
import * as crypto from 'crypto';
import { invalidKs } from '../api/errors';
import type { Session } from '../api/types';
import type { Runtime } from '../runtime';
import { decodeKs, encodeKsV1, encodeKsV2, parsePrivileges, peekPartnerId } from './ks';

export function ksHash(ks: string): string {
	return crypto.createHash('sha1').update(ks).digest('hex');
}

export function sessionFromKs(rt: Runtime, ks: string): Session {
	const pid = peekPartnerId(ks);
	const secret = pid !== null ? rt.adminSecretFor(pid) : null;
	const data = secret !== null ? decodeKs(ks, secret) : null;
	if (!data) throw invalidKs(ks);
	if (data.validUntil < rt.now()) throw invalidKs('EXPIRED');
	if (rt.store.partner(data.partnerId).endedSessions[ksHash(ks)] !== undefined) throw invalidKs('LOGOUT');
	const privs = new Map<string, string[]>();
	for (const [name, value] of parsePrivileges(data.privileges)) {
		privs.set(name, [...(privs.get(name) ?? []), ...value.split('/')]);
	}
	return {
		ks,
		partnerId: data.partnerId,
		type: data.type,
		userId: data.userId,
		validUntil: data.validUntil,
		privileges: data.privileges,
		privs,
		isWidget: (privs.get('widget') ?? []).includes('1'),
	};
}

export function createKs(
	rt: Runtime,
	partnerId: number,
	d: { type: number; userId: string; expirySeconds: number; privileges: string },
): { ks: string; validUntil: number } {
	const secret = rt.adminSecretFor(partnerId);
	if (secret === null) throw new Error(`unknown partner ${partnerId}`);
	const validUntil = rt.now() + d.expirySeconds;
	const data = {
		partnerId,
		validUntil,
		type: d.type,
		userId: d.userId,
		privileges: d.privileges,
		masterPartnerId: null,
		additionalData: null,
	};
	const ks = rt.options.ksVersion === 1 ? encodeKsV1(secret, data) : encodeKsV2(secret, data);
	return { ks, validUntil };
}

/** `edit:<entryId>`, `edit:*` or the all-privilege `*` grant edit rights on an entry. */
export function canEditEntry(session: Session, entryId: string, ownerId: string, entitledEdit: string): boolean {
	if (session.type === 2) return true;
	if (session.privs.get('all')?.includes('*')) return true;
	const edit = session.privs.get('edit') ?? [];
	if (edit.includes('*') || edit.includes(entryId)) return true;
	if (session.userId !== '' && session.userId === ownerId) return true;
	return entitledEdit
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.includes(session.userId);
}

export function sessionInfo(s: Session): Record<string, unknown> {
	return {
		objectType: 'KalturaSessionInfo',
		ks: s.ks,
		sessionType: s.type,
		partnerId: s.partnerId,
		userId: s.userId,
		expiry: s.validUntil,
		privileges: s.privileges,
	};
}
