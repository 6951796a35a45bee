/** appToken service (reference §2.6): token CRUD and the hash-authenticated startSession. */
import * as crypto from 'crypto';
import { checkEnum, toInt, toStr } from '../api/args';
import { apiError } from '../api/errors';
import { paginate } from '../api/pager';
import { listResponse, type ApiObject, type ServiceDef } from '../api/types';
import { buildPrivileges, parsePrivileges, SESSION_ADMIN, SESSION_USER } from '../auth/ks';
import { createKs } from '../auth/session';
import { readObject, type Schema } from '../model/schema';
import { appTokenId } from '../store/ids';
import type { AppTokenRecord } from '../store/types';
import type { Runtime } from '../runtime';

const ACTIVE = 2;
const DELETED = 3;
const HASH_TYPES = ['MD5', 'SHA1', 'SHA256', 'SHA512'];
/** Privileges a caller may never add through startSession (server-reserved or widening). */
const RESERVED_PRIVILEGES = ['sessionid', 'apptoken', 'all', 'setrole', 'disableentitlement', 'edit', 'edituser'];

const SCHEMA: Schema = {
	id: { type: 'string', access: 'ro' },
	token: { type: 'string', access: 'ro' },
	partnerId: { type: 'int', access: 'ro' },
	createdAt: { type: 'time', access: 'ro' },
	updatedAt: { type: 'time', access: 'ro' },
	status: { type: 'int', access: 'ro' },
	expiry: { type: 'time', access: 'rw' },
	sessionType: { type: 'int', access: 'rw', enumName: 'KalturaSessionType', enumValues: [SESSION_USER, SESSION_ADMIN] },
	sessionUserId: { type: 'string', access: 'rw' },
	sessionDuration: { type: 'int', access: 'rw' },
	sessionPrivileges: { type: 'string', access: 'rw' },
	hashType: { type: 'string', access: 'rw', enumName: 'KalturaAppTokenHashType', enumValues: HASH_TYPES },
	description: { type: 'string', access: 'rw' },
};

export function appTokenToApi(t: AppTokenRecord): ApiObject {
	return { objectType: 'KalturaAppToken', ...t };
}

function find(rt: Runtime, partnerId: number, id: string): AppTokenRecord {
	const t = rt.store.partner(partnerId).appTokens[id];
	if (!t || t.status === DELETED) throw apiError('APP_TOKEN_ID_NOT_FOUND', { ID: id });
	return t;
}

export const appTokenService: ServiceDef = {
	id: 'apptoken',
	actions: {
		add: {
			access: 'admin',
			run({ args, rt, partnerId }) {
				const f = readObject(args.obj('appToken', true)!, SCHEMA, 'KalturaAppToken', 'insert', rt.now());
				const now = rt.now();
				const t: AppTokenRecord = {
					id: appTokenId(rt.options.dc),
					token: crypto.randomBytes(16).toString('hex'),
					partnerId,
					createdAt: now,
					updatedAt: now,
					status: ACTIVE,
					expiry: f.expiry === undefined || f.expiry === null ? null : Number(f.expiry),
					sessionType: f.sessionType === undefined || f.sessionType === null ? null : Number(f.sessionType),
					sessionUserId: f.sessionUserId === undefined || f.sessionUserId === null ? null : String(f.sessionUserId),
					sessionDuration: f.sessionDuration ? Number(f.sessionDuration) : 86400,
					sessionPrivileges: f.sessionPrivileges ? String(f.sessionPrivileges) : null,
					hashType: f.hashType ? String(f.hashType) : 'SHA1',
					description: f.description === undefined || f.description === null ? null : String(f.description),
				};
				rt.store.partner(partnerId).appTokens[t.id] = t;
				rt.store.changed();
				return appTokenToApi(t);
			},
		},
		get: {
			access: 'admin',
			run: ({ args, rt, partnerId }) => appTokenToApi(find(rt, partnerId, args.str('id'))),
		},
		update: {
			access: 'admin',
			run({ args, rt, partnerId }) {
				const t = find(rt, partnerId, args.str('id'));
				const f = readObject(args.obj('appToken', true)!, SCHEMA, 'KalturaAppToken', 'update', rt.now());
				Object.assign(t, f, { updatedAt: rt.now() });
				rt.store.changed();
				return appTokenToApi(t);
			},
		},
		list: {
			access: 'admin',
			run({ args, rt, partnerId }) {
				const filter = args.obj('filter') ?? {};
				let items = Object.values(rt.store.partner(partnerId).appTokens).filter((t) => t.status !== DELETED);
				if (filter.idEqual) items = items.filter((t) => t.id === toStr(filter.idEqual));
				if (filter.idIn) items = items.filter((t) => toStr(filter.idIn).split(',').includes(t.id));
				if (filter.statusEqual !== undefined) items = items.filter((t) => t.status === toInt(filter.statusEqual));
				items.sort((a, b) => a.createdAt - b.createdAt);
				if (toStr(filter.orderBy) === '-createdAt') items.reverse();
				return listResponse(
					'KalturaAppTokenListResponse',
					paginate(items, args.obj('pager')).map(appTokenToApi),
					items.length,
				);
			},
		},
		delete: {
			access: 'admin',
			run({ args, rt, partnerId }) {
				const t = find(rt, partnerId, args.str('id'));
				t.status = DELETED;
				t.updatedAt = rt.now();
				rt.store.changed();
				return null;
			},
		},
		startSession: {
			access: 'user',
			widget: true,
			run({ args, rt, partnerId, session }) {
				const id = args.str('id');
				const tokenHash = args.str('tokenHash');
				const t = rt.store.partner(partnerId).appTokens[id];
				if (!t) throw apiError('APP_TOKEN_ID_NOT_FOUND', { ID: id });
				if (t.status !== ACTIVE) throw apiError('APP_TOKEN_NOT_ACTIVE', { ID: id });
				// hash(hashType, <KS used for this call> + token), lowercase hex.
				const expected = crypto
					.createHash(t.hashType.toLowerCase())
					.update(session!.ks + t.token)
					.digest('hex');
				if (expected !== tokenHash) throw apiError('INVALID_APP_TOKEN_HASH');
				let tokenExpiry = t.sessionDuration;
				if (t.expiry !== null) {
					tokenExpiry = Math.min(tokenExpiry, t.expiry - rt.now());
					if (tokenExpiry < 0) throw apiError('APP_TOKEN_EXPIRED', { ID: id });
				}
				const requested = args.optInt('expiry');
				const expiry = Math.min(requested ? requested : tokenExpiry, tokenExpiry);
				let type = t.sessionType ?? args.optInt('type') ?? SESSION_USER;
				checkEnum(type, [SESSION_USER, SESSION_ADMIN], 'type', 'KalturaSessionType');
				type = Number(type);
				const userId = t.sessionUserId ?? args.optStr('userId') ?? '';
				const privileges: Array<[string, string]> = [
					['sessionid', id],
					['apptoken', id],
					...parsePrivileges(t.sessionPrivileges ?? ''),
				];
				const extra = args.optStr('sessionPrivileges');
				if (extra) {
					const taken = new Set(privileges.map(([k]) => k));
					for (const [k, v] of parsePrivileges(extra))
						if (!taken.has(k) && !RESERVED_PRIVILEGES.includes(k)) privileges.push([k, v]);
				}
				const privStr = buildPrivileges(privileges);
				const { ks, validUntil } = createKs(rt, partnerId, {
					type,
					userId,
					expirySeconds: expiry,
					privileges: privStr,
				});
				return {
					objectType: 'KalturaSessionInfo',
					ks,
					sessionType: type,
					partnerId,
					userId,
					expiry: validUntil,
					privileges: privStr,
				};
			},
		},
	},
};
