/**
 * The Kaltura Upload File node against the sandbox, through the n8n context stand-in: both
 * operations from filesystem-mode and in-memory binaries, entry fields, Wait Until Ready,
 * Skip If Reference ID Exists, resume after a stopped execution, and bad input per item with and
 * without Continue On Fail. Files are a few MiB with 1 MiB chunks (the node's smallest).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { KalturaUploadFile } from '../../../nodes/KalturaUploadFile/KalturaUploadFile.node';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { fakeMp4, sha256 } from '../../helpers/media';
import { createExecuteContext, sandboxCredentials, storeBinary } from '../../helpers/n8nContext';

const MiB = 1024 * 1024;
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

async function fileItem(data: Buffer, fileName: string, mimeType = 'video/mp4'): Promise<INodeExecutionData> {
	return { json: {}, binary: { data: await storeBinary(data, fileName, mimeType) } };
}

function memoryItem(data: Buffer, fileName: string, mimeType = 'video/mp4'): INodeExecutionData {
	return { json: {}, binary: { data: { data: data.toString('base64'), mimeType, fileName } } };
}

async function run(
	items: INodeExecutionData[],
	parameters: Record<string, unknown>,
	extra: { continueOnFail?: boolean; abortAfterMs?: number } = {},
) {
	const test = createExecuteContext({
		credentials: sandboxCredentials(sandbox),
		parameters: { operation: 'createEntry', binaryPropertyName: 'data', ...parameters },
		items,
		continueOnFail: extra.continueOnFail,
	});
	if (extra.abortAfterMs !== undefined) setTimeout(() => test.abort.abort(), extra.abortAfterMs);
	const outcome = await new KalturaUploadFile()
		.execute.call(test.context)
		.then((output) => ({ output: output[0], error: undefined }))
		.catch((error: unknown) => ({ output: [] as INodeExecutionData[], error }));
	const uploads = test.requests.filter((r) => /uploadtoken\/action\/upload$/.test(r.url));
	return { ...outcome, uploads, requests: test.requests, logs: test.logs };
}

async function storedSha(entryId: string): Promise<{ sha256: string; size: number }> {
	const res = await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`);
	return (await res.json()) as { sha256: string; size: number };
}

describe('Create Entry', () => {
	it('uploads a filesystem-mode binary in parallel chunks, creates the entry and waits until it is ready', async () => {
		const data = fakeMp4(2 * MiB + 123_457, 'node-create');
		const { output, error, uploads, logs } = await run([await fileItem(data, 'Board meeting.mp4')], {
			entryFields: { description: 'Q3', tags: 'board, 2026', referenceId: 'node-create-1' },
			options: { chunkSizeMiB: 1, parallelChunks: 2, waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		const json = output[0].json;
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			name: 'Board meeting.mp4',
			status: 'READY',
			statusCode: '2',
			mediaType: 'VIDEO',
			referenceId: 'node-create-1',
			description: 'Q3',
			tags: 'board, 2026',
			fileName: 'Board meeting.mp4',
			bytes: data.length,
			bytesSent: data.length,
			chunks: 3,
			retries: 0,
			resumedFrom: 0,
			sha256: sha256(data),
		});
		expect(json.id).toMatch(/^0_[0-9a-z]{8}$/);
		expect(json.skipped).toBeUndefined();
		expect(typeof json.uploadTokenId).toBe('string');
		expect(typeof json.durationMs).toBe('number');
		expect(typeof json.mbPerSecond).toBe('number');
		expect(uploads).toHaveLength(3);
		expect(await storedSha(json.id as string)).toMatchObject({ sha256: sha256(data), size: data.length });
		expect(logs.some((l) => l.level === 'info' && /^Uploaded "Board meeting.mp4"/.test(l.message))).toBe(true);
		// Nothing secret in the output.
		const text = JSON.stringify(output);
		expect(text).not.toContain(sandbox.adminSecret);
		expect(text).not.toContain('djJ8');
	});

	it('uploads an in-memory binary in one request, with the given name and media type', async () => {
		const data = Buffer.concat([Buffer.from('ID3'), fakeMp4(5000, 'audio').subarray(3)]);
		const { output, error, uploads } = await run([memoryItem(data, 'jingle.bin', 'application/octet-stream')], {
			name: 'Station jingle',
			mediaType: 5,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ chunks: 1, bytes: 5000, sha256: sha256(data) });
		expect(output[0].json).toMatchObject({ name: 'Station jingle', mediaType: 'AUDIO', status: 'READY' });
		expect(uploads).toHaveLength(1);
	});

	it('returns the existing entry for a known reference ID instead of uploading again', async () => {
		const data = fakeMp4(300_000, 'node-skip');
		const parameters = {
			entryFields: { referenceId: 'node-skip-ref' },
			options: { skipIfReferenceIdExists: true },
		};
		// Two items with the same reference ID in one run: the second finds the first one's entry.
		const first = await run([await fileItem(data, 'a.mp4'), await fileItem(data, 'a.mp4')], parameters);
		expect(first.error).toBeUndefined();
		expect(first.output.map((o) => o.json.skipped)).toEqual([undefined, true]);
		expect(first.output[1].json.id).toBe(first.output[0].json.id);
		expect(first.output[1].json).toMatchObject({ referenceId: 'node-skip-ref', fileName: 'a.mp4' });
		expect(first.uploads).toHaveLength(1);

		const again = await run([await fileItem(data, 'a.mp4')], parameters);
		expect(again.output[0].json).toMatchObject({ skipped: true, id: first.output[0].json.id });
		expect(again.output[0].json.uploadTokenId).toBeUndefined();
		expect(again.uploads).toHaveLength(0);
	});

	it('continues an upload that a stopped execution left behind', async () => {
		const data = fakeMp4(6 * MiB + 1, 'node-resume');
		sandbox.faults.setPlan({ latencyMs: 150 });
		const stopped = await run([await fileItem(data, 'resume-me.mp4')], { options: { chunkSizeMiB: 1, parallelChunks: 1 } }, { abortAfterMs: 700 });
		expect(stopped.error).toBeInstanceOf(NodeOperationError);
		expect((stopped.error as Error).message).toBe('The execution was cancelled');
		sandbox.faults.clear();

		const resumed = await run([await fileItem(data, 'resume-me.mp4')], { options: { chunkSizeMiB: 1, parallelChunks: 2 } });
		expect(resumed.error).toBeUndefined();
		const json = resumed.output[0].json;
		expect(json.resumedFrom).toBeGreaterThan(0);
		expect(json.bytesSent).toBe(data.length - (json.resumedFrom as number));
		expect(json.sha256).toBe(sha256(data));
		expect(await storedSha(json.id as string)).toMatchObject({ sha256: sha256(data) });
	});
});

describe('Replace Entry Content', () => {
	it('uploads new media for an existing entry and waits for the replacement', async () => {
		const first = fakeMp4(200_000, 'replace-old');
		const created = await run([await fileItem(first, 'old.mp4')], { options: { waitUntilReady: true, waitIntervalSeconds: 1 } });
		const entryId = created.output[0].json.id as string;

		const second = fakeMp4(1 * MiB + 10, 'replace-new');
		const { output, error } = await run([await fileItem(second, 'new.mp4')], {
			operation: 'replaceContent',
			entryId,
			options: { chunkSizeMiB: 1, waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ id: entryId, status: 'READY', chunks: 2, sha256: sha256(second) });
		expect(await storedSha(entryId)).toMatchObject({ sha256: sha256(second), size: second.length });
	});

	it('fails for an unknown entry before sending any byte', async () => {
		const { error, uploads } = await run([await fileItem(fakeMp4(1000, 'x'), 'x.mp4')], {
			operation: 'replaceContent',
			entryId: '0_zzzzzzzz',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/ENTRY_ID_NOT_FOUND/);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
		expect(uploads).toHaveLength(0);
	});
});

describe('bad input', () => {
	it('gives each bad item its own error under Continue On Fail and carries on', async () => {
		const good = fakeMp4(2000, 'good');
		const items: INodeExecutionData[] = [
			{ json: { n: 0 } },
			await fileItem(Buffer.alloc(0), 'empty.mp4'),
			await fileItem(good, 'good.mp4'),
		];
		const { output, error } = await run(items, {}, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(output[0].json.error)).toMatch(/binary file 'data'/);
		expect(output[1].json).toMatchObject({ error: 'The file "empty.mp4" is empty (0 bytes)', fileName: 'empty.mp4' });
		expect(String(output[1].json.errorDescription)).toMatch(/Kaltura cannot ingest an empty file/);
		expect(output[2].json).toMatchObject({ fileName: 'good.mp4', sha256: sha256(good) });
	});

	it('stops at the first bad item without Continue On Fail, naming the item', async () => {
		const items = [await fileItem(fakeMp4(1000, 'ok'), 'ok.mp4'), await fileItem(Buffer.alloc(0), 'empty.mp4')];
		const { error } = await run(items, {});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect((error as NodeOperationError).message).toBe('The file "empty.mp4" is empty (0 bytes)');
	});

	it('names the partial upload token in the error of a failed upload, and a re-run continues it', async () => {
		const data = fakeMp4(4 * MiB + 5, 'node-fail');
		sandbox.faults.setPlan({ latencyMs: 80 });
		sandbox.requestLog.clear();
		// Once the first chunk is in, a proxy starts refusing chunks with HTTP 413 (not worth retrying).
		const running = run([await fileItem(data, 'refused.mp4')], { options: { chunkSizeMiB: 1, parallelChunks: 1 } }, { continueOnFail: true });
		while (!sandbox.requestLog.find('uploadtoken', 'upload').some((e) => e.httpStatus === 200)) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		sandbox.faults.add({ service: 'uploadtoken', action: 'upload', times: 1, effect: { type: 'status', status: 413 } });
		const { output } = await running;
		const json = output[0].json as IDataObject;
		expect(json.error).toBe('Kaltura answered HTTP 413 to uploadToken.upload');
		expect(typeof json.uploadTokenId).toBe('string');
		expect(String(json.errorDescription)).toContain(
			`The partial upload is kept in Kaltura as upload token ${String(json.uploadTokenId)}; running the node again on the same file continues it.`,
		);
		sandbox.faults.clear();

		const again = await run([await fileItem(data, 'refused.mp4')], { options: { chunkSizeMiB: 1 } });
		expect(again.output[0].json).toMatchObject({ uploadTokenId: json.uploadTokenId, sha256: sha256(data) });
		expect(again.output[0].json.resumedFrom).toBeGreaterThan(0);
	});

	it('reports a failed wait as that item\'s error, with the entry ID', async () => {
		const notMedia = Buffer.from('plain text, not a media file '.repeat(50));
		const { output } = await run([await fileItem(notMedia, 'notes.txt', 'text/plain')], {
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		}, { continueOnFail: true });
		const json = output[0].json as IDataObject;
		expect(String(json.error)).toMatch(/^Entry \S+ failed with status ERROR_CONVERTING$/);
		expect(json.entryId).toBeDefined();
		const entry = (await apiCall(sandbox.url, 'media', 'get', {
			ks: await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret),
			entryId: json.entryId,
		})) as { status: number };
		expect(entry.status).toBe(-1);
	});
});
