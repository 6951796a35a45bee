/**
 * The chunked upload engine against the sandbox: Kaltura's protocol step by step, byte-exact
 * assembly for every size class, parallel and out-of-order chunks, retries, lost chunks,
 * cancellation, and bad input. Chunks are 64 KiB (an internal option) so files stay small.
 */
import { KalturaApiError, KalturaCancelledError } from '../../../nodes/kaltura/client/errors';
import { uploadFile, UploadError, type UploadOptions } from '../../../nodes/kaltura/upload';
import { DEFAULT_CHUNK_TIMEOUT_MS } from '../../../nodes/kaltura/upload/chunkedUpload';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { fakeMp4, sha256 } from '../../helpers/media';
import { KiB, allTokens, bufferSource, later, sandboxClient, tokenBytes, tokenRecord } from './support';

const CHUNK = 64 * KiB;
const small = (extra: UploadOptions = {}): UploadOptions => ({
	chunkSize: CHUNK,
	minimumChunkSize: 16 * KiB,
	concurrency: 4,
	...extra,
});

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50, finalChunkWaitIterations: 20, finalChunkWaitIntervalMs: 25 });
});
afterAll(async () => {
	await sandbox.close();
});
afterEach(() => {
	sandbox.faults.clear();
});

describe('upload sizes', () => {
	it('refuses an empty file before creating anything in Kaltura', async () => {
		const { client } = sandboxClient(sandbox);
		const before = allTokens(sandbox).length;
		const error = await uploadFile(client, bufferSource(Buffer.alloc(0)), small()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UploadError);
		expect((error as Error).message).toMatch(/empty \(0 bytes\)\. Kaltura cannot ingest an empty file/);
		expect(allTokens(sandbox).length).toBe(before);
	});

	it('sends a 1-byte file in one request and verifies the token', async () => {
		const { client, uploads } = sandboxClient(sandbox);
		const data = Buffer.from([0x42]);
		const report = await uploadFile(client, bufferSource(data, 'one.bin'), small());
		expect(uploads).toEqual([expect.objectContaining({ resume: false, resumeAt: 0, finalChunk: true, bytes: 1 })]);
		expect(report).toMatchObject({
			bytes: 1,
			bytesSent: 1,
			chunks: 1,
			retries: 0,
			resumedFrom: 0,
			sha256: sha256(data),
		});
		expect(tokenRecord(sandbox, report.uploadTokenId)).toMatchObject({
			status: 2,
			uploadedFileSize: 1,
			fileName: 'one.bin',
			fileSize: 1,
		});
		expect((await tokenBytes(sandbox, report.uploadTokenId)).equals(data)).toBe(true);
	});

	it('sends exactly one chunk in one request', async () => {
		const { client, uploads } = sandboxClient(sandbox);
		const data = fakeMp4(CHUNK, 'exact');
		const report = await uploadFile(client, bufferSource(data), small());
		expect(uploads).toHaveLength(1);
		expect(uploads[0]).toMatchObject({ resume: false, finalChunk: true, bytes: CHUNK });
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});

	it('sends chunk + 1 byte as a first chunk alone and a 1-byte final chunk', async () => {
		const { client, uploads } = sandboxClient(sandbox);
		const data = fakeMp4(CHUNK + 1, 'plus-one');
		const report = await uploadFile(client, bufferSource(data), small());
		expect(uploads.map(({ resume, resumeAt, finalChunk, bytes }) => ({ resume, resumeAt, finalChunk, bytes }))).toEqual(
			[
				{ resume: false, resumeAt: 0, finalChunk: false, bytes: CHUNK },
				{ resume: true, resumeAt: CHUNK, finalChunk: true, bytes: 1 },
			],
		);
		expect(report).toMatchObject({ bytes: CHUNK + 1, chunks: 2, sha256: sha256(data) });
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});
});

describe('timeouts', () => {
	it('gives chunk requests three silent minutes (Kaltura joins the file before answering the last) and other calls the default', async () => {
		const { client } = sandboxClient(sandbox);
		const seen: Array<{ call: string; timeoutMs?: number }> = [];
		const call = client.call.bind(client);
		jest.spyOn(client, 'call').mockImplementation(async (service, action, params, options) => {
			seen.push({ call: `${service}.${action}`, timeoutMs: options?.timeoutMs });
			return await call(service, action, params, options);
		});
		await uploadFile(client, bufferSource(fakeMp4(3 * CHUNK), 't.mp4'), small());
		const chunkCalls = seen.filter((s) => s.call === 'uploadToken.upload');
		expect(chunkCalls.length).toBeGreaterThan(1);
		expect(new Set(chunkCalls.map((s) => s.timeoutMs))).toEqual(new Set([DEFAULT_CHUNK_TIMEOUT_MS]));
		expect(DEFAULT_CHUNK_TIMEOUT_MS).toBe(180_000);
		expect(seen.filter((s) => s.call === 'uploadToken.add').map((s) => s.timeoutMs)).toEqual([undefined]);
		await uploadFile(client, bufferSource(fakeMp4(CHUNK), 'u.mp4'), small({ chunkTimeoutMs: 5000 }));
		expect(seen.filter((s) => s.call === 'uploadToken.upload').at(-1)).toEqual({
			call: 'uploadToken.upload',
			timeoutMs: 5000,
		});
	});
});

describe('many chunks', () => {
	const data = fakeMp4(40 * CHUNK + 12_345, 'many');

	it('assembles the exact bytes sequentially with one chunk at a time', async () => {
		const { client, uploads, maxInFlight } = sandboxClient(sandbox);
		const report = await uploadFile(client, bufferSource(data), small({ concurrency: 1 }));
		expect(maxInFlight()).toBe(1);
		expect(uploads.map((u) => u.resumeAt)).toEqual(Array.from({ length: 41 }, (_, i) => i * CHUNK));
		expect(report).toMatchObject({ chunks: 41, bytesSent: data.length, retries: 0, concurrency: 1 });
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});

	it('assembles the exact bytes from 8 parallel chunks arriving out of order', async () => {
		// Random delays before each request put chunks on the wire in a scrambled order.
		const { client, uploads, maxInFlight } = sandboxClient(sandbox, {
			interceptor: {
				before: async (call) => (call.finalChunk || call.resumeAt === 0 ? undefined : await later(Math.random() * 30)),
			},
		});
		const report = await uploadFile(client, bufferSource(data), small({ concurrency: 8 }));
		const order = uploads.map((u) => u.resumeAt);
		expect(order[0]).toBe(0);
		expect(uploads[uploads.length - 1]).toMatchObject({ finalChunk: true, resumeAt: 40 * CHUNK, bytes: 12_345 });
		expect(uploads.filter((u) => u.finalChunk)).toHaveLength(1);
		expect(order.slice(1).some((offset, i) => i > 0 && offset < order[i])).toBe(true); // really out of order
		expect(maxInFlight()).toBeGreaterThan(1);
		expect(maxInFlight()).toBeLessThanOrEqual(8);
		expect(new Set(order).size).toBe(41);
		expect(report.sha256).toBe(sha256(data));
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
		expect(tokenRecord(sandbox, report.uploadTokenId)).toMatchObject({
			status: 2,
			uploadedFileSize: data.length,
			parked: [],
		});
	});

	it('never sends a chunk more than (parallel + 1) chunks past what Kaltura holds', async () => {
		// Hold the second chunk back: later chunks are parked, and the engine must stop at the window.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let maxEnd = 0;
		const { client } = sandboxClient(sandbox, {
			interceptor: {
				before: async (call) => {
					if (call.resumeAt === CHUNK) await held;
					maxEnd = Math.max(maxEnd, call.resumeAt + call.bytes);
				},
			},
		});
		const upload = uploadFile(client, bufferSource(data), small({ concurrency: 3 }));
		await later(300);
		expect(maxEnd).toBeLessThanOrEqual(CHUNK + 4 * CHUNK);
		release();
		const report = await upload;
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});

	it('logs progress for long uploads and a summary', async () => {
		const { client, logs, logger } = sandboxClient(sandbox, {
			interceptor: { before: async () => await later(5) },
		});
		await uploadFile(client, bufferSource(data), small({ logger, progressIntervalMs: 50 }));
		const info = logs.filter((l) => l.level === 'info').map((l) => l.message);
		expect(info[0]).toMatch(
			/^Uploading "clip.mp4" \(2.63 MB\) to Kaltura upload token \S+: chunks of 65.5 kB, 4 in parallel$/,
		);
		expect(info.some((m) => /^Uploading "clip.mp4" to Kaltura: \d+% \(/.test(m))).toBe(true);
		expect(info[info.length - 1]).toMatch(
			/^Uploaded "clip.mp4" \(2.63 MB\) to Kaltura upload token \S+ in [\d.]+ s \([\d.]+ MB\/s, 41 chunks, 0 retries\)$/,
		);
	});

	it('adapts the chunk size to the measured speed', async () => {
		// A slow link: each request takes 0.5 ms per KiB, so 64 KiB chunks take far longer than the 10 ms target.
		const { client } = sandboxClient(sandbox, {
			interceptor: { before: async (call) => await later(call.bytes / 2048) },
		});
		const report = await uploadFile(
			client,
			bufferSource(data),
			small({ concurrency: 2, adaptive: { minChunkSize: 16 * KiB, maxChunkSize: 256 * KiB, targetChunkMs: 10 } }),
		);
		expect(report.chunkSize).toBeLessThan(CHUNK);
		expect(report.chunks).toBeGreaterThan(41);
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});
});

describe('failures', () => {
	const data = fakeMp4(10 * CHUNK + 99, 'faults');

	it('retries chunks on HTTP 503 and on dropped connections, and counts the retries', async () => {
		sandbox.faults.failNext(2, { service: 'uploadtoken', action: 'upload', effect: 'http503' });
		sandbox.faults.add({ service: 'uploadtoken', action: 'upload', times: 1, effect: { type: 'reset' } });
		// Lost answer: the chunk landed but the response did not come back; re-sending it is harmless.
		sandbox.faults.add({
			service: 'uploadtoken',
			action: 'upload',
			times: 1,
			effect: { type: 'reset' },
			when: 'after',
		});
		const { client } = sandboxClient(sandbox);
		const report = await uploadFile(client, bufferSource(data), small());
		expect(report.retries).toBeGreaterThanOrEqual(4);
		expect(report.chunks).toBe(11);
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});

	it('retries a final chunk whose answer was lost, and accepts the completed token', async () => {
		const { client } = sandboxClient(sandbox, {
			interceptor: {
				before: async (call) => {
					if (call.finalChunk && !sandbox.faults.plan().rules.length && !finalFaulted) {
						finalFaulted = true;
						sandbox.faults.add({
							service: 'uploadtoken',
							action: 'upload',
							times: 1,
							effect: { type: 'reset' },
							when: 'after',
						});
					}
				},
			},
		});
		let finalFaulted = false;
		const report = await uploadFile(client, bufferSource(data), small());
		expect(finalFaulted).toBe(true);
		expect(report.retries).toBe(1);
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});

	it("fails at once with Kaltura's code on an error retrying cannot fix", async () => {
		const { client, uploads } = sandboxClient(sandbox, {
			interceptor: {
				fakeAnswer: (call) =>
					call.resumeAt === 2 * CHUNK
						? {
								statusCode: 200,
								body: Buffer.from(
									JSON.stringify({
										objectType: 'KalturaAPIException',
										code: 'UPLOAD_TOKEN_NOT_FOUND',
										message: 'Upload token not found',
										args: [],
									}),
								),
							}
						: undefined,
			},
		});
		const error = await uploadFile(client, bufferSource(data, 'refused.mp4'), small()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KalturaApiError);
		expect((error as KalturaApiError).code).toBe('UPLOAD_TOKEN_NOT_FOUND');
		expect(uploads.filter((u) => u.resumeAt === 2 * CHUNK)).toHaveLength(1);
	});

	it('sends bytes again that Kaltura lost, when the final chunk cannot match the size', async () => {
		// Chunk 3 "succeeds" without reaching the server: a gap Kaltura cannot fill by waiting.
		let dropped = false;
		const { client, uploads, logs, logger } = sandboxClient(sandbox, {
			interceptor: {
				fakeAnswer: (call) => {
					if (dropped || call.resumeAt !== 3 * CHUNK) return undefined;
					dropped = true;
					const token = tokenRecord(sandbox, call.tokenId);
					return {
						statusCode: 200,
						body: Buffer.from(
							JSON.stringify({
								objectType: 'KalturaUploadToken',
								id: call.tokenId,
								status: 1,
								uploadedFileSize: token.uploadedFileSize,
							}),
						),
					};
				},
			},
		});
		const report = await uploadFile(client, bufferSource(data, 'lost.mp4'), small({ concurrency: 8, logger }));
		expect(dropped).toBe(true);
		expect(uploads.filter((u) => u.resumeAt === 3 * CHUNK).length).toBeGreaterThanOrEqual(2);
		expect(logs.some((l) => l.level === 'warn' && /sending the missing bytes again/.test(l.message))).toBe(true);
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(data));
	});

	it('stops promptly when the execution is cancelled', async () => {
		sandbox.faults.setPlan({ latencyMs: 400 });
		const { client, abort } = sandboxClient(sandbox);
		const started = Date.now();
		setTimeout(() => abort.abort(), 150);
		const error = await uploadFile(client, bufferSource(data), small()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KalturaCancelledError);
		expect(Date.now() - started).toBeLessThan(1500);
	});

	it('refuses binary data shorter or longer than its stated size, without completing the token', async () => {
		const { client } = sandboxClient(sandbox);
		const tokens: string[] = [];
		const options = small({ autoResume: false, onUploadToken: (id) => tokens.push(id) });
		const short = { ...bufferSource(data.subarray(0, 5 * CHUNK)), size: data.length };
		const shortError = await uploadFile(client, short, options).catch((e: unknown) => e);
		expect(shortError).toBeInstanceOf(UploadError);
		expect((shortError as Error).message).toMatch(/ended after 327680 bytes, but its stated size is 655459 bytes/);

		const long = { ...bufferSource(data), size: data.length - 10 };
		const longError = await uploadFile(client, long, options).catch((e: unknown) => e);
		expect((longError as Error).message).toMatch(/longer than its stated size/);
		const oneShot = { ...bufferSource(data.subarray(0, 100)), size: 90 };
		expect(((await uploadFile(client, oneShot, options).catch((e: unknown) => e)) as Error).message).toMatch(
			/longer than its stated size/,
		);
		expect(tokens).toHaveLength(3);
		for (const id of tokens) expect(tokenRecord(sandbox, id).status).not.toBe(2);
	});
});
