import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { KalturaCancelledError } from '../kaltura/client/errors';
import { settle } from '../kaltura/client/outcome';
import { formatEntry } from '../kaltura/entries/entryOutput';
import { readWaitOptions, type WaitOptions } from '../kaltura/entries/waitOptions';
import { waitForItems, type WaitFailureHints, type WaitRequest } from '../kaltura/entries/waitForItems';
import { getKalturaClient } from '../kaltura/transport/kalturaClient';
import { errorItemJson, toNodeError } from '../kaltura/transport/nodeErrors';
import { OPERATION_REPLACE, type UploadOperation } from './description';
import { uploadItem, type ItemProgress, type UploadedItem } from './itemUpload';

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

/** How an upload's wait can fail, in words a workflow builder can act on. */
const UPLOAD_WAIT_HINTS: WaitFailureHints = {
	importFailed: 'Kaltura could not take the uploaded file. Upload it again.',
	processingFailed:
		'Kaltura received the whole file but could not process it. Check that it is a media file Kaltura supports (video, audio or image).',
	replacementFailed: 'Kaltura could not process the uploaded file. Check that it is a media file Kaltura supports.',
	stillProcessing:
		'The upload is complete and Kaltura is still processing it. Raise Max Wait, or check the entry later with the Watch Entry Status node.',
};

/** Wait Until Ready: one watch for all items that asked for it (skipped ones included). */
async function waitForReady(
	context: IExecuteFunctions,
	client: KalturaClient,
	operation: UploadOperation,
	results: ItemResult[],
	continueOnFail: boolean,
): Promise<void> {
	const kind: WaitRequest['kind'] = operation === OPERATION_REPLACE ? 'replacement' : 'content';
	const requests: WaitRequest[] = [];
	results.forEach((result, itemIndex) => {
		if (result.ok && result.wait.enabled) requests.push({ itemIndex, entryId: result.item.entry.id, kind, wait: result.wait });
	});
	const verdicts = await waitForItems(context, client, requests, UPLOAD_WAIT_HINTS);
	for (const [itemIndex, verdict] of verdicts) {
		const result = results[itemIndex];
		if (!result.ok) continue;
		if (verdict.ok) {
			result.item.entry = verdict.entry;
			continue;
		}
		if (!continueOnFail) throw verdict.error;
		results[itemIndex] = { ok: false, error: verdict.error, progress: { entryId: result.item.entry.id, fileName: result.item.fileName } };
	}
}
