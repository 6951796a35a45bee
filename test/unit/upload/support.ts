/**
 * Test support for the upload engine: a Kaltura client that talks to a sandbox over real HTTP
 * and records every upload request as the server received it (offset, flags, data size), with
 * hooks to delay, hold back or drop chunks; sources made from buffers in irregular pieces.
 */
import { promises as fsp } from 'fs';

import type { HttpResponse, KalturaLogger } from '../../../nodes/kaltura/client/client';
import { KalturaClient } from '../../../nodes/kaltura/client/client';
import { postHttp } from '../../helpers/postHttp';
import { SessionCache } from '../../../nodes/kaltura/client/session';
import type { UploadSource } from '../../../nodes/kaltura/upload';
import type { Sandbox } from '../../../sandbox';

export const KiB = 1024;

export interface UploadCall {
	/** Order in which the request was put on the wire. */
	seq: number;
	tokenId: string;
	resume: boolean;
	resumeAt: number;
	finalChunk: boolean;
	bytes: number;
}

export interface Interceptor {
	/** Runs before the request is sent; may wait (to reorder) or throw (to fail it). */
	before?: (call: UploadCall) => Promise<void>;
	/** Answer without sending: the server never sees this request. */
	fakeAnswer?: (call: UploadCall) => HttpResponse | undefined;
}

export interface TestClient {
	client: KalturaClient;
	uploads: UploadCall[];
	abort: AbortController;
	logs: Array<{ level: string; message: string }>;
	logger: KalturaLogger;
	/** Most upload requests that were on the wire at the same time. */
	maxInFlight: () => number;
}

function parseUpload(body: Buffer): Omit<UploadCall, 'seq'> | undefined {
	const text = body.toString('latin1');
	const json = /name="json"\r\nContent-Type: application\/json\r\n\r\n(.*?)\r\n--/s.exec(text);
	const fileHeader = text.indexOf('name="fileData"');
	if (!json || fileHeader < 0) return undefined;
	const params = JSON.parse(json[1]) as Record<string, unknown>;
	const dataStart = text.indexOf('\r\n\r\n', fileHeader) + 4;
	const dataEnd = text.lastIndexOf('\r\n--');
	return {
		tokenId: String(params.uploadTokenId),
		resume: params.resume === true,
		resumeAt: Number(params.resumeAt),
		finalChunk: params.finalChunk === true,
		bytes: dataEnd - dataStart,
	};
}

export function sandboxClient(
	sandbox: Sandbox,
	options: { interceptor?: Interceptor; abort?: AbortController } = {},
): TestClient {
	const abort = options.abort ?? new AbortController();
	const uploads: UploadCall[] = [];
	const logs: Array<{ level: string; message: string }> = [];
	const logger: KalturaLogger = {
		debug: (message) => logs.push({ level: 'debug', message }),
		info: (message) => logs.push({ level: 'info', message }),
		warn: (message) => logs.push({ level: 'warn', message }),
	};
	let inFlight = 0;
	let maxInFlight = 0;
	let seq = 0;
	const client = new KalturaClient({
		credentials: {
			serviceUrl: sandbox.url,
			partnerId: sandbox.partnerId,
			authType: 'secret',
			secret: sandbox.adminSecret,
			sessionType: 2,
			sessionExpiry: 3600,
			userId: 'upload-test',
		},
		sessionCache: new SessionCache(),
		sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
		retry: { retries: 4, baseDelayMs: 5, maxDelayMs: 40 },
		signal: abort.signal,
		logger,
		send: async (request) => {
			const parsed = Buffer.isBuffer(request.body) ? parseUpload(request.body) : undefined;
			if (!parsed) return await postHttp(request, { signal: abort.signal });
			const call: UploadCall = { ...parsed, seq: 0 };
			await options.interceptor?.before?.(call);
			const fake = options.interceptor?.fakeAnswer?.(call);
			call.seq = ++seq;
			uploads.push(call);
			if (fake) return fake;
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			try {
				return await postHttp(request, { signal: abort.signal });
			} finally {
				inFlight--;
			}
		},
	});
	return { client, uploads, abort, logs, logger, maxInFlight: () => maxInFlight };
}

/** The bytes in irregular pieces (as network or S3 streams deliver them), from a fresh iterator each time. */
export function bufferSource(
	data: Buffer,
	fileName = 'clip.mp4',
	pieces: number[] = [7000, 65536, 1, 30000],
): UploadSource & { opens: number } {
	const source = {
		size: data.length,
		fileName,
		mimeType: 'video/mp4',
		opens: 0,
		open: async () => {
			source.opens++;
			return (async function* () {
				let offset = 0;
				for (let i = 0; offset < data.length; i++) {
					const size = pieces[i % pieces.length];
					yield data.subarray(offset, offset + size);
					offset += size;
				}
			})();
		},
	};
	return source;
}

/** The bytes Kaltura assembled so far for an upload token. */
export async function tokenBytes(sandbox: Sandbox, tokenId: string): Promise<Buffer> {
	return await fsp.readFile(await sandbox.runtime.uploads.assembledFile(tokenRecord(sandbox, tokenId)));
}

export function tokenRecord(sandbox: Sandbox, tokenId: string) {
	return sandbox.store.partner(sandbox.partnerId).uploadTokens[tokenId];
}

export function allTokens(sandbox: Sandbox) {
	return Object.values(sandbox.store.partner(sandbox.partnerId).uploadTokens);
}

export function later(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
