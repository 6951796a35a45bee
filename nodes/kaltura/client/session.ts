import { createHash } from 'crypto';

import type { KalturaCredentials } from './credentials';
import { KalturaApiError, isExpiredSessionError } from './errors';
import { generateKsV2 } from './ks';
import type { KalturaParams, KalturaSessionInfo, KalturaStartWidgetSessionResponse } from './types';

/** Calls Kaltura without the managed session (optionally with an explicit KS). */
export type SessionlessCaller = (
	service: string,
	action: string,
	params: KalturaParams,
	ks?: string,
) => Promise<unknown>;

type SessionSource = 'local' | 'sessionStart' | 'appToken';

interface CachedSession {
	ks: string;
	/** Unix ms after which the session must not be used any more. */
	expiresAt: number;
	lifetimeMs: number;
	source: SessionSource;
}

/**
 * Sessions live in memory, keyed by execution and credential, so one execution reuses its KS
 * across nodes and items while no KS outlives the process or crosses executions (queue mode:
 * a worker that has not seen the key simply makes a new session).
 */
export class SessionCache {
	private readonly entries = new Map<string, CachedSession>();

	constructor(private readonly maxEntries = 200) {}

	get(key: string, now: number): CachedSession | undefined {
		const entry = this.entries.get(key);
		if (entry && entry.expiresAt <= now) {
			this.entries.delete(key);
			return undefined;
		}
		return entry;
	}

	set(key: string, session: CachedSession, now: number): void {
		if (this.entries.size >= this.maxEntries) {
			for (const [k, v] of this.entries) if (v.expiresAt <= now) this.entries.delete(k);
			// Still full: drop the oldest insertion (Map keeps insertion order).
			while (this.entries.size >= this.maxEntries) {
				const oldest = this.entries.keys().next().value;
				if (oldest === undefined) break;
				this.entries.delete(oldest);
			}
		}
		this.entries.set(key, session);
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}
}

export const sharedSessionCache = new SessionCache();

/** A stable, non-reversible name for a credential: the cache never holds secrets in its keys. */
export function credentialFingerprint(credentials: KalturaCredentials): string {
	return createHash('sha256').update(JSON.stringify(credentials)).digest('hex').slice(0, 32);
}

/** Renew when less than this share of the lifetime is left (at most 5 minutes before expiry). */
const RENEW_SHARE = 0.1;
const RENEW_MAX_MARGIN_MS = 300_000;

export interface SessionManagerOptions {
	credentials: KalturaCredentials;
	caller: SessionlessCaller;
	/** Scope of reuse, normally the n8n execution ID. */
	scope: string;
	cache?: SessionCache;
	now?: () => number;
}

/**
 * Hands out a valid KS for a credential: generated locally from an admin secret (no round trip),
 * started with session.start for a user secret, or obtained through appToken.startSession.
 */
export class KalturaSessionManager {
	private readonly credentials: KalturaCredentials;
	private readonly caller: SessionlessCaller;
	private readonly cache: SessionCache;
	private readonly key: string;
	private readonly now: () => number;
	private pending?: Promise<CachedSession>;

	constructor(options: SessionManagerOptions) {
		this.credentials = options.credentials;
		this.caller = options.caller;
		this.cache = options.cache ?? sharedSessionCache;
		this.now = options.now ?? Date.now;
		this.key = `${options.scope}:${credentialFingerprint(options.credentials)}`;
	}

	/** A session that is valid for a while yet; parallel callers share one start. */
	async getKs(): Promise<string> {
		const cached = this.cache.get(this.key, this.now());
		if (cached && !this.isDueForRenewal(cached)) return cached.ks;
		return (await this.start(cached?.source ?? this.initialSource())).ks;
	}

	/**
	 * Called when Kaltura rejected the session `rejectedKs`. Returns a new KS to retry with, or
	 * undefined when a new session would not help (then the original error stands).
	 */
	async renewAfter(error: unknown, rejectedKs: string): Promise<string | undefined> {
		if (!(error instanceof KalturaApiError) || error.code !== 'INVALID_KS') return undefined;
		const cached = this.cache.get(this.key, this.now());
		// Another request already replaced the session: use the new one.
		if (cached && cached.ks !== rejectedKs) return cached.ks;
		if (isExpiredSessionError(error)) {
			this.cache.delete(this.key);
			return (await this.start(cached?.source ?? this.initialSource())).ks;
		}
		// A locally signed KS that Kaltura does not accept: the secret may be the user secret,
		// which only session.start can turn into a session. Its answer is the clearer error.
		if ((cached?.source ?? this.initialSource()) === 'local') {
			this.cache.delete(this.key);
			return (await this.start('sessionStart')).ks;
		}
		return undefined;
	}

	private initialSource(): SessionSource {
		return this.credentials.authType === 'appToken' ? 'appToken' : 'local';
	}

	private isDueForRenewal(session: CachedSession): boolean {
		const margin = Math.min(RENEW_MAX_MARGIN_MS, session.lifetimeMs * RENEW_SHARE);
		return session.expiresAt - this.now() <= margin;
	}

	private async start(source: SessionSource): Promise<CachedSession> {
		if (!this.pending) {
			this.pending = this.create(source).finally(() => {
				this.pending = undefined;
			});
		}
		const session = await this.pending;
		this.cache.set(this.key, session, this.now());
		return session;
	}

	private async create(source: SessionSource): Promise<CachedSession> {
		const c = this.credentials;
		const startedAt = this.now();
		if (source === 'local') {
			const ks = generateKsV2({
				partnerId: c.partnerId,
				adminSecret: c.secret ?? '',
				userId: c.userId,
				type: c.sessionType,
				expirySeconds: c.sessionExpiry,
				privileges: c.privileges,
				now: Math.floor(startedAt / 1000),
			});
			return this.cached(ks, c.sessionExpiry, startedAt, source);
		}
		if (source === 'sessionStart') {
			const ks = await this.caller('session', 'start', {
				secret: c.secret,
				userId: c.userId ?? '',
				type: c.sessionType,
				partnerId: c.partnerId,
				expiry: c.sessionExpiry,
				privileges: c.privileges,
			});
			// Kaltura caps the expiry at the partner's maximum (a day by default).
			return this.cached(String(ks), Math.min(c.sessionExpiry, 86_400), startedAt, source);
		}
		return this.startWithAppToken(startedAt);
	}

	/**
	 * App tokens: an unprivileged widget session first, then the token's hash over that session
	 * proves we hold the token without sending it.
	 */
	private async startWithAppToken(startedAt: number): Promise<CachedSession> {
		const c = this.credentials;
		const widget = (await this.caller('session', 'startWidgetSession', {
			widgetId: `_${c.partnerId}`,
			partnerId: c.partnerId,
		})) as KalturaStartWidgetSessionResponse;
		const algorithm = (c.appTokenHashType ?? 'SHA256').toLowerCase();
		const tokenHash = createHash(algorithm)
			.update(`${widget.ks}${c.appToken ?? ''}`, 'utf8')
			.digest('hex');
		const info = (await this.caller(
			'appToken',
			'startSession',
			{
				id: c.appTokenId,
				tokenHash,
				userId: c.userId,
				type: c.sessionType,
				expiry: c.sessionExpiry,
				sessionPrivileges: c.privileges,
			},
			widget.ks,
		)) as KalturaSessionInfo;
		const nowSeconds = Math.floor(startedAt / 1000);
		const lifetime =
			typeof info.expiry === 'number' && info.expiry > nowSeconds ? info.expiry - nowSeconds : c.sessionExpiry;
		return this.cached(info.ks, Math.min(lifetime, c.sessionExpiry), startedAt, 'appToken');
	}

	private cached(ks: string, lifetimeSeconds: number, startedAt: number, source: SessionSource): CachedSession {
		const lifetimeMs = lifetimeSeconds * 1000;
		return { ks, lifetimeMs, expiresAt: startedAt + lifetimeMs, source };
	}
}
