/**
 * Resume: a run interrupted mid-upload leaves a partial token plus a resume marker in Kaltura;
 * the next run (any process: nothing is kept locally) continues it, sending only what is missing,
 * and never appends a different file to it.
 */
import { KalturaCancelledError } from '../../../nodes/kaltura/client/errors';
import {
	forgetCompletedUpload,
	uploadFile,
	UploadError,
	type UploadOptions,
	type UploadReport,
} from '../../../nodes/kaltura/upload';
import { MARKER_INTERVAL_MS, markerKey, parseMarker } from '../../../nodes/kaltura/upload/resumeMarkers';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { fakeMp4, sha256 } from '../../helpers/media';
import {
	KiB,
	allTokens,
	bufferSource,
	later,
	sandboxClient,
	tokenBytes,
	tokenRecord,
	type UploadCall,
} from './support';

const CHUNK = 64 * KiB;
const CONCURRENCY = 4;
/** How far a chunk may reach past what Kaltura holds: (parallel + 1) chunks. */
const LEAD = (CONCURRENCY + 1) * CHUNK;
const SIZE = 24 * CHUNK + 777;
/** The interrupted run never gets this chunk to Kaltura, so Kaltura holds exactly this much. */
const HELD = 6 * CHUNK;

const options = (extra: UploadOptions = {}): UploadOptions => ({
	chunkSize: CHUNK,
	minimumChunkSize: 16 * KiB,
	concurrency: CONCURRENCY,
	// A cancelled run cannot write its latest marker (its requests are aborted too), so these
	// tests record one per confirmation to resume from exactly HELD; the interval has its own tests.
	markerIntervalMs: 0,
	...extra,
});

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50, finalChunkWaitIterations: 20, finalChunkWaitIntervalMs: 25 });
});
afterAll(async () => {
	await sandbox.close();
});

function markersOf(tokenId: string) {
	const key = markerKey(tokenId);
	return allTokens(sandbox).filter((t) => t.fileSize === key && t.status === 0);
}

/**
 * Uploads until the chunk at HELD is on its way, lets the later chunks land (parked: the gap at
 * HELD never fills), then cancels the execution, as a stopped or crashed run would leave things.
 */
async function interruptedRun(data: Buffer, fileName: string): Promise<string> {
	let tokenId = '';
	const { client, abort } = sandboxClient(sandbox, {
		interceptor: {
			before: async (call) => {
				if (call.resumeAt !== HELD) return;
				setTimeout(() => abort.abort(), 400);
				await new Promise((_, reject) => abort.signal.addEventListener('abort', () => reject(new Error('aborted'))));
			},
		},
	});
	const error = await uploadFile(
		client,
		bufferSource(data, fileName),
		options({ onUploadToken: (id) => (tokenId = id) }),
	).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(KalturaCancelledError);
	const token = tokenRecord(sandbox, tokenId);
	expect(token).toMatchObject({ status: 1, uploadedFileSize: HELD });
	expect(token.parked.length).toBeGreaterThan(0); // chunks beyond the gap were parked
	expect(markersOf(tokenId)).toHaveLength(1);
	await later(50);
	return tokenId;
}

function bytesOf(calls: UploadCall[], tokenId?: string): number {
	return calls.filter((c) => tokenId === undefined || c.tokenId === tokenId).reduce((sum, c) => sum + c.bytes, 0);
}

describe('resume after an interrupted run', () => {
	it('continues the partial token and sends only the missing bytes', async () => {
		const data = fakeMp4(SIZE, 'resume-same');
		const tokenId = await interruptedRun(data, 'lecture.mp4');

		const { client, uploads } = sandboxClient(sandbox);
		const report: UploadReport = await uploadFile(client, bufferSource(data, 'lecture.mp4'), options());
		expect(report.uploadTokenId).toBe(tokenId);
		expect(report.resumedFrom).toBe(HELD);
		expect(report.bytesSent).toBe(SIZE - HELD);
		expect(bytesOf(uploads)).toBe(SIZE - HELD);
		// The first request alone reaches past anything the first run may have left parked.
		expect(uploads[0]).toMatchObject({ tokenId, resume: true, resumeAt: HELD, finalChunk: false, bytes: LEAD });
		expect(uploads.filter((u) => u.finalChunk)).toHaveLength(1);
		expect(uploads.every((u) => u.resume && u.resumeAt >= HELD)).toBe(true);
		expect(report.sha256).toBe(sha256(data)); // of the whole file, the skipped part included
		expect(sha256(await tokenBytes(sandbox, tokenId))).toBe(sha256(data));
		expect(tokenRecord(sandbox, tokenId)).toMatchObject({ status: 2, uploadedFileSize: SIZE });
		expect(markersOf(tokenId)).toHaveLength(0); // cleaned up once complete
	});

	it('continues from the named upload token, also with automatic resume off', async () => {
		const data = fakeMp4(SIZE, 'resume-explicit');
		const tokenId = await interruptedRun(data, 'explicit.mp4');
		const { client, uploads } = sandboxClient(sandbox);
		const report = await uploadFile(
			client,
			bufferSource(data, 'explicit.mp4'),
			options({ autoResume: false, resumeUploadTokenId: tokenId }),
		);
		expect(report).toMatchObject({ uploadTokenId: tokenId, resumedFrom: HELD, bytesSent: SIZE - HELD });
		expect(bytesOf(uploads)).toBe(SIZE - HELD);
		expect(sha256(await tokenBytes(sandbox, tokenId))).toBe(sha256(data));
	});

	it('starts over when automatic resume is off', async () => {
		const data = fakeMp4(SIZE, 'resume-off');
		const tokenId = await interruptedRun(data, 'off.mp4');
		const { client } = sandboxClient(sandbox);
		const report = await uploadFile(client, bufferSource(data, 'off.mp4'), options({ autoResume: false }));
		expect(report.uploadTokenId).not.toBe(tokenId);
		expect(report).toMatchObject({ resumedFrom: 0, bytesSent: SIZE });
	});
});

describe('a different file is never appended to a partial token', () => {
	it('starts a new token when a file with the same name and size differs early on', async () => {
		const original = fakeMp4(SIZE, 'guard-a');
		const tokenId = await interruptedRun(original, 'talk.mp4');
		const before = { ...tokenRecord(sandbox, tokenId), parked: [...tokenRecord(sandbox, tokenId).parked] };

		const other = Buffer.from(original);
		other[5000] ^= 0xff; // one byte differs, well inside the part Kaltura holds
		const source = bufferSource(other, 'talk.mp4');
		const { client, uploads, logs, logger } = sandboxClient(sandbox);
		const report = await uploadFile(client, source, options({ logger }));

		expect(report.uploadTokenId).not.toBe(tokenId);
		expect(report).toMatchObject({ resumedFrom: 0, bytesSent: SIZE, sha256: sha256(other) });
		expect(uploads.filter((u) => u.tokenId === tokenId)).toHaveLength(0);
		expect(tokenRecord(sandbox, tokenId)).toMatchObject({
			status: 1,
			uploadedFileSize: before.uploadedFileSize,
			receivedBytes: before.receivedBytes,
		});
		expect(source.opens).toBe(2); // the prefix was read for the check, then read again from the start
		expect(logs.some((l) => l.level === 'warn' && /other content; starting a new upload/.test(l.message))).toBe(true);
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(other));
	});

	it('refuses a named token that holds the start of a different file', async () => {
		const original = fakeMp4(SIZE, 'guard-b');
		const tokenId = await interruptedRun(original, 'named.mp4');
		const other = fakeMp4(SIZE, 'guard-b-other');
		const { client, uploads } = sandboxClient(sandbox);
		const error = await uploadFile(
			client,
			bufferSource(other, 'named.mp4'),
			options({ resumeUploadTokenId: tokenId }),
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UploadError);
		expect((error as Error).message).toMatch(/holds the start of a different file/);
		expect(uploads).toHaveLength(0);
		expect(tokenRecord(sandbox, tokenId)).toMatchObject({ status: 1, uploadedFileSize: HELD });
	});

	it('never lets chunks an earlier run left parked into a file that only shares the verified start', async () => {
		// Same name, size and first HELD bytes; different afterwards, exactly where the first run's
		// chunks are still parked. Appending those would corrupt the file without anyone noticing.
		const original = fakeMp4(SIZE, 'guard-c');
		const tokenId = await interruptedRun(original, 'edited.mp4');
		const parkedOffsets = tokenRecord(sandbox, tokenId).parked.map((p) => p.offset);
		expect(parkedOffsets.length).toBeGreaterThan(0);
		const edited = Buffer.concat([original.subarray(0, HELD), fakeMp4(SIZE - HELD, 'guard-c-edit').subarray(0)]);

		const { client } = sandboxClient(sandbox);
		const report = await uploadFile(client, bufferSource(edited, 'edited.mp4'), options());
		expect(report).toMatchObject({ uploadTokenId: tokenId, resumedFrom: HELD });
		expect(sha256(await tokenBytes(sandbox, tokenId))).toBe(sha256(edited));
		expect(report.sha256).toBe(sha256(edited));
	});

	it('refuses a named token filled by another uploader, whose bytes it cannot verify', async () => {
		const { client: plain } = sandboxClient(sandbox);
		const foreign = await plain.call<{ id: string }>('uploadToken', 'add', {
			uploadToken: { objectType: 'KalturaUploadToken', fileName: 'foreign.mp4', fileSize: SIZE },
		});
		const data = fakeMp4(SIZE, 'foreign');
		await plain.call(
			'uploadToken',
			'upload',
			{ uploadTokenId: foreign.id, resume: false, finalChunk: false, resumeAt: 0 },
			{
				files: [{ field: 'fileData', fileName: 'foreign.mp4', data: data.subarray(0, CHUNK) }],
			},
		);
		const { client, uploads } = sandboxClient(sandbox);
		const error = await uploadFile(
			client,
			bufferSource(data, 'foreign.mp4'),
			options({ resumeUploadTokenId: foreign.id }),
		).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/cannot be verified as the start of this file/);
		expect(uploads).toHaveLength(0);

		// Found automatically, the same token is simply left alone.
		const report = await uploadFile(client, bufferSource(data, 'foreign.mp4'), options());
		expect(report.uploadTokenId).not.toBe(foreign.id);
		expect(tokenRecord(sandbox, foreign.id)).toMatchObject({ status: 1, uploadedFileSize: CHUNK });
	});
});

describe('named upload tokens', () => {
	it('fills an empty named token from the start', async () => {
		const { client, uploads } = sandboxClient(sandbox);
		const token = await client.call<{ id: string }>('uploadToken', 'add', {
			uploadToken: { objectType: 'KalturaUploadToken', fileName: 'prepared.mp4', fileSize: SIZE },
		});
		const data = fakeMp4(SIZE, 'prepared');
		const report = await uploadFile(
			client,
			bufferSource(data, 'prepared.mp4'),
			options({ resumeUploadTokenId: token.id }),
		);
		expect(report).toMatchObject({ uploadTokenId: token.id, resumedFrom: 0, bytesSent: SIZE });
		expect(uploads[0]).toMatchObject({ tokenId: token.id, resume: false, resumeAt: 0 });
		expect(sha256(await tokenBytes(sandbox, token.id))).toBe(sha256(data));
	});

	it('refuses a completed token and one made for a file of another size', async () => {
		const { client } = sandboxClient(sandbox);
		const data = fakeMp4(SIZE, 'done');
		const done = await uploadFile(client, bufferSource(data, 'done.mp4'), options());
		const again = await uploadFile(
			client,
			bufferSource(data, 'done.mp4'),
			options({ resumeUploadTokenId: done.uploadTokenId }),
		).catch((e: unknown) => e);
		expect((again as Error).message).toBe(
			`Upload token ${done.uploadTokenId} is complete, but nothing shows that it holds this file (no resume marker from this node). Clear "Resume Upload Token ID" to start a new upload.`,
		);

		const sized = await client.call<{ id: string }>('uploadToken', 'add', {
			uploadToken: { objectType: 'KalturaUploadToken', fileName: 'x.mp4', fileSize: 123 },
		});
		const wrong = await uploadFile(
			client,
			bufferSource(data, 'x.mp4'),
			options({ resumeUploadTokenId: sized.id }),
		).catch((e: unknown) => e);
		expect((wrong as Error).message).toMatch(/created for a file of 123 bytes, but this file has/);
	});
});

describe('complete tokens whose use failed', () => {
	it('leaves one marker for the whole file; the next run checks the file against it and sends nothing', async () => {
		const data = fakeMp4(SIZE, 'complete');
		const first = sandboxClient(sandbox);
		const done = await uploadFile(
			first.client,
			bufferSource(data, 'complete.mp4'),
			options({ keepCompletionMarker: true }),
		);
		expect(done.completionMarkerIds).toHaveLength(1);
		const markers = markersOf(done.uploadTokenId);
		expect(markers.map((m) => parseMarker(m as never, done.uploadTokenId)?.offset)).toEqual([SIZE]);

		// The entry could not be created: the same file goes again, found by name and size.
		const second = sandboxClient(sandbox);
		const again = await uploadFile(
			second.client,
			bufferSource(data, 'complete.mp4'),
			options({ keepCompletionMarker: true, logger: second.logger }),
		);
		expect(second.uploads).toEqual([]);
		expect(again).toMatchObject({
			uploadTokenId: done.uploadTokenId,
			bytesSent: 0,
			chunks: 0,
			resumedFrom: SIZE,
			sha256: sha256(data),
			completionMarkerIds: done.completionMarkerIds,
		});
		expect(second.logs.some((l) => /already holds all of "complete\.mp4".*nothing to send/.test(l.message))).toBe(true);
	});

	it('takes a complete token named in Resume Upload Token ID, and refuses it for another file of the same size', async () => {
		const data = fakeMp4(SIZE, 'named-complete');
		const { client, uploads } = sandboxClient(sandbox);
		const done = await uploadFile(client, bufferSource(data, 'a.mp4'), options({ keepCompletionMarker: true }));
		uploads.length = 0;
		const reused = await uploadFile(
			client,
			bufferSource(data, 'renamed.mp4'),
			options({ resumeUploadTokenId: done.uploadTokenId, autoResume: false }),
		);
		expect(uploads).toEqual([]);
		expect(reused).toMatchObject({ uploadTokenId: done.uploadTokenId, bytesSent: 0, sha256: sha256(data) });
		// Without keepCompletionMarker the marker is removed once the token is taken.
		expect(markersOf(done.uploadTokenId)).toEqual([]);

		const other = sandboxClient(sandbox);
		const kept = await uploadFile(other.client, bufferSource(data, 'b.mp4'), options({ keepCompletionMarker: true }));
		const different = Buffer.from(data);
		different[SIZE - 1] ^= 0xff;
		const refused = await uploadFile(
			other.client,
			bufferSource(different, 'b.mp4'),
			options({ resumeUploadTokenId: kept.uploadTokenId }),
		).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(UploadError);
		expect((refused as Error).message).toBe(
			`Upload token ${kept.uploadTokenId} holds a different file. Clear "Resume Upload Token ID" to start a new upload.`,
		);
	});

	it('starts afresh when a complete token of the same name and size holds other content, and after the marker is forgotten', async () => {
		const data = fakeMp4(SIZE, 'same-name');
		const { client } = sandboxClient(sandbox);
		const done = await uploadFile(client, bufferSource(data, 'same.mp4'), options({ keepCompletionMarker: true }));
		const changed = Buffer.from(data);
		changed[10] ^= 0xff;
		const fresh = sandboxClient(sandbox);
		const report = await uploadFile(fresh.client, bufferSource(changed, 'same.mp4'), options());
		expect(report.uploadTokenId).not.toBe(done.uploadTokenId);
		expect(report).toMatchObject({ bytesSent: SIZE, resumedFrom: 0 });
		expect(sha256(await tokenBytes(sandbox, report.uploadTokenId))).toBe(sha256(changed));

		await forgetCompletedUpload(client, done);
		expect(markersOf(done.uploadTokenId)).toEqual([]);
		const afterForget = sandboxClient(sandbox);
		const third = await uploadFile(afterForget.client, bufferSource(data, 'same.mp4'), options());
		expect(third.uploadTokenId).not.toBe(done.uploadTokenId);
		expect(third.bytesSent).toBe(SIZE);
	});
});

describe('how often markers are written', () => {
	/** Every marker token ever added for this upload (deleted ones stay in the sandbox's store). */
	function markersEverAdded(tokenId: string): number {
		const key = markerKey(tokenId);
		return allTokens(sandbox).filter((t) => t.fileSize === key).length;
	}

	it('writes at most one marker per interval while chunks are confirmed', async () => {
		const data = fakeMp4(SIZE, 'interval');
		let clock = 0;
		let tokenId = '';
		const { client } = sandboxClient(sandbox, {
			// Every chunk takes a tenth of the interval on this clock: 24 confirmations, about 3 intervals.
			interceptor: { before: async () => void (clock += MARKER_INTERVAL_MS / 10) },
		});
		const report = await uploadFile(
			client,
			bufferSource(data, 'interval.mp4'),
			options({ markerIntervalMs: undefined, now: () => clock, onUploadToken: (id) => (tokenId = id) }),
		);
		expect(report.chunks).toBe(25);
		const adds = markersEverAdded(tokenId);
		expect(adds).toBeGreaterThanOrEqual(2);
		expect(adds).toBeLessThanOrEqual(4);
		expect(markersOf(tokenId)).toHaveLength(0);
	});

	it('writes the latest confirmed offset when an upload fails between intervals', async () => {
		const data = fakeMp4(SIZE, 'interval-fail');
		let tokenId = '';
		const { client } = sandboxClient(sandbox, {
			interceptor: {
				before: async (call) => {
					if (call.resumeAt === HELD) throw new Error('the network went away');
				},
			},
		});
		const error = await uploadFile(
			client,
			bufferSource(data, 'interval-fail.mp4'),
			// The clock never moves: only the first marker falls due while the upload runs.
			options({
				markerIntervalMs: undefined,
				now: () => 0,
				retry: { retries: 0 },
				onUploadToken: (id) => (tokenId = id),
			}),
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		const held = tokenRecord(sandbox, tokenId).uploadedFileSize;
		expect(held).toBe(HELD);
		const markers = markersOf(tokenId).map((t) =>
			parseMarker({ id: t.id, status: t.status, fileName: t.fileName ?? '' }, tokenId),
		);
		expect(markers).toHaveLength(1);
		expect(markers[0]?.offset).toBe(HELD);
	});
});
