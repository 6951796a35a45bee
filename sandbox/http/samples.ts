/**
 * `GET` / `HEAD /__sandbox/samples/<name>[?size=<bytes>]`: generated sample media
 * (engine/sampleMedia.ts) for example workflows and URL imports, typed by the name's extension.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { pipeline } from 'stream/promises';
import {
	DEFAULT_SAMPLE_SIZE,
	MAX_SAMPLE_SIZE,
	MIN_SAMPLE_SIZE,
	SAMPLE_EXTENSIONS,
	sampleStream,
	sampleTypeOf,
} from '../engine/sampleMedia';

/** Plain names only: the name is echoed in Content-Disposition and seeds the bytes. */
const SAMPLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function sendError(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
	const text = JSON.stringify({ error });
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** `segments` is the path after `/__sandbox/samples/`, decoded. */
export async function serveSample(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	segments: string[],
): Promise<void> {
	const method = req.method ?? 'GET';
	if (method !== 'GET' && method !== 'HEAD')
		return sendError(res, 405, 'samples are read with GET or HEAD', { Allow: 'GET, HEAD' });
	const name = segments.length === 1 ? segments[0] : '';
	const type = SAMPLE_NAME.test(name) ? sampleTypeOf(name) : null;
	if (!type)
		return sendError(res, 404, `no sample ${segments.join('/')}: name it <name>.<${SAMPLE_EXTENSIONS.join('|')}>`);

	const sizeParam = url.searchParams.get('size');
	const size = sizeParam === null ? DEFAULT_SAMPLE_SIZE : /^\d{1,10}$/.test(sizeParam) ? Number(sizeParam) : NaN;
	if (!(size >= MIN_SAMPLE_SIZE && size <= MAX_SAMPLE_SIZE)) {
		return sendError(res, 400, `size must be a number of bytes from ${MIN_SAMPLE_SIZE} to ${MAX_SAMPLE_SIZE}`);
	}

	res.writeHead(200, {
		'Content-Type': type.contentType,
		'Content-Length': size,
		'Content-Disposition': `inline; filename="${name}"`,
		'Cache-Control': 'no-store',
	});
	if (method === 'HEAD') {
		res.end();
		return;
	}
	try {
		await pipeline(sampleStream(name, size), res);
	} catch {
		// The client went away before the end; nothing is left to clean up.
	}
}
