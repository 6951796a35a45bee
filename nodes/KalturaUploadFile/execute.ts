import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { KalturaCancelledError } from '../kaltura/client/errors';
import { settle } from '../kaltura/client/outcome';
import { formatEntry } from '../kaltura/entries/entryOutput';
import { readWaitOptions, type WaitOptions } from '../kaltura/entries/waitOptions';
import { watchEntries, type WatchTarget } from '../kaltura/entries/watcher';
import { getKalturaClient } from '../kaltura/transport/kalturaClient';
import { errorItemJson, toNodeError } from '../kaltura/transport/nodeErrors';
import { OPERATION_REPLACE, type UploadOperation } from './description';
import { uploadItem, type ItemProgress, type UploadedItem } from './itemUpload';
import { waitFailure } from './waitOutcome';

type NodeError = NodeApiError | NodeOperationError;

type ItemResult =
	| { ok: true; item: UploadedItem; wait: WaitOptions }
	| { ok: false; error: NodeError; progress: ItemProgress };

/**
 * Upload File, start to end: items are uploaded one after another (each upload is parallel
 * inside), then the ones that asked to wait are watched together until ready. Each item ends as
 * its entry with a transfer report, or as its own error under Continue On Fail.
 */
export async function executeUploadFile(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const items = context.getInputData();
	const operation = context.getNodeParameter('operation', 0) as UploadOperation;
	const continueOnFail = context.continueOnFail();
	const client = await getKalturaClient(context);
	const results: ItemResult[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const progress: ItemProgress = {};
		const done = await settle(async () => await uploadItem(context, client, itemIndex, operation, progress));
		if (done.ok) {
			results.push({ ok: true, item: done.value, wait: readWaitOptions(context, itemIndex) });
			continue;
		}
		const error = describeFailure(toNodeError(node, done.error, itemIndex), progress, done.error);
		if (!continueOnFail || done.error instanceof KalturaCancelledError) throw error;
		results.push({ ok: false, error, progress });
	}

	await waitForReady(context, client, operation, results, continueOnFail);

	return [
		results.map((result, itemIndex) => ({
			json: result.ok ? itemJson(result.item) : failedJson(result.error, result.progress),
			pairedItem: { item: itemIndex },
		})),
	];
}

/** Names the upload token of a failed upload, so the user can resume it explicitly. */
function describeFailure(error: NodeError, progress: ItemProgress, cause: unknown): NodeError {
	if (progress.uploadTokenId && !progress.uploaded && !(cause instanceof KalturaCancelledError)) {
		const note = `The partial upload is kept in Kaltura as upload token ${progress.uploadTokenId}; running the node again on the same file continues it.`;
		error.description = error.description ? `${error.description} ${note}` : note;
	}
	return error;
}

/** The entry as every node of this package outputs it, plus what the upload did. */
function itemJson(item: UploadedItem): IDataObject {
	const json: IDataObject = { ...formatEntry(item.entry), fileName: item.fileName };
	if (item.skipped) json.skipped = true;
	const report = item.report;
	if (report) {
		Object.assign(json, {
			uploadTokenId: report.uploadTokenId,
			bytes: report.bytes,
			bytesSent: report.bytesSent,
			chunks: report.chunks,
			retries: report.retries,
			resumedFrom: report.resumedFrom,
			durationMs: report.durationMs,
			mbPerSecond: report.mbPerSecond,
			sha256: report.sha256,
		});
	}
	return json;
}

function failedJson(error: NodeError, progress: ItemProgress): IDataObject {
	const extra: IDataObject = {};
	if (progress.fileName) extra.fileName = progress.fileName;
	if (progress.entryId) extra.entryId = progress.entryId;
	if (progress.uploadTokenId) extra.uploadTokenId = progress.uploadTokenId;
	return errorItemJson(error, extra);
}

/** Wait Until Ready: one watch for all items that asked for it (skipped ones included). */
async function waitForReady(
	context: IExecuteFunctions,
	client: KalturaClient,
	operation: UploadOperation,
	results: ItemResult[],
	continueOnFail: boolean,
): Promise<void> {
	const node = context.getNode();
	const kind: WatchTarget['kind'] = operation === OPERATION_REPLACE ? 'replacement' : 'content';
	const waiting = results
		.map((result, itemIndex) => ({ result, itemIndex }))
		.filter((w): w is { result: Extract<ItemResult, { ok: true }>; itemIndex: number } => w.result.ok && w.result.wait.enabled);
	if (waiting.length === 0) return;

	const targets = new Map<string, WatchTarget>();
	for (const { result } of waiting) targets.set(result.item.entry.id, { entryId: result.item.entry.id, kind });
	const intervalMs = Math.min(...waiting.map((w) => w.result.wait.intervalMs));
	const timeoutMs = Math.max(...waiting.map((w) => w.result.wait.timeoutMs));
	const watched = await settle(
		async () =>
			await watchEntries(client, [...targets.values()], {
				intervalMs,
				timeoutMs,
				sleep,
				signal: client.cancelSignal,
				onPoll: (pending) => context.logger?.debug(`Waiting for ${pending} Kaltura entries to be ready`),
			}),
	);
	if (!watched.ok) {
		if (!continueOnFail || watched.error instanceof KalturaCancelledError) throw toNodeError(node, watched.error);
		for (const { result, itemIndex } of waiting) {
			const error = toNodeError(node, watched.error, itemIndex);
			results[itemIndex] = { ok: false, error, progress: { entryId: result.item.entry.id, fileName: result.item.fileName } };
		}
		return;
	}
	for (const { result, itemIndex } of waiting) {
		const outcome = watched.value.get(result.item.entry.id);
		if (outcome?.outcome === 'ready' && outcome.entry) {
			result.item.entry = outcome.entry;
			continue;
		}
		const error = outcome
			? waitFailure(node, outcome, kind, timeoutMs, itemIndex)
			: new NodeOperationError(node, `Entry ${result.item.entry.id} could not be watched`, { itemIndex });
		if (!continueOnFail) throw error;
		results[itemIndex] = { ok: false, error, progress: { entryId: result.item.entry.id, fileName: result.item.fileName } };
	}
}
