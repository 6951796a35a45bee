/** session service: start / get / end / startWidgetSession (reference §2.1–2.2). */
import { checkEnum } from '../api/args';
import { apiError } from '../api/errors';
import type { ServiceDef } from '../api/types';
import { createKs, ksHash, sessionFromKs, sessionInfo } from '../auth/session';
import { SESSION_ADMIN, SESSION_USER } from '../auth/ks';

export const sessionService: ServiceDef = {
	id: 'session',
	actions: {
		start: {
			access: 'ignored',
			run({ args, rt }) {
				const secret = args.str('secret');
				const pidRaw = args.optStr('partnerId');
				const type = args.optInt('type') ?? SESSION_USER;
				checkEnum(type, [SESSION_USER, SESSION_ADMIN], 'type', 'KalturaSessionType');
				const partnerId = pidRaw === null ? NaN : Number(pidRaw);
				const admin = Number.isInteger(partnerId) ? rt.adminSecretFor(partnerId) : null;
				const user = Number.isInteger(partnerId) ? rt.userSecretFor(partnerId) : null;
				// The admin secret opens any session type; the user secret only USER sessions.
				const ok = admin !== null && (secret === admin || (secret === user && type === SESSION_USER));
				if (!ok) throw apiError('START_SESSION_ERROR', { PID: pidRaw ?? '' });
				let expiry = args.optInt('expiry') ?? 86400;
				if (expiry <= 0) expiry = 86400;
				expiry = Math.min(expiry, rt.options.ksMaxExpirySeconds);
				return createKs(rt, partnerId, {
					type,
					userId: args.optStr('userId') ?? '',
					expirySeconds: expiry,
					privileges: args.optStr('privileges') ?? '',
				}).ks;
			},
		},
		get: {
			access: 'user',
			widget: true,
			run({ args, rt, session }) {
				const other = args.optStr('session');
				return sessionInfo(other !== null ? sessionFromKs(rt, other) : session!);
			},
		},
		end: {
			access: 'user',
			widget: true,
			run({ rt, session }) {
				const s = session!;
				rt.store.partner(s.partnerId).endedSessions[ksHash(s.ks)] = s.validUntil;
				rt.store.changed();
				return null;
			},
		},
		startWidgetSession: {
			access: 'none',
			run({ args, rt }) {
				const widgetId = args.str('widgetId');
				const m = /^_(\d+)$/.exec(widgetId);
				const partnerId = m ? Number(m[1]) : NaN;
				if (!m || rt.adminSecretFor(partnerId) === null) throw apiError('INVALID_WIDGET_ID', { WIDGET_ID: widgetId });
				let expiry = args.optInt('expiry') ?? 86400;
				if (expiry <= 0) expiry = 86400;
				const { ks } = createKs(rt, partnerId, {
					type: SESSION_USER,
					userId: '0',
					expirySeconds: expiry,
					privileges: 'view:*,widget:1',
				});
				return { objectType: 'KalturaStartWidgetSessionResponse', partnerId, ks, userId: '0' };
			},
		},
	},
};
