/**
 * The Kaltura Upload File node, run by n8n's execution engine against the sandbox: both
 * operations from n8n's filesystem binary store and in-memory binaries, entry fields, Wait Until
 * Ready, Skip If Reference ID Exists, resume after a stopped execution, and bad input per item in
 * every On Error mode. Files are a few MiB with 1 MiB chunks (the node's smallest).
 */
import type { IDataObject, INodeParameters, OnError } from 'n8n-workflow';

import { KalturaUploadFile } from '../../../nodes/KalturaUploadFile/KalturaUploadFile.node';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { fakeMp4, sha256 } from '../../helpers/media';
import { runNode, type TestItem } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';

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

function fileItem(data: Buffer, fileName: string, mimeType = 'video/mp4'): TestItem {
	return { json: {}, binary: { data: { content: data, fileName, mimeType } } };
}

function memoryItem(data: Buffer, fileName: string, mimeType = 'video/mp4'): TestItem {
	return { json: {}, binary: { data: { content: data, fileName, mimeType, storage: 'memory' } } };
}

async function run(
	items: TestItem[],
	parameters: INodeParameters,
	extra: { onError?: OnError; cancelWhen?: () => boolean } = {},
) {
	const result = await runNode({
		node: new KalturaUploadFile(),
		parameters: { operation: 'createEntry', ...parameters },
		items,
		credentials: sandboxCredentials(sandbox),
		onError: extra.onError,
		cancelWhen: extra.cancelWhen,
	});
	const uploads = result.requests.filter((r) => /uploadtoken\/action\/upload$/.test(r.url));
	return { output: result.outputs[0] ?? [], outputs: result.outputs, error: result.error, uploads, logs: result.logs };
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

async function storedSha(entryId: string): Promise<{ sha256: string; size: number }> {
	const res = await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`);
	return (await res.json()) as { sha256: string; size: number };
}

describe('Create Entry', () => {
	it('uploads a filesystem-mode binary in parallel chunks, creates the entry and waits until it is ready', async () => {
		const data = fakeMp4(2 * MiB + 123_457, 'node-create');
		const { output, error, uploads, logs } = await run([fileItem(data, 'Board meeting.mp4')], {
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
		const first = await run([fileItem(data, 'a.mp4'), fileItem(data, 'a.mp4')], parameters);
		expect(first.error).toBeUndefined();
		expect(first.output.map((o) => o.json.skipped)).toEqual([undefined, true]);
		expect(first.output[1].json.id).toBe(first.output[0].json.id);
		expect(first.output[1].json).toMatchObject({ referenceId: 'node-skip-ref', fileName: 'a.mp4' });
		expect(first.uploads).toHaveLength(1);

		const again = await run([fileItem(data, 'a.mp4')], parameters);
		expect(again.output[0].json).toMatchObject({ skipped: true, id: first.output[0].json.id });
		expect(again.output[0].json.uploadTokenId).toBeUndefined();
		expect(again.uploads).toHaveLength(0);
	});

	it('continues an upload that a stopped execution left behind', async () => {
		const data = fakeMp4(6 * MiB + 1, 'node-resume');
		sandbox.faults.setPlan({ latencyMs: 150 });
		sandbox.requestLog.clear();
		// Stopped once two chunks are in Kaltura (as the Stop button would, mid-upload).
		const twoChunksIn = () =>
			sandbox.requestLog.find('uploadtoken', 'upload').filter((e) => e.httpStatus === 200).length >= 2;
		const stopped = await run(
			[fileItem(data, 'resume-me.mp4')],
			{ options: { chunkSizeMiB: 1, parallelChunks: 1 } },
			{ cancelWhen: twoChunksIn },
		);
		expect(stopped.error?.message).toBe('The execution was cancelled');
		sandbox.faults.clear();

		const resumed = await run([fileItem(data, 'resume-me.mp4')], { options: { chunkSizeMiB: 1, parallelChunks: 2 } });
		expect(resumed.error).toBeUndefined();
		const json = resumed.output[0].json;
		expect(json.resumedFrom).toBeGreaterThan(0);
		expect(json.bytesSent).toBe(data.length - (json.resumedFrom as number));
		expect(json.sha256).toBe(sha256(data));
		expect(await storedSha(json.id as string)).toMatchObject({ sha256: sha256(data) });
	});

	it('after the entry could not be created, a re-run uses the uploaded file as it is and leaves no marker behind', async () => {
		const data = fakeMp4(3 * MiB + 17, 'node-full-token');
		const options = { chunkSizeMiB: 1, parallelChunks: 2 };
		// Kaltura takes the whole file, then refuses the entry (a conversion profile it does not have).
		const failed = await run(
			[fileItem(data, 'full.mp4')],
			{ entryFields: { conversionProfileId: 999999 }, options },
			{ onError: 'continueRegularOutput' },
		);
		const error = failed.output[0].json as { error: string; details: IDataObject };
		expect(error.error).toBe('Conversion profile id "999999" not found [CONVERSION_PROFILE_ID_NOT_FOUND]');
		expect(failed.uploads.length).toBe(4);
		const tokenId = String(error.details.uploadTokenId);
		const markers = () =>
			Object.values(sandbox.store.partner(sandbox.partnerId).uploadTokens).filter(
				(t) => t.status === 0 && (t.fileName ?? '').startsWith(`n8n-resume-v1.${tokenId}.`),
			);
		expect(markers()).toHaveLength(1);

		const again = await run([fileItem(data, 'full.mp4')], { options });
		expect(again.error).toBeUndefined();
		expect(again.uploads).toHaveLength(0);
		expect(again.output[0].json).toMatchObject({
			uploadTokenId: tokenId,
			bytesSent: 0,
			resumedFrom: data.length,
			sha256: sha256(data),
		});
		expect(await storedSha(again.output[0].json.id as string)).toMatchObject({ sha256: sha256(data) });
		expect(markers()).toHaveLength(0);
	});
});

describe('Replace Entry Content', () => {
	it('uploads new media for an existing entry and waits for the replacement', async () => {
		const first = fakeMp4(200_000, 'replace-old');
		const created = await run([fileItem(first, 'old.mp4')], {
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		const entryId = created.output[0].json.id as string;

		const second = fakeMp4(1 * MiB + 10, 'replace-new');
		const { output, error } = await run([fileItem(second, 'new.mp4')], {
			operation: 'replaceContent',
			entryId: byId(entryId),
			options: { chunkSizeMiB: 1, waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ id: entryId, status: 'READY', chunks: 2, sha256: sha256(second) });
		expect(await storedSha(entryId)).toMatchObject({ sha256: sha256(second), size: second.length });
	});

	it('fails for an unknown entry before sending any byte', async () => {
		const { error, uploads } = await run([fileItem(fakeMp4(1000, 'x'), 'x.mp4')], {
			operation: 'replaceContent',
			entryId: byId('0_zzzzzzzz'),
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/ENTRY_ID_NOT_FOUND/);
		expect(error?.context?.itemIndex).toBe(0);
		expect(uploads).toHaveLength(0);
	});
});

describe('bad input', () => {
	it('gives each bad item its own error under Continue On Fail and carries on', async () => {
		const good = fakeMp4(2000, 'good');
		const items: TestItem[] = [{ json: { n: 0 } }, fileItem(Buffer.alloc(0), 'empty.mp4'), fileItem(good, 'good.mp4')];
		const { output, error } = await run(items, {}, { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(output[0].json.error)).toMatch(/binary file 'data'/);
		expect(output[1].json).toMatchObject({
			error: 'The file "empty.mp4" is empty (0 bytes)',
			details: { fileName: 'empty.mp4' },
		});
		expect(String((output[1].json.details as IDataObject).description)).toMatch(/Kaltura cannot ingest an empty file/);
		expect(output[2].json).toMatchObject({ fileName: 'good.mp4', sha256: sha256(good) });
	});

	it('sends failed items to the error output with Continue (using error output), in order, with their input', async () => {
		const good = fakeMp4(2000, 'good-routed');
		const items: TestItem[] = [
			{ ...fileItem(good, 'first.mp4'), json: { row: 1 } },
			{ ...fileItem(Buffer.alloc(0), 'empty.mp4'), json: { row: 2 } },
			{ json: { row: 3 } },
			{ ...fileItem(good, 'last.mp4'), json: { row: 4 } },
		];
		const { outputs, error } = await run(items, {}, { onError: 'continueErrorOutput' });
		expect(error).toBeUndefined();
		const [success, failed] = outputs;
		expect(success.map((o) => [o.pairedItem, o.json.fileName])).toEqual([
			[{ item: 0 }, 'first.mp4'],
			[{ item: 3 }, 'last.mp4'],
		]);
		expect(failed.map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(failed[0].json).toMatchObject({
			row: 2,
			error: 'The file "empty.mp4" is empty (0 bytes)',
			details: { fileName: 'empty.mp4' },
		});
		expect(failed[1].json).toMatchObject({ row: 3, error: expect.stringMatching(/binary file 'data'/) });
	});

	it('stops at the first bad item without Continue On Fail, naming the item', async () => {
		const items = [fileItem(fakeMp4(1000, 'ok'), 'ok.mp4'), fileItem(Buffer.alloc(0), 'empty.mp4')];
		const { error, output } = await run(items, {});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.message).toBe('The file "empty.mp4" is empty (0 bytes)');
		expect(output).toEqual([]);
	});

	it('names the partial upload token in the error of a failed upload, and a re-run continues it', async () => {
		const data = fakeMp4(4 * MiB + 5, 'node-fail');
		sandbox.faults.setPlan({ latencyMs: 80 });
		sandbox.requestLog.clear();
		// Once the first chunk is in, a proxy starts refusing chunks with HTTP 413 (not worth retrying).
		const running = run(
			[fileItem(data, 'refused.mp4')],
			{ options: { chunkSizeMiB: 1, parallelChunks: 1 } },
			{ onError: 'continueRegularOutput' },
		);
		while (!sandbox.requestLog.find('uploadtoken', 'upload').some((e) => e.httpStatus === 200)) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		sandbox.faults.add({ service: 'uploadtoken', action: 'upload', times: 1, effect: { type: 'status', status: 413 } });
		const { output } = await running;
		const json = output[0].json as { error: string; details: IDataObject };
		expect(json.error).toBe(`The server at ${sandbox.url} answered HTTP 413 to uploadToken.upload`);
		expect(typeof json.details.uploadTokenId).toBe('string');
		expect(json.details).toMatchObject({ fileName: 'refused.mp4', httpCode: '413' });
		expect(String(json.details.description)).toContain(
			`The partial upload is kept in Kaltura as upload token ${String(json.details.uploadTokenId)}; running the node again on the same file continues it.`,
		);
		sandbox.faults.clear();

		const again = await run([fileItem(data, 'refused.mp4')], { options: { chunkSizeMiB: 1 } });
		expect(again.output[0].json).toMatchObject({ uploadTokenId: json.details.uploadTokenId, sha256: sha256(data) });
		expect(again.output[0].json.resumedFrom).toBeGreaterThan(0);
	});

	it("reports a failed wait as that item's error, with the entry ID", async () => {
		const notMedia = Buffer.from('plain text, not a media file '.repeat(50));
		const { output } = await run(
			[fileItem(notMedia, 'notes.txt', 'text/plain')],
			{
				options: { waitUntilReady: true, waitIntervalSeconds: 1 },
			},
			{ onError: 'continueRegularOutput' },
		);
		const json = output[0].json as { error: string; details: IDataObject };
		expect(json.error).toMatch(/^Entry \S+ failed with status ERROR_CONVERTING$/);
		expect(json.details).toMatchObject({ fileName: 'notes.txt', entryId: expect.stringMatching(/^0_/) });
		const entry = (await apiCall(sandbox.url, 'media', 'get', {
			ks: await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret),
			entryId: json.details.entryId,
		})) as { status: number };
		expect(entry.status).toBe(-1);
	});
});
