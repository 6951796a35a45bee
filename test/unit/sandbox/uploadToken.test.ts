/**
 * The sandbox's uploadToken service against the wire reference (§3.3–3.5): chunk placement,
 * parking and joining, the final-chunk wait, exact expected size, zero-byte chunks, statuses and
 * their errors, list filters. Requests are raw multipart posts, as Kaltura's clients send them.
 */
import { buildMultipart } from '../../../nodes/kaltura/client/multipart';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { fakeMp4, sha256 } from '../../helpers/media';
import { tokenBytes, tokenRecord } from '../upload/support';

interface Token {
	id: string;
	status: number;
	fileName?: string;
	fileSize?: number;
	uploadedFileSize?: number;
	code?: string;
}

let sandbox: Sandbox;
let ks: string;

beforeAll(async () => {
	sandbox = await startSandbox({
		processingMs: 50,
		finalChunkWaitIterations: 4,
		finalChunkWaitIntervalMs: 25,
		maxParkedChunks: 3,
	});
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});
afterAll(async () => {
	await sandbox.close();
});

async function call(action: string, params: Record<string, unknown>): Promise<Token> {
	return (await apiCall(sandbox.url, 'uploadtoken', action, { ks, ...params })) as Token;
}

async function addToken(fileName = 'clip.mp4', fileSize?: number): Promise<Token> {
	return await call('add', { uploadToken: { objectType: 'KalturaUploadToken', fileName, fileSize } });
}

async function upload(
	tokenId: string,
	data: Buffer,
	flags: { resume: boolean; finalChunk: boolean; resumeAt: number },
	fileName = 'chunk',
): Promise<Token> {
	const body = buildMultipart(JSON.stringify({ format: 1, ks, uploadTokenId: tokenId, ...flags }), [
		{ field: 'fileData', fileName, data },
	]);
	const res = await fetch(`${sandbox.url}/api_v3/service/uploadtoken/action/upload`, {
		method: 'POST',
		headers: { 'Content-Type': body.contentType },
		body: body.body,
	});
	return (await res.json()) as Token;
}

const data = fakeMp4(1000, 'token-test');
const part = (from: number, to: number) => data.subarray(from, to);

describe('uploadToken.add / get', () => {
	it('creates a PENDING token without uploadedFileSize, with the given name and size', async () => {
		const token = await addToken('talk.mp4', 1000);
		expect(token).toMatchObject({ status: 0, fileName: 'talk.mp4', fileSize: 1000 });
		expect(token.id).toMatch(/^0_[0-9a-f]{32}$/);
		expect(token.uploadedFileSize).toBeUndefined();
		expect(await call('get', { uploadTokenId: token.id })).toMatchObject({ id: token.id, status: 0 });
	});

	it('answers UPLOAD_TOKEN_NOT_FOUND for an unknown token', async () => {
		expect(await call('get', { uploadTokenId: '0_nope' })).toMatchObject({ code: 'UPLOAD_TOKEN_NOT_FOUND' });
	});
});

describe('uploadToken.upload', () => {
	it('assembles parallel chunks: parked until the gap fills, final chunk last', async () => {
		const token = await addToken();
		expect(await upload(token.id, part(0, 100), { resume: false, finalChunk: false, resumeAt: 0 })).toMatchObject({
			status: 1,
			uploadedFileSize: 100,
		});
		// Out of order: 300..400 is parked, uploadedFileSize counts only contiguous bytes.
		expect(await upload(token.id, part(300, 400), { resume: true, finalChunk: false, resumeAt: 300 })).toMatchObject({
			uploadedFileSize: 100,
		});
		expect(tokenRecord(sandbox, token.id).parked).toEqual([{ offset: 300, size: 100 }]);
		// Filling the gap joins the parked chunk at once.
		expect(await upload(token.id, part(100, 300), { resume: true, finalChunk: false, resumeAt: 100 })).toMatchObject({
			uploadedFileSize: 400,
		});
		expect(await upload(token.id, part(400, 1000), { resume: true, finalChunk: true, resumeAt: 400 })).toMatchObject({
			status: 2,
			uploadedFileSize: 1000,
		});
		expect(sha256(await tokenBytes(sandbox, token.id))).toBe(sha256(data));
	});

	it('does not join parked chunks on resume=false (the server only moves the file in place)', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 50), { resume: false, finalChunk: false, resumeAt: 0 });
		await upload(token.id, part(100, 200), { resume: true, finalChunk: false, resumeAt: 100 });
		// A new first chunk that reaches the parked one: its size is its own.
		expect(await upload(token.id, part(0, 100), { resume: false, finalChunk: false, resumeAt: 0 })).toMatchObject({
			uploadedFileSize: 100,
		});
		// The next resumed request joins it.
		expect(await upload(token.id, part(200, 300), { resume: true, finalChunk: false, resumeAt: 200 })).toMatchObject({
			uploadedFileSize: 300,
		});
		expect((await tokenBytes(sandbox, token.id)).equals(part(0, 300))).toBe(true);
	});

	it('overwrites from a chunk that starts inside the held bytes and reaches past them', async () => {
		const token = await addToken();
		await upload(token.id, Buffer.alloc(200, 1), { resume: false, finalChunk: false, resumeAt: 0 });
		expect(await upload(token.id, part(150, 400), { resume: true, finalChunk: false, resumeAt: 150 })).toMatchObject({
			uploadedFileSize: 400,
		});
		const bytes = await tokenBytes(sandbox, token.id);
		expect(bytes.subarray(150, 400).equals(part(150, 400))).toBe(true);
		expect(bytes.subarray(0, 150).equals(Buffer.alloc(150, 1))).toBe(true);
		// A chunk wholly inside the held bytes changes nothing (the server never appends it).
		await upload(token.id, Buffer.alloc(100, 9), { resume: true, finalChunk: false, resumeAt: 200 });
		expect((await tokenBytes(sandbox, token.id)).equals(bytes)).toBe(true);
		// A chunk at offset 0 always overwrites from the start.
		await upload(token.id, part(0, 150), { resume: true, finalChunk: false, resumeAt: 0 });
		expect((await tokenBytes(sandbox, token.id)).equals(part(0, 400))).toBe(true);
	});

	it('waits for the gap on a final chunk, then fails with CANNOT_MATCH_EXPECTED_SIZE; sending the gap and the final again works', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 100), { resume: false, finalChunk: false, resumeAt: 0 });
		const started = Date.now();
		const failed = await upload(token.id, part(900, 1000), { resume: true, finalChunk: true, resumeAt: 900 });
		expect(failed).toMatchObject({ code: 'UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(90); // 4 rounds of 25 ms
		expect(tokenRecord(sandbox, token.id).status).toBe(1);
		await upload(token.id, part(100, 900), { resume: true, finalChunk: false, resumeAt: 100 });
		expect(await upload(token.id, part(900, 1000), { resume: true, finalChunk: true, resumeAt: 900 })).toMatchObject({
			status: 2,
			uploadedFileSize: 1000,
		});
		expect(sha256(await tokenBytes(sandbox, token.id))).toBe(sha256(data));
	});

	it('completes with a parked chunk that lands while the final chunk waits', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 100), { resume: false, finalChunk: false, resumeAt: 0 });
		const final = upload(token.id, part(500, 1000), { resume: true, finalChunk: true, resumeAt: 500 });
		await new Promise((r) => setTimeout(r, 20));
		await upload(token.id, part(100, 500), { resume: true, finalChunk: false, resumeAt: 100 });
		expect(await final).toMatchObject({ status: 2, uploadedFileSize: 1000 });
	});

	it('needs the expected size exactly: more bytes than the final chunk implies is a mismatch', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 600), { resume: false, finalChunk: false, resumeAt: 0 });
		expect(await upload(token.id, part(400, 500), { resume: true, finalChunk: true, resumeAt: 400 })).toMatchObject({
			code: 'UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE',
		});
	});

	it('accepts a zero-byte final chunk at the file size, and dismisses a zero-byte middle chunk', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 600), { resume: false, finalChunk: false, resumeAt: 0 });
		expect(await upload(token.id, Buffer.alloc(0), { resume: true, finalChunk: false, resumeAt: 600 })).toMatchObject({
			status: 1,
			uploadedFileSize: 600,
		});
		await upload(token.id, part(600, 1000), { resume: true, finalChunk: false, resumeAt: 600 });
		expect(await upload(token.id, Buffer.alloc(0), { resume: true, finalChunk: true, resumeAt: 1000 })).toMatchObject({
			status: 2,
			uploadedFileSize: 1000,
		});
	});

	it('does not wait on a final chunk at offset 0 with resume=true (it simply overwrites)', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 500), { resume: false, finalChunk: false, resumeAt: 0 });
		expect(await upload(token.id, part(0, 200), { resume: true, finalChunk: true, resumeAt: 0 })).toMatchObject({
			status: 2,
		});
	});

	it('completes a whole small file in one request', async () => {
		const token = await addToken('whole.mp4', 1000);
		expect(await upload(token.id, data, { resume: false, finalChunk: true, resumeAt: 0 }, 'whole.mp4')).toMatchObject({
			status: 2,
			uploadedFileSize: 1000,
		});
	});

	it('answers CANNOT_RESUME when resuming before any first chunk, and INVALID_STATUS after completion', async () => {
		const token = await addToken();
		expect(await upload(token.id, part(0, 10), { resume: true, finalChunk: false, resumeAt: 10 })).toMatchObject({
			code: 'UPLOAD_TOKEN_CANNOT_RESUME',
		});
		await upload(token.id, part(0, 10), { resume: false, finalChunk: true, resumeAt: 0 });
		expect(await upload(token.id, part(0, 10), { resume: false, finalChunk: true, resumeAt: 0 })).toMatchObject({
			code: 'UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD',
		});
	});

	it('takes the file name from the first part when the token has none', async () => {
		const token = await call('add', { uploadToken: { objectType: 'KalturaUploadToken' } });
		await upload(token.id, part(0, 10), { resume: false, finalChunk: false, resumeAt: 0 }, 'from-part.mov');
		expect(await call('get', { uploadTokenId: token.id })).toMatchObject({ fileName: 'from-part.mov' });
	});

	it('refuses too many parked chunks and keeps refusing (MAX_ALLOWED_CHUNK_COUNT_EXCEEDED)', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 10), { resume: false, finalChunk: false, resumeAt: 0 });
		for (const at of [100, 200, 300])
			await upload(token.id, part(at, at + 10), { resume: true, finalChunk: false, resumeAt: at });
		expect(await upload(token.id, part(400, 410), { resume: true, finalChunk: false, resumeAt: 400 })).toMatchObject({
			code: 'MAX_ALLOWED_CHUNK_COUNT_EXCEEDED',
		});
		expect(await upload(token.id, part(10, 20), { resume: true, finalChunk: false, resumeAt: 10 })).toMatchObject({
			code: 'MAX_ALLOWED_CHUNK_COUNT_EXCEEDED',
		});
	});

	it('refuses more data for a partial upload idle longer than the resume window', async () => {
		const token = await addToken();
		await upload(token.id, part(0, 10), { resume: false, finalChunk: false, resumeAt: 0 });
		tokenRecord(sandbox, token.id).updatedAt -= 8 * 86400;
		expect(await upload(token.id, part(10, 20), { resume: true, finalChunk: false, resumeAt: 10 })).toMatchObject({
			code: 'UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED',
			message: 'Max resume time of 604800 seconds reached, cannot resume upload',
		});
	});
});

describe('uploadToken.list / delete', () => {
	it('filters by name, size and status; a name search without status sees only live tokens', async () => {
		const a = await addToken('list-me.mp4', 1000);
		const b = await addToken('list-me.mp4', 999);
		const c = await addToken('list-me.mp4', 1000);
		await upload(c.id, part(0, 10), { resume: false, finalChunk: false, resumeAt: 0 });
		await call('delete', { uploadTokenId: b.id });
		expect(await call('get', { uploadTokenId: b.id })).toMatchObject({ status: 5 });

		const byName = (await apiCall(sandbox.url, 'uploadtoken', 'list', {
			ks,
			filter: { objectType: 'KalturaUploadTokenFilter', fileNameEqual: 'list-me.mp4', orderBy: '-createdAt' },
		})) as { objects: Token[]; totalCount: number };
		expect(byName.objects.map((t) => t.id)).toEqual([c.id, a.id]);

		const partial = (await apiCall(sandbox.url, 'uploadtoken', 'list', {
			ks,
			filter: {
				objectType: 'KalturaUploadTokenFilter',
				fileNameEqual: 'list-me.mp4',
				fileSizeEqual: 1000,
				statusEqual: 1,
			},
		})) as { objects: Token[]; totalCount: number };
		expect(partial.objects.map((t) => t.id)).toEqual([c.id]);
		expect(partial.totalCount).toBe(1);
	});
});
