import type { KalturaApiExceptionBody } from './types';
import { redactSessionsStrict } from './redact';

/** A KalturaAPIException returned by the server (always HTTP 200 on the wire). */
export class KalturaApiError extends Error {
	readonly code: string;
	readonly args: Record<string, string>;
	readonly service: string;
	readonly action: string;

	constructor(body: KalturaApiExceptionBody, service: string, action: string) {
		super(redactSessionsStrict(body.message ?? body.code));
		this.name = 'KalturaApiError';
		this.code = body.code;
		this.args = normaliseArgs(body.args);
		this.service = service;
		this.action = action;
	}

	/** The exception as Kaltura sent it, sessions removed: what NodeApiError shows as the response. */
	toJSON(): KalturaApiExceptionBody & { service: string; action: string } {
		return {
			objectType: 'KalturaAPIException',
			code: this.code,
			message: this.message,
			args: this.args,
			service: this.service,
			action: this.action,
		};
	}
}

/** The request did not produce a Kaltura answer: network failure, timeout, HTTP error or garbage. */
export class KalturaTransportError extends Error {
	readonly httpStatus?: number;
	/** The network or system code (ECONNRESET, ETIMEDOUT, …) when there was no HTTP answer. */
	readonly networkCode?: string;
	/** True when the request certainly never reached the server (safe to repeat for any action). */
	readonly notSent: boolean;
	readonly service: string;
	readonly action: string;

	constructor(
		message: string,
		details: { service: string; action: string; httpStatus?: number; networkCode?: string; notSent?: boolean },
	) {
		super(redactSessionsStrict(message));
		this.name = 'KalturaTransportError';
		this.httpStatus = details.httpStatus;
		this.networkCode = details.networkCode;
		this.notSent = details.notSent ?? false;
		this.service = details.service;
		this.action = details.action;
	}
}

/** The execution was cancelled (stop button, timeout): never retried, never wrapped. */
export class KalturaCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'KalturaCancelledError';
	}
}

function normaliseArgs(args: KalturaApiExceptionBody['args']): Record<string, string> {
	// PHP encodes an empty args map as [] — treat it as {}.
	if (!args || Array.isArray(args)) return {};
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(args)) out[key] = redactSessionsStrict(String(value));
	return out;
}

/** API errors that mean "the server hiccuped", worth the same request again after a pause. */
const RETRYABLE_API_CODES = new Set(['INTERNAL_SERVERL_ERROR', 'INTERNAL_DATABASE_ERROR', 'LOCK_TIMED_OUT']);

const RETRYABLE_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Network failures where the request never left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isNotSentNetworkCode(code: string | undefined): boolean {
	return code !== undefined && NOT_SENT_CODES.has(code);
}

/**
 * Whether repeating the request may help. `idempotent` says whether the call is safe to repeat
 * once it may have reached the server; calls that never left are always safe.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
	if (error instanceof KalturaCancelledError) return false;
	if (error instanceof KalturaApiError) return idempotent && RETRYABLE_API_CODES.has(error.code);
	if (error instanceof KalturaTransportError) {
		if (error.notSent) return true;
		if (!idempotent) return false;
		if (error.httpStatus !== undefined) return RETRYABLE_HTTP.has(error.httpStatus);
		return true; // reset, timeout, truncated body: the server may or may not have acted
	}
	return false;
}

/** INVALID_KS for an expired or logged-out session: worth a new session and one more try. */
export function isExpiredSessionError(error: unknown): boolean {
	if (!(error instanceof KalturaApiError) || error.code !== 'INVALID_KS') return false;
	const reason = `${error.args.KSID ?? ''} ${error.args.ERR_DESC ?? ''} ${error.message}`;
	return /EXPIRED|LOGOUT/i.test(reason);
}

/** What a user can do about the most common Kaltura errors, shown under the message in n8n. */
const HINTS: Record<string, string> = {
	INVALID_KS:
		'Kaltura rejected the session. Check the Partner ID and the secret (or app token) in the Kaltura API credential, and that the session type and privileges allow this action.',
	START_SESSION_ERROR:
		'Kaltura could not start a session: the Partner ID or the secret in the Kaltura API credential is wrong, or the partner is blocked. A user secret starts User sessions only: with Session Type Admin, use the admin secret.',
	INVALID_PARTNER_ID: 'The Partner ID in the Kaltura API credential does not exist on this Kaltura server.',
	SERVICE_FORBIDDEN:
		'The session may not use this service. Use an Admin session type, or give the credential (or its app token) the privileges this action needs.',
	APP_TOKEN_ID_NOT_FOUND: 'The App Token ID in the Kaltura API credential does not exist for this partner.',
	APP_TOKEN_NOT_ACTIVE: 'The app token is disabled or deleted in Kaltura. Enable it or create a new one.',
	APP_TOKEN_EXPIRED: 'The app token has expired. Create a new app token in Kaltura and update the credential.',
	INVALID_APP_TOKEN_HASH:
		'The app token value or its hash type in the Kaltura API credential does not match the token stored in Kaltura.',
	ENTRY_ID_NOT_FOUND: 'No entry with this ID exists for this partner. Check the entry ID (it looks like 1_abcd1234).',
	INVALID_ENTRY_ID: 'This entry ID is not valid for this action. Check that it is the right kind of entry.',
	ENTRY_ALREADY_WITH_CONTENT:
		'The entry already has content. Use the "Replace Entry Content" operation to change its media.',
	ENTRY_REPLACEMENT_ALREADY_EXISTS:
		'A content replacement is already in progress for this entry. Wait until it finishes, then try again.',
	CONVERSION_PROFILE_ID_NOT_FOUND:
		'The conversion profile ID does not exist. Leave it empty to use the partner default.',
	CATEGORY_NOT_FOUND: 'A category given for the entry does not exist.',
	PROPERTY_VALIDATION_MIN_LENGTH: 'A field is too short, e.g. a reference ID needs at least 2 characters.',
	UPLOAD_TOKEN_NOT_FOUND: 'The upload token does not exist (or belongs to another user). Start a new upload.',
	UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD:
		'The upload token no longer accepts data: it is already complete or was used by an entry.',
	UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY:
		'The upload token cannot be attached to an entry: its upload is incomplete or it was already used.',
	UPLOAD_TOKEN_CANNOT_RESUME: 'The upload cannot be resumed because its first chunk never arrived. Start a new upload.',
	UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED: 'The partial upload is too old to resume. Start a new upload.',
	MAX_ALLOWED_CHUNK_COUNT_EXCEEDED: 'Too many chunks arrived out of order. Lower the parallel chunks setting.',
	MISSING_MANDATORY_PARAMETER: 'A required value is missing from the request.',
	RESOURCE_TYPE_NOT_SUPPORTED: 'Kaltura does not accept this kind of content source for this action.',
};

export function hintFor(code: string): string | undefined {
	return HINTS[code];
}

/**
 * Kaltura's own wording, where it says nothing a workflow builder can act on ("Error while
 * starting session for partner [100]"): what the message becomes. Kaltura's text stays in the
 * description.
 */
const PLAIN_MESSAGES: Record<string, string> = {
	START_SESSION_ERROR:
		'Kaltura refused the credential: the Partner ID or the secret is wrong (an Admin session type needs the admin secret)',
};

export function plainMessageFor(code: string): string | undefined {
	return PLAIN_MESSAGES[code];
}
