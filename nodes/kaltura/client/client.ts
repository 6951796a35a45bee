import { KalturaCredentialError, type KalturaCredentials } from './credentials';
import {
	KalturaApiError,
	KalturaCancelledError,
	KalturaTransportError,
	isNotSentNetworkCode,
	isRetryable,
} from './errors';
import type { FilePart } from './multipart';
import { settle } from './outcome';
import { buildMultipart } from './multipart';
import { maskUrlPassword } from './redact';
import type { RetryPolicy, Sleep } from './retry';
import { DEFAULT_RETRY_POLICY, backoffDelay, sleepUnlessAborted } from './retry';
import type { SessionCache } from './session';
import { KalturaSessionManager } from './session';
import type { KalturaParams } from './types';
import { isKalturaApiException } from './types';

export interface HttpRequest {
	url: string;
	method: 'POST';
	headers: Record<string, string>;
	body: string | Buffer;
	timeoutMs?: number;
}

export interface HttpResponse {
	statusCode: number;
	body: Buffer | string | unknown;
}

/**
 * Sends one HTTP request. In n8n this is the node's authenticated HTTP helper (so proxies and
 * n8n's own settings apply); in tests it can be anything. Network failures are thrown.
 */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

export interface KalturaLogger {
	debug(message: string, meta?: Record<string, unknown>): void;
	info(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

export interface KalturaClientOptions {
	credentials: KalturaCredentials;
	send: HttpSend;
	/** Scope within which sessions are reused, normally the n8n execution ID. */
	sessionScope?: string;
	sessionCache?: SessionCache;
	retry?: Partial<RetryPolicy>;
	sleep: Sleep;
	signal?: AbortSignal;
	logger?: KalturaLogger;
	clientTag?: string;
	/** Per-request timeout; uploads pass their own. */
	timeoutMs?: number;
	now?: () => number;
}

export interface CallOptions {
	/**
	 * Safe to repeat after it may have reached the server. Defaults to true for read actions
	 * (get, list, count, …) and false for everything that creates or changes something.
	 */
	idempotent?: boolean;
	files?: FilePart[];
	/** Send without the managed session (session.start, startWidgetSession, system.ping). */
	withoutSession?: boolean;
	/** An explicit KS for this call (used by the session manager itself). */
	ks?: string;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Told about every retry, e.g. to count them in a transfer report. */
	onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void;
}

/** One call inside a multirequest. */
export interface KalturaCall {
	service: string;
	action: string;
	params?: KalturaParams;
}

/** A result slot of a multirequest: the value, or the error of that call alone. */
export type MultiResult = { ok: true; value: unknown } | { ok: false; error: KalturaApiError };

export const CLIENT_TAG = 'n8n-nodes-kaltura-ingestion:0.1.0';
/**
 * How long one API call may stay silent before it counts as failed (and, when safe, is tried
 * again). The HTTP layer's timeout measures inactivity on the socket, so a long upload that keeps
 * sending is never cut; Kaltura answers API calls in well under a second. Chunk uploads pass a
 * longer allowance of their own.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** The schema version we speak; the server only uses it for backward-compatibility switches. */
export const API_VERSION = '21.20.0';

const READ_ACTION = /^(get|list|count|islive|getdetails|ping|listbyreferenceid|getbyids|servelog|getdefault)/i;

/**
 * A reference to the result of an earlier call in the same multirequest: `ref(0, 'id')` is the
 * `id` of the first call's result. Kaltura numbers results from 1; callers count from 0.
 */
export function multiRequestRef(callIndex: number, path?: string): string {
	return path ? `{${callIndex + 1}:result:${path}}` : `{${callIndex + 1}:result}`;
}

/** A small typed Kaltura API v3 client: JSON in and out, sessions, retries, multirequest. */
export class KalturaClient {
	readonly credentials: KalturaCredentials;
	private readonly sendHttp: HttpSend;
	private readonly sessions: KalturaSessionManager;
	private readonly retryPolicy: RetryPolicy;
	private readonly sleep: Sleep;
	private readonly signal?: AbortSignal;
	private readonly logger?: KalturaLogger;
	private readonly clientTag: string;
	private readonly timeoutMs: number;

	constructor(options: KalturaClientOptions) {
		this.credentials = options.credentials;
		this.sendHttp = options.send;
		this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
		this.sleep = options.sleep;
		this.signal = options.signal;
		this.logger = options.logger;
		this.clientTag = options.clientTag ?? CLIENT_TAG;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
		this.sessions = new KalturaSessionManager({
			credentials: options.credentials,
			scope: options.sessionScope ?? 'default',
			cache: options.sessionCache,
			now: options.now,
			caller: async (service, action, params, ks) =>
				await this.call(service, action, params, { withoutSession: true, ks, idempotent: false }),
		});
	}

	get serviceUrl(): string {
		return this.credentials.serviceUrl;
	}

	/** The Service URL for messages: a password written into it is masked. */
	get shownServiceUrl(): string {
		return maskUrlPassword(this.credentials.serviceUrl);
	}

	get cancelSignal(): AbortSignal | undefined {
		return this.signal;
	}

	/** The current session, e.g. to build a playback URL. Never log or output it. */
	async getKs(): Promise<string> {
		return await this.sessions.getKs();
	}

	/** Calls `service.action`, renewing the session once if Kaltura says it expired. */
	async call<T = unknown>(
		service: string,
		action: string,
		params: KalturaParams = {},
		options: CallOptions = {},
	): Promise<T> {
		const idempotent = options.idempotent ?? READ_ACTION.test(action);
		const url = `${this.serviceUrl}/api_v3/service/${service.toLowerCase()}/action/${action}`;
		const send = async (ks: string | undefined) =>
			await this.withRetries(`${service}.${action}`, idempotent, options, async () => {
				const body = { ...params, ...this.commonParams(ks) };
				const result = await this.post(url, body, options.files, options.timeoutMs, service, action);
				if (isKalturaApiException(result)) throw new KalturaApiError(result, service, action);
				return result;
			});

		if (options.withoutSession) return (await send(options.ks)) as T;
		const ks = await this.sessions.getKs();
		const first = await settle(async () => await send(ks));
		if (first.ok) return first.value as T;
		const renewed = await this.sessions.renewAfter(first.error, ks);
		if (renewed === undefined) throw first.error;
		this.logger?.debug(`Kaltura session renewed for ${service}.${action}`);
		return (await send(renewed)) as T;
	}

	/**
	 * Sends several calls in one HTTP request. Each slot of the answer holds that call's result or
	 * its own error; one failing call does not stop the others. Use `multiRequestRef` to feed
	 * one call's result into a later one.
	 */
	async multirequest(calls: KalturaCall[], options: Omit<CallOptions, 'files'> = {}): Promise<MultiResult[]> {
		if (calls.length === 0) return [];
		const idempotent = options.idempotent ?? calls.every((c) => READ_ACTION.test(c.action));
		const url = `${this.serviceUrl}/api_v3/service/multirequest`;
		const send = async (ks: string | undefined) =>
			await this.withRetries('multirequest', idempotent, options, async () => {
				const body: KalturaParams = { ...this.commonParams(ks) };
				calls.forEach((c, i) => {
					body[String(i + 1)] = { service: c.service.toLowerCase(), action: c.action, ...(c.params ?? {}) };
				});
				const result = await this.post(url, body, undefined, options.timeoutMs, 'multirequest', '');
				if (isKalturaApiException(result)) throw new KalturaApiError(result, 'multirequest', '');
				if (Array.isArray(result))
					result.forEach((slot, i) => assertKalturaAnswer(slot, calls[i].service, calls[i].action));
				if (!Array.isArray(result) || result.length !== calls.length) {
					throw new KalturaTransportError(
						`Kaltura answered a multirequest of ${calls.length} calls with ${
							Array.isArray(result) ? result.length : 'no'
						} results`,
						{ service: 'multirequest', action: '' },
					);
				}
				return result;
			});

		const toResults = (raw: unknown[]): MultiResult[] =>
			raw.map((value, i) =>
				isKalturaApiException(value)
					? { ok: false, error: new KalturaApiError(value, calls[i].service, calls[i].action) }
					: { ok: true, value },
			);

		if (options.withoutSession) return toResults(await send(options.ks));
		const ks = await this.sessions.getKs();
		const first = await settle(async () => await send(ks));
		let raw: unknown[];
		if (first.ok) {
			raw = first.value;
		} else {
			const renewed = await this.sessions.renewAfter(first.error, ks);
			if (renewed === undefined) throw first.error;
			raw = await send(renewed);
		}
		// A session Kaltura refused shows up inside the slots, not as a whole failure. When every
		// slot was refused nothing ran, so even calls that create something are safe to send again.
		const results = toResults(raw);
		const refused = results.filter(
			(r): r is { ok: false; error: KalturaApiError } => !r.ok && r.error.code === 'INVALID_KS',
		);
		if (refused.length > 0) {
			const renewed = await this.sessions.renewAfter(refused[0].error, ks);
			if (renewed !== undefined && (idempotent || refused.length === results.length)) raw = await send(renewed);
		}
		return toResults(raw);
	}

	private commonParams(ks: string | undefined): KalturaParams {
		const common: KalturaParams = {
			format: 1,
			clientTag: this.clientTag,
			apiVersion: API_VERSION,
			partnerId: this.credentials.partnerId,
		};
		if (ks) common.ks = ks;
		return common;
	}

	private async withRetries<T>(
		label: string,
		idempotent: boolean,
		options: CallOptions,
		attempt: () => Promise<T>,
	): Promise<T> {
		const policy = { ...this.retryPolicy, ...options.retry };
		for (let n = 0; ; n++) {
			if (this.signal?.aborted) throw new KalturaCancelledError();
			const outcome = await settle(attempt);
			if (outcome.ok) return outcome.value;
			const error = outcome.error;
			if (this.signal?.aborted) throw new KalturaCancelledError();
			if (n >= policy.retries || !isRetryable(error, idempotent)) throw error;
			const delayMs = backoffDelay(n, policy);
			options.onRetry?.({ attempt: n + 1, delayMs, error: error as Error });
			this.logger?.warn(
				`Kaltura ${label} failed (${(error as Error).message}); retry ${n + 1} of ${policy.retries} in ${delayMs} ms`,
			);
			await sleepUnlessAborted(delayMs, this.sleep, this.signal);
		}
	}

	private async post(
		url: string,
		params: KalturaParams,
		files: FilePart[] | undefined,
		timeoutMs: number | undefined,
		service: string,
		action: string,
	): Promise<unknown> {
		const json = JSON.stringify(params);
		let request: HttpRequest;
		if (files && files.length > 0) {
			const multipart = buildMultipart(json, files);
			request = {
				url,
				method: 'POST',
				headers: { 'Content-Type': multipart.contentType, Accept: 'application/json' },
				body: multipart.body,
			};
		} else {
			// Exactly "application/json": Kaltura ignores a JSON body sent with a charset suffix.
			request = {
				url,
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: json,
			};
		}
		request.timeoutMs = timeoutMs ?? this.timeoutMs;

		const sent = await settle(async () => await this.sendHttp(request));
		if (!sent.ok) throw this.transportFailure(sent.error, service, action, request.timeoutMs);
		const response = sent.value;
		const text = bodyText(response.body);
		if (response.statusCode !== 200) {
			throw new KalturaTransportError(
				`The server at ${this.shownServiceUrl} answered HTTP ${response.statusCode} to ${service}${action ? `.${action}` : ''}`,
				{ service, action, httpStatus: response.statusCode },
			);
		}
		if (typeof text !== 'string') return text; // already parsed by the HTTP layer
		const parsed = parseJson(text);
		if (parsed.ok) {
			if (service !== 'multirequest') assertKalturaAnswer(parsed.value, service, action);
			return parsed.value;
		}
		throw new KalturaTransportError(
			`Kaltura's answer to ${service}${action ? `.${action}` : ''} is not JSON (is the Service URL right?): ${text
				.slice(0, 120)
				.replace(/\s+/g, ' ')}`,
			{ service, action, httpStatus: response.statusCode },
		);
	}

	/** What a failed send means: cancelled, a timeout, or a network failure (maybe before anything was sent). */
	private transportFailure(error: unknown, service: string, action: string, timeoutMs?: number): Error {
		if (error instanceof KalturaTransportError || error instanceof KalturaCancelledError) return error;
		if (this.signal?.aborted) return new KalturaCancelledError();
		// The credential refused to work before anything was sent (e.g. a wrong app token found by its
		// check): say that, and do not retry.
		const refused = credentialErrorIn(error);
		if (refused) return refused;
		const networkCode = networkCodeOf(error);
		const call = `${service}${action ? `.${action}` : ''}`;
		if (timeoutMs !== undefined && isTimeout(error, networkCode)) {
			return new KalturaTransportError(
				`Kaltura did not answer ${call} within ${Math.round(timeoutMs / 1000)} s (the timeout of this call) at ${this.shownServiceUrl}`,
				{ service, action, networkCode: networkCode ?? 'ETIMEDOUT' },
			);
		}
		const reason = networkReason(networkCode) ?? maskUrlPassword((error as Error)?.message ?? 'network error');
		return new KalturaTransportError(`Could not reach Kaltura at ${this.shownServiceUrl}: ${reason}`, {
			service,
			action,
			networkCode,
			notSent: isNotSentNetworkCode(networkCode),
		});
	}
}

/**
 * Kaltura puts `objectType` on every object it returns (errors included); scalars and lists of
 * objects aside, an object without one did not come from Kaltura — a proxy, a web page answering
 * JSON, a server echoing the request — and must not be taken for a result.
 */
function assertKalturaAnswer(value: unknown, service: string, action: string): void {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
	if (typeof (value as { objectType?: unknown }).objectType === 'string') return;
	throw new KalturaTransportError(
		`The answer to ${service}${action ? `.${action}` : ''} is not a Kaltura object (it has no objectType): is the Service URL a Kaltura server?`,
		{ service, action, httpStatus: 200 },
	);
}

/**
 * Network error codes in words. The code stays on the error (networkCode); the message does not
 * carry it, since n8n swaps any message naming a common code for a generic one that would lose
 * which server and call it was.
 */
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused (nothing listens at that address and port)',
	ECONNRESET: 'the connection was closed before Kaltura answered',
	EPIPE: 'the connection was closed while the request was being sent',
	ENOTFOUND: 'the host name was not found (check the Service URL)',
	EAI_AGAIN: 'the host name could not be looked up (DNS)',
	EHOSTUNREACH: 'the host cannot be reached',
	ENETUNREACH: 'the network cannot be reached',
	EADDRNOTAVAIL: 'the address is not available',
	ECONNABORTED: 'the connection was aborted',
	CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed TLS certificate',
	SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate is not trusted (self-signed in chain)",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate cannot be verified",
	ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host name",
};

function networkReason(code: string | undefined): string | undefined {
	return code === undefined ? undefined : (NETWORK_REASONS[code] ?? `network error ${code.toLowerCase()}`);
}

function isTimeout(error: unknown, networkCode: string | undefined): boolean {
	if (networkCode === 'ETIMEDOUT' || networkCode === 'ECONNABORTED' || networkCode === 'ESOCKETTIMEDOUT') return true;
	return /timeout/i.test((error as Error)?.message ?? '');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

function bodyText(body: unknown): string | unknown {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return body;
}

/** A KalturaCredentialError on the error or its causes (n8n wraps what a credential throws). */
function credentialErrorIn(error: unknown): KalturaCredentialError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		if (current instanceof KalturaCredentialError) return current;
		const { name, message, cause } = current as { name?: unknown; message?: unknown; cause?: unknown };
		// Loaded twice (the credential and the node may each bundle the class): recognised by name.
		if (name === 'KalturaCredentialError' && typeof message === 'string') return new KalturaCredentialError(message);
		current = cause;
	}
	return undefined;
}

/** Finds ECONNRESET-style codes on the error or its causes (n8n and axios nest them). */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; cause?: unknown; errno?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) return candidate.code;
		current = candidate.cause;
	}
	return undefined;
}
