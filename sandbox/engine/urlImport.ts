/**
 * Server-side URL import (KalturaUrlResource): stream an http(s) URL to a file, following
 * redirects, or an ftp URL (ftpImport.ts). Any failure — unsupported scheme, connection
 * error, non-2xx, stall — is reported, and the lifecycle turns it into ERROR_IMPORTING like
 * Kaltura's import job.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { pipeline } from 'stream/promises';

import { importFtp } from './ftpImport';

export type ImportResult = { ok: true; size: number; fileName: string } | { ok: false; reason: string };

const MAX_REDIRECTS = 5;

/** Last path segment, decoded; a malformed %-escape keeps the raw text instead of failing the import. */
function fileNameOf(u: URL): string {
	const raw = u.pathname.split('/').pop() ?? '';
	let last = raw;
	try {
		last = decodeURIComponent(raw);
	} catch {
		// keep raw
	}
	return last || 'import';
}

export async function importUrl(
	rawUrl: string,
	dest: string,
	headers: string[],
	timeoutMs: number,
	signal: AbortSignal,
): Promise<ImportResult> {
	let url: URL;
	try {
		url = new URL(rawUrl);
	} catch {
		return { ok: false, reason: 'invalid url' };
	}
	const extraHeaders: Record<string, string> = {};
	for (const h of headers) {
		const i = h.indexOf(':');
		if (i > 0) extraHeaders[h.slice(0, i).trim()] = h.slice(i + 1).trim();
	}
	if (url.protocol === 'ftp:') {
		const ftp = await importFtp(url, dest, timeoutMs, signal);
		return ftp.ok ? { ok: true, size: ftp.size, fileName: fileNameOf(url) } : ftp;
	}
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		if (url.protocol !== 'http:' && url.protocol !== 'https:')
			return { ok: false, reason: `unsupported scheme ${url.protocol}` };
		const lib = url.protocol === 'https:' ? https : http;
		let res: http.IncomingMessage;
		try {
			res = await new Promise<http.IncomingMessage>((resolve, reject) => {
				const req = lib.get(url, { headers: extraHeaders, signal, timeout: timeoutMs }, resolve);
				req.on('timeout', () => req.destroy(new Error('timeout')));
				req.on('error', reject);
			});
		} catch (err) {
			return { ok: false, reason: String(err) };
		}
		const status = res.statusCode ?? 0;
		if (status >= 300 && status < 400 && res.headers.location) {
			res.resume();
			try {
				url = new URL(res.headers.location, url);
			} catch {
				return { ok: false, reason: `bad redirect location ${res.headers.location}` };
			}
			continue;
		}
		if (status < 200 || status >= 300) {
			res.resume();
			return { ok: false, reason: `HTTP ${status}` };
		}
		try {
			res.setTimeout(timeoutMs, () => res.destroy(new Error('stalled')));
			await pipeline(res, fs.createWriteStream(dest), { signal });
			return { ok: true, size: fs.statSync(dest).size, fileName: fileNameOf(url) };
		} catch (err) {
			return { ok: false, reason: String(err) };
		}
	}
	return { ok: false, reason: 'too many redirects' };
}
