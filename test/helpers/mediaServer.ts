/**
 * A tiny HTTP server on 127.0.0.1 that plays "the partner's media server" for URL imports:
 *   /media/<name>       → bytes the sandbox recognises as MP4 (different per name)
 *   /page/<name>        → an HTML page (downloads fine, is not media → ERROR_CONVERTING)
 *   /missing/<name>     → 404 (→ ERROR_IMPORTING)
 *   /redirect/<name>    → 302 to /media/<name>
 *   /badredirect/<name> → 302 to a Location that is not a URL
 *   /private/<name>     → MP4 only with the header `Authorization: Bearer letmein`, else 401
 *   /stall/<name>       → sends headers and a few bytes, then nothing
 * Every request is recorded (path and headers) so tests can see what Kaltura fetched.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { fakeMp4 } from './media';

export interface MediaHit {
	path: string;
	headers: http.IncomingHttpHeaders;
}

export interface MediaServer {
	url: string;
	hits: MediaHit[];
	/** The bytes served at /media/<name>. */
	bytesFor(name: string): Buffer;
	close(): Promise<void>;
}

export const MEDIA_SIZE = 4096;

export async function startMediaServer(): Promise<MediaServer> {
	const hits: MediaHit[] = [];
	const bytesFor = (name: string): Buffer => fakeMp4(MEDIA_SIZE, name);
	const stalled = new Set<http.ServerResponse>();
	const server = http.createServer((req, res) => {
		const raw = (req.url ?? '/').split('?')[0];
		let path = raw;
		try {
			path = decodeURIComponent(raw);
		} catch {
			// a name with a broken %-escape is served under its raw form
		}
		hits.push({ path, headers: req.headers });
		const [, kind, ...rest] = path.split('/');
		const name = rest.join('/');
		if (kind === 'media') {
			const body = bytesFor(name);
			res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': body.length });
			res.end(body);
		} else if (kind === 'page') {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			res.end('<!doctype html><html><body>Sign in to download this video</body></html>');
		} else if (kind === 'redirect') {
			res.writeHead(302, { Location: `/media/${name}` });
			res.end();
		} else if (kind === 'badredirect') {
			res.writeHead(302, { Location: 'http://[not-an-address' });
			res.end();
		} else if (kind === 'private') {
			if (req.headers.authorization !== 'Bearer letmein') {
				res.writeHead(401);
				res.end();
				return;
			}
			const body = bytesFor(name);
			res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': body.length });
			res.end(body);
		} else if (kind === 'stall') {
			res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': 100000 });
			res.write(bytesFor(name).subarray(0, 100));
			stalled.add(res);
		} else {
			res.writeHead(404);
			res.end();
		}
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		hits,
		bytesFor,
		close: async () => {
			for (const res of stalled) res.destroy();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
