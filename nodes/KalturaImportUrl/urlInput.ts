import { maskUrlSecrets } from '../kaltura/client/redact';
import { textValue, type ValueCheck } from '../kaltura/runner/parameterValues';
import type { KalturaObject } from '../kaltura/client/types';

/**
 * Schemes Kaltura's import job can fetch. http/https/ftp/ftps go in a KalturaUrlResource;
 * sftp (and scp) need Kaltura's SSH resource type (kaltura-api.md §4.4).
 */
export const URL_SCHEMES = ['http:', 'https:', 'ftp:', 'ftps:', 'sftp:'] as const;
const SSH_SCHEMES = new Set(['sftp:', 'scp:']);

export type UrlCheck = { ok: true; url: string; parsed: URL } | { ok: false; message: string; description: string };

const SCHEME_LIST = 'http, https, ftp, ftps or sftp';

/**
 * Checks a URL before it is sent: Kaltura accepts anything and fails later, in the background,
 * with a vague ERROR_IMPORTING; a bad URL caught here fails its own item with a clear message.
 */
export function checkImportUrl(raw: unknown): UrlCheck {
	const given = textValue(raw, 'URL');
	if (!given.ok) return given;
	const text = given.value;
	if (text === '') {
		return {
			ok: false,
			message: 'The URL is empty',
			description:
				'Give each item the address Kaltura should download the media from, e.g. https://example.com/video.mp4',
		};
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return {
			ok: false,
			message: `"${shorten(maskUrlSecrets(text))}" is not a valid URL`,
			description: `Use a full address starting with ${SCHEME_LIST}://, e.g. https://example.com/video.mp4`,
		};
	}
	if (!(URL_SCHEMES as readonly string[]).includes(parsed.protocol)) {
		return {
			ok: false,
			message: `Kaltura cannot import from a "${parsed.protocol.replace(/:$/, '')}" URL`,
			description: `Kaltura downloads media over ${SCHEME_LIST} only.`,
		};
	}
	if (parsed.hostname === '') {
		return {
			ok: false,
			message: `"${shorten(maskUrlSecrets(text))}" has no host name`,
			description: 'A URL needs a server name after the scheme, e.g. https://example.com/video.mp4',
		};
	}
	return { ok: true, url: parsed.toString(), parsed };
}

/**
 * The URL as the node outputs it: a password written into the URL (ftp://user:pw@host/…) and
 * signatures or tokens in its query are masked, since outputs end up in execution logs.
 * Everything else stays as given.
 */
export function displayUrl(url: URL): string {
	return maskUrlSecrets(url.toString());
}

/** What an item's `url` detail shows for any value the URL field got, secrets masked. */
export function displayRawUrl(raw: unknown): string {
	const given = textValue(raw, 'URL');
	return given.ok ? maskUrlSecrets(given.value) : '';
}

function shorten(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The default entry name: the last path segment, decoded (`/media/My%20Talk.mp4` → `My Talk.mp4`);
 * the host name when the path is empty. Query strings (signatures of signed links) never count.
 */
export function entryNameFromUrl(url: URL): string {
	const segments = url.pathname.split('/').filter((s) => s !== '');
	const last = segments.length > 0 ? safeDecode(segments[segments.length - 1]).trim() : '';
	return last !== '' ? last : url.hostname;
}

export interface UrlResourceOptions {
	forceAsyncDownload: boolean;
	/** "Name: value" lines Kaltura sends when it fetches the URL (e.g. an Authorization header). */
	headers: string[];
}

/** The resource for media.addContent / media.updateContent. */
export function urlResource(url: URL, options: UrlResourceOptions): KalturaObject {
	const resource: KalturaObject = {
		objectType: SSH_SCHEMES.has(url.protocol) ? 'KalturaSshUrlResource' : 'KalturaUrlResource',
		url: url.toString(),
	};
	if (options.forceAsyncDownload) resource.forceAsyncDownload = true;
	if (options.headers.length > 0) {
		resource.urlHeaders = options.headers.map((value) => ({ objectType: 'KalturaString', value }));
	}
	return resource;
}

/**
 * Splits the HTTP Headers option into "Name: value" lines, skipping blank ones. A line that is
 * not a header is refused: dropped silently, it would turn into a failed download much later.
 */
export function parseHeaderLines(raw: unknown): ValueCheck<string[]> {
	const given = textValue(raw, 'HTTP Headers');
	if (!given.ok) return given;
	const lines = given.value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	const bad = lines.findIndex((line) => !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*:/.test(line));
	if (bad >= 0) {
		// Not quoted: header lines often hold tokens.
		return {
			ok: false,
			message: `HTTP Headers line ${bad + 1} is not a "Name: value" header`,
			description: 'Write one header per line, its name, a colon and its value, e.g. Authorization: Bearer abc123',
		};
	}
	return { ok: true, value: lines };
}
