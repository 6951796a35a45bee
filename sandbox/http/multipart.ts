/**
 * Streaming multipart/form-data parser. File parts go straight to temp files through
 * an fs handle (uploads can be gigabytes, so nothing but a small look-behind window is
 * buffered); plain fields are kept in memory up to a cap.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';
import { UploadedFile } from './paramTree';

export interface MultipartResult {
	fields: Array<[string, string]>;
	files: UploadedFile[];
}

export class MultipartError extends Error {}

const MAX_HEADER_BYTES = 16 * 1024;
const WRITE_BATCH_BYTES = 1024 * 1024;

interface PartHeaders {
	name: string;
	fileName: string | null;
	contentType: string;
}

function parseHeaders(raw: string): PartHeaders {
	let name = '';
	let fileName: string | null = null;
	let contentType = 'application/octet-stream';
	for (const line of raw.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const key = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (key === 'content-type') contentType = value;
		if (key !== 'content-disposition') continue;
		for (const m of value.matchAll(/;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
			const v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
			if (m[1].toLowerCase() === 'name') name = v;
			if (m[1].toLowerCase() === 'filename') fileName = v;
		}
	}
	return { name, fileName, contentType };
}

export async function parseMultipart(
	source: AsyncIterable<Buffer>,
	boundary: string,
	tmpDir: string,
	maxFieldBytes: number,
): Promise<MultipartResult> {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const keep = delimiter.length - 1;
	const result: MultipartResult = { fields: [], files: [] };
	// A leading CRLF lets the first boundary (which has none) match the same delimiter.
	let buf: Buffer = Buffer.from('\r\n');
	let state: 'preamble' | 'afterDelim' | 'headers' | 'body' | 'done' = 'preamble';
	let part: PartHeaders | null = null;
	let fieldChunks: Buffer[] = [];
	let fieldBytes = 0;
	let file: { handle: fsp.FileHandle; path: string; size: number } | null = null;

	// File bytes are written in batches: one write per 64 KiB socket read costs more than the copy.
	let batch: Buffer[] = [];
	let batchBytes = 0;
	const flush = async (): Promise<void> => {
		if (!file || batchBytes === 0) return;
		const pieces = batch;
		batch = [];
		batchBytes = 0;
		await file.handle.writev(pieces);
	};

	const emit = async (data: Buffer): Promise<void> => {
		if (data.length === 0) return;
		if (file) {
			batch.push(data);
			batchBytes += data.length;
			file.size += data.length;
			if (batchBytes >= WRITE_BATCH_BYTES) await flush();
		} else {
			fieldBytes += data.length;
			if (fieldBytes > maxFieldBytes) throw new MultipartError('multipart field too large');
			fieldChunks.push(Buffer.from(data));
		}
	};

	const finishPart = async (): Promise<void> => {
		if (!part) return;
		if (file) {
			await flush();
			await file.handle.close();
			result.files.push(new UploadedFile(part.name, part.fileName ?? '', file.path, file.size, part.contentType));
			file = null;
		} else {
			result.fields.push([part.name, Buffer.concat(fieldChunks).toString('utf8')]);
		}
		part = null;
		fieldChunks = [];
		fieldBytes = 0;
	};

	const step = async (): Promise<boolean> => {
		switch (state) {
			case 'preamble': {
				const idx = buf.indexOf(delimiter);
				if (idx < 0) {
					buf = buf.subarray(Math.max(0, buf.length - keep));
					return false;
				}
				buf = buf.subarray(idx + delimiter.length);
				state = 'afterDelim';
				return true;
			}
			case 'afterDelim': {
				if (buf.length < 2) return false;
				if (buf[0] === 0x2d && buf[1] === 0x2d) {
					state = 'done';
					return false;
				}
				const idx = buf.indexOf('\r\n');
				if (idx < 0) {
					if (buf.length > 1024) throw new MultipartError('malformed boundary line');
					return false;
				}
				buf = buf.subarray(idx + 2);
				state = 'headers';
				return true;
			}
			case 'headers': {
				const idx = buf.indexOf('\r\n\r\n');
				const empty = buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a;
				if (idx < 0 && !empty) {
					if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('part headers too large');
					return false;
				}
				const raw = empty ? '' : buf.subarray(0, idx).toString('utf8');
				buf = buf.subarray(empty ? 2 : idx + 4);
				part = parseHeaders(raw);
				if (part.fileName !== null) {
					const p = path.join(tmpDir, `part-${crypto.randomBytes(8).toString('hex')}`);
					file = { handle: await fsp.open(p, 'w'), path: p, size: 0 };
				}
				state = 'body';
				return true;
			}
			case 'body': {
				const idx = buf.indexOf(delimiter);
				if (idx < 0) {
					const safe = buf.length - keep;
					if (safe > 0) {
						await emit(buf.subarray(0, safe));
						buf = buf.subarray(safe);
					}
					return false;
				}
				await emit(buf.subarray(0, idx));
				buf = buf.subarray(idx + delimiter.length);
				await finishPart();
				state = 'afterDelim';
				return true;
			}
			default:
				return false;
		}
	};

	// Read through a function: `step` changes `state` in a closure, which TypeScript's
	// narrowing of the local variable cannot see.
	const finished = (): boolean => state === 'done';

	// In a file body `buf` is only the short tail kept from the previous read. Joining it to every
	// new read would copy each upload twice and churn enough memory to keep the garbage collector
	// busy, so only the seam is checked: unless a delimiter starts in the tail, the tail is file
	// data and the new read is searched on its own.
	const append = async (chunk: Buffer): Promise<void> => {
		if (state === 'body' && buf.length < delimiter.length && chunk.length >= delimiter.length) {
			const seam = Buffer.concat([buf, chunk.subarray(0, delimiter.length - 1)]);
			const at = seam.indexOf(delimiter);
			if (at < 0 || at >= buf.length) {
				await emit(buf);
				buf = chunk;
				return;
			}
		}
		buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
	};

	try {
		for await (const chunk of source) {
			if (finished()) continue; // epilogue is ignored, but drained
			await append(chunk);
			while (await step()) {
				/* keep consuming complete tokens */
			}
		}
		if (!finished()) throw new MultipartError('truncated multipart body');
		return result;
	} catch (err) {
		const open = file as { handle: fsp.FileHandle; path: string } | null;
		if (open) {
			await open.handle.close().catch(() => undefined);
			await fsp.rm(open.path, { force: true });
		}
		await Promise.all(result.files.map((f) => fsp.rm(f.path, { force: true })));
		throw err;
	}
}
