import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { KalturaCancelledError } from '../kaltura/client/errors';
import { settle } from '../kaltura/client/outcome';
import { formatEntry } from '../kaltura/entries/entryOutput';
import { readWaitOptions, type WaitOptions } from '../kaltura/entries/waitOptions';
import { waitForItems, type WaitFailureHints, type WaitRequest } from '../kaltura/entries/waitForItems';
import type { NodeError } from '../kaltura/runner/errorItem';
import { ItemRun } from '../kaltura/runner/itemRun';
import { toNodeError } from '../kaltura/transport/nodeErrors';
import { OPERATION_REPLACE, type UploadOperation } from './description';
import { uploadItem, type ItemProgress, type UploadedItem } from './itemUpload';

/**
 * Upload File, start to end: items are uploaded one after another (each upload is parallel
 * inside), then the ones that asked to wait are watched together until ready. Each item ends as
 * its entry with a transfer report, or fails with how far it got (file, upload token, entry).
 */
export async function executeUploadFile(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = new ItemRun(context);
	const operation = context.getNodeParameter('operation', 0) as UploadOperation;
	const uploaded = new Map<number, { item: UploadedItem; wait: WaitOptions }>();

	await run.forEach(async (itemIndex, details) => {
		const progress: ItemProgress = {};
		// Every setting is checked before the first byte is sent.
		const wait = readWaitOptions(context, itemIndex);
		const done = await settle(
			async () => await uploadItem(context, await run.client(), itemIndex, operation, progress),
		);
		if (!done.ok) {
			Object.assign(details, {
				fileName: progress.fileName,
				entryId: progress.entryId,
				uploadTokenId: progress.uploadTokenId,
			});
			throw describeFailure(toNodeError(run.node, done.error, itemIndex), progress, done.error);
		}
		uploaded.set(itemIndex, { item: done.value, wait });
		return itemJson(done.value);
	});

	await waitForReady(run, operation, uploaded);
	return run.output();
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
	run: ItemRun,
	operation: UploadOperation,
	uploaded: Map<number, { item: UploadedItem; wait: WaitOptions }>,
): Promise<void> {
	const kind: WaitRequest['kind'] = operation === OPERATION_REPLACE ? 'replacement' : 'content';
	const requests: WaitRequest[] = [];
	for (const [itemIndex, { item, wait }] of uploaded) {
		if (wait.enabled) requests.push({ itemIndex, entryId: item.entry.id, kind, wait });
	}
	if (requests.length === 0) return;
	const verdicts = await waitForItems(run.context, await run.client(), requests, UPLOAD_WAIT_HINTS);
	for (const [itemIndex, verdict] of verdicts) {
		const { item } = uploaded.get(itemIndex) as { item: UploadedItem };
		if (verdict.ok) {
			item.entry = verdict.entry;
			run.succeed(itemIndex, itemJson(item));
		} else {
			run.fail(itemIndex, verdict.error, { fileName: item.fileName, entryId: item.entry.id });
		}
	}
	run.stopOnFailure();
}
