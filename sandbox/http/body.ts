/**
 * Request body decoding following infraRequestUtils::getRequestParams:
 * JSON only for an application/json content type, multipart with a `json` part
 * (what the official Node client sends), otherwise form fields.
 */
import type { IncomingMessage } from 'http';
import { assertSafeKeys, fromPairs, ParamTree, UploadedFile } from './paramTree';
import { parseMultipart } from './multipart';

export interface ParsedBody {
	body: ParamTree;
	files: ParamTree;
	uploaded: UploadedFile[];
}

export class BodyTooLargeError extends Error {}

/**
 * Reads a body that must fit in memory. One over the limit is still read to its end (and
 * dropped): stopping mid-body would reset the connection before the client reads the refusal.
 */
async function readSmall(req: AsyncIterable<Buffer>, max: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		if (size <= max) chunks.push(chunk);
		else chunks.length = 0;
	}
	if (size > max) throw new BodyTooLargeError('request body too large');
	return Buffer.concat(chunks);
}

/** Reads `source` to its end without keeping anything. */
async function drain(source: AsyncIterable<Buffer>): Promise<void> {
	const chunks = source[Symbol.asyncIterator]();
	while (!(await chunks.next()).done) {
		// Each chunk is dropped as soon as it arrives.
	}
}

/** PHP json_decode of a non-object (or invalid JSON) yields no params; mirror that. */
function parseJsonObject(text: string): ParamTree {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch {
		return {};
	}
	assertSafeKeys(parsed);
	return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ParamTree) : {};
}

/** Decodes the body of `req`, read from `source` (the request itself, or the request as it comes off an emulated link). */
export async function parseBody(
	req: IncomingMessage,
	tmpDir: string,
	maxInMemoryBytes: number,
	source: AsyncIterable<Buffer> = req,
): Promise<ParsedBody> {
	const contentType = (req.headers['content-type'] ?? '').toLowerCase();
	const mime = contentType.split(';')[0].trim();
	// Real Kaltura compares the whole header to "application/json", so a charset suffix makes
	// it ignore the body. We accept the suffix (documented deviation) to stay useful for curl users.
	if (mime === 'application/json') {
		const raw = await readSmall(source, maxInMemoryBytes);
		return { body: parseJsonObject(raw.toString('utf8')), files: {}, uploaded: [] };
	}
	if (mime === 'multipart/form-data') {
		const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
		const boundary = m ? (m[1] ?? m[2]).trim() : '';
		if (!boundary) {
			await readSmall(source, Number.MAX_SAFE_INTEGER).catch(() => undefined);
			return { body: {}, files: {}, uploaded: [] };
		}
		const parsed = await parseMultipart(source, boundary, tmpDir, maxInMemoryBytes);
		const jsonField = parsed.fields.find(([name]) => name === 'json');
		const body = jsonField ? parseJsonObject(jsonField[1]) : fromPairs(parsed.fields);
		// A part without filename is a plain field in PHP; Kaltura then reports UPLOAD_ERROR for
		// file params given as strings, which Args.file() handles.
		const files = fromPairs(parsed.files.map((f): [string, UploadedFile] => [f.fieldName, f]));
		return { body, files, uploaded: parsed.files };
	}
	if (mime === 'application/x-www-form-urlencoded') {
		const raw = await readSmall(source, maxInMemoryBytes);
		return { body: fromPairs(new URLSearchParams(raw.toString('utf8'))), files: {}, uploaded: [] };
	}
	// Unknown content types: PHP would expose nothing; drain so the socket stays usable.
	await drain(source);
	return { body: {}, files: {}, uploaded: [] };
}
