/**
 * Kaltura puts sessions where one does not expect them: INVALID_KS messages quote the KS, and
 * logFileUrl / downloadUrl embed one in their path. Everything we show or log goes through here.
 */

const KS_PATTERN = /djJ8[A-Za-z0-9_\-+/=]{8,}/g;
const KS_PATH_PATTERN = /(\/ks\/)[^/?#\s"']+/gi;
const KS_QUERY_PATTERN = /([?&]ks=)[^&#\s"']+/gi;
const KS_V1_PATTERN = /\b[A-Za-z0-9+/]{40,}={0,2}\b/g;

export const REDACTED = '[redacted]';

/** Replaces anything that looks like a KS (v2 anywhere, v1 and v2 in URLs) with a marker. */
export function redactSessions(text: string): string {
	return text
		.replace(KS_PATH_PATTERN, `$1${REDACTED}`)
		.replace(KS_QUERY_PATTERN, `$1${REDACTED}`)
		.replace(KS_PATTERN, REDACTED);
}

/** Also hides long base64 runs (KS v1 has no fixed prefix); for error texts, not for data. */
export function redactSessionsStrict(text: string): string {
	return redactSessions(text).replace(KS_V1_PATTERN, REDACTED);
}

/** Removes a literal secret (admin secret, app token) wherever it appears. */
export function redactLiterals(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
	}
	return out;
}

/** `http://user:secret@host` → `http://user:***@host`, in any text (URLs in messages). */
export function maskUrlPassword(text: string): string {
	return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^/\s@]*@/gi, '$1:***@');
}

/**
 * Query parameters that carry a credential: signed-URL signatures (S3, Google Cloud Storage,
 * CloudFront, Azure SAS `sig`), tokens, passwords, API keys, Kaltura sessions. Whoever holds the
 * value can fetch the file, so outputs and messages show `***` instead.
 */
const SECRET_QUERY_NAME =
	/^(?:x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|token|access_token|id_token|auth|password|passwd|pwd|secret|client_secret|api_key|apikey|key|ks)$/i;

function decodedName(name: string): string {
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/** A password in a URL and the values of credential-carrying query parameters, masked, in any text. */
export function maskUrlSecrets(text: string): string {
	return maskUrlPassword(text).replace(
		/([?&])([^=&#\s"']+)=([^&#\s"']*)/g,
		(whole, separator: string, name: string, value: string) =>
			value !== '' && SECRET_QUERY_NAME.test(decodedName(name)) ? `${separator}${name}=***` : whole,
	);
}
