import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { settle } from '../kaltura/client/outcome';
import type { KalturaBaseEntry } from '../kaltura/client/types';
import { formatEntry } from '../kaltura/entries/entryOutput';
import { findEntriesByReferenceIds } from '../kaltura/entries/referenceId';
import { waitForItems, type WaitFailureHints, type WaitRequest } from '../kaltura/entries/waitForItems';
import { getKalturaClient } from '../kaltura/transport/kalturaClient';
import { errorItemJson, toNodeError } from '../kaltura/transport/nodeErrors';
import { deleteOrphans, sendImportJobs } from './batch';
import type { ImportOperation } from './description';
import type { ImportPlan } from './plan';
import { planItem, readBatchSize } from './plan';

type NodeError = NodeApiError | NodeOperationError;

type ItemResult =
	| { ok: true; entry: KalturaBaseEntry; url: string; skipped: boolean }
	| { ok: false; error: NodeError; url: string; entryId?: string };

/** Entries deleted per cleanup multirequest. */
const DELETE_BATCH = 100;

/**
 * Import URL, start to end: read and check every item, look up existing reference IDs in one
 * go, send the rest as multirequests, clean up entries whose content was refused, and
 * optionally wait for all of them together. Each item ends as its entry or its own error.
 */
export async function executeImportUrl(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const items = context.getInputData();
	const operation = context.getNodeParameter('operation', 0) as ImportOperation;
	const continueOnFail = context.continueOnFail();
	const results = new Map<number, ItemResult>();

	// 1. Read and check every item before anything is sent.
	const plans: ImportPlan[] = [];
	for (let i = 0; i < items.length; i++) {
		const planned = planItem(context, i, operation);
		if (planned.ok) {
			plans.push(planned.plan);
			continue;
		}
		if (!continueOnFail) throw planned.error;
		results.set(i, { ok: false, error: planned.error, url: planned.url });
	}
	if (plans.length === 0) return [toOutput(items.length, results)];

	const connected = await settle(async () => await getKalturaClient(context));
	if (!connected.ok) throw toNodeError(node, connected.error);
	const client = connected.value;

	// 2. Skip If Reference ID Exists: one lookup for all items; repeats within the run share one entry.
	const { toSend, repeats } = await resolveExisting(context, client, plans, results, continueOnFail);

	// 3. Send, batch by batch; without Continue On Fail, the first failing batch is the last.
	const batchSize = readBatchSize(context);
	const outcomes = await sendImportJobs(
		client,
		toSend.map((plan) => plan.job),
		batchSize,
		(progress) => continueOnFail || progress.outcomes.every((outcome) => outcome.ok),
	);
	const orphans = outcomes.flatMap((outcome) => (outcome && !outcome.ok && outcome.orphanEntryId ? [outcome.orphanEntryId] : []));
	const notDeleted = new Set(orphans.length > 0 ? await deleteOrphans(client, orphans, DELETE_BATCH) : []);
	toSend.forEach((plan, i) => {
		const outcome = outcomes[i];
		if (!outcome) return; // never sent: an earlier batch failed and the run stops below
		if (outcome.ok) {
			results.set(plan.itemIndex, { ok: true, entry: outcome.entry, url: plan.url, skipped: false });
			return;
		}
		const error = toNodeError(node, outcome.error, plan.itemIndex);
		const left = outcome.orphanEntryId !== undefined && notDeleted.has(outcome.orphanEntryId);
		if (left) error.message = `${error.message} (the empty entry ${outcome.orphanEntryId} could not be removed)`;
		results.set(plan.itemIndex, { ok: false, error, url: plan.url, entryId: left ? outcome.orphanEntryId : undefined });
	});
	shareRepeatedReferences(node, plans, repeats, results);
	throwFirstFailure(results, continueOnFail);

	// 4. Wait Until Ready, for all waiting items at once.
	await waitForReady(context, client, plans, results);
	throwFirstFailure(results, continueOnFail);

	return [toOutput(items.length, results)];
}

interface SendList {
	toSend: ImportPlan[];
	/** Item index → the earlier item with the same reference ID (Skip If Exists within one run). */
	repeats: Map<number, number>;
}

/** Items whose reference ID already exists get that entry; the rest are to be sent. */
async function resolveExisting(
	context: IExecuteFunctions,
	client: KalturaClient,
	plans: ImportPlan[],
	results: Map<number, ItemResult>,
	continueOnFail: boolean,
): Promise<SendList> {
	const repeats = new Map<number, number>();
	const references = plans.flatMap((plan) => (plan.skipReferenceId ? [plan.skipReferenceId] : []));
	if (references.length === 0) return { toSend: plans, repeats };

	const lookup = await settle(async () => await findEntriesByReferenceIds(client, references));
	if (!lookup.ok && !continueOnFail) throw toNodeError(context.getNode(), lookup.error);
	const firstWithReference = new Map<string, number>();
	const toSend: ImportPlan[] = [];
	for (const plan of plans) {
		const reference = plan.skipReferenceId;
		if (reference === undefined) {
			toSend.push(plan);
			continue;
		}
		if (!lookup.ok) {
			const error = toNodeError(context.getNode(), lookup.error, plan.itemIndex);
			results.set(plan.itemIndex, { ok: false, error, url: plan.url });
			continue;
		}
		const existing = lookup.value.get(reference);
		if (existing) {
			results.set(plan.itemIndex, { ok: true, entry: existing, url: plan.url, skipped: true });
			continue;
		}
		const first = firstWithReference.get(reference);
		if (first !== undefined) {
			repeats.set(plan.itemIndex, first);
			continue;
		}
		firstWithReference.set(reference, plan.itemIndex);
		toSend.push(plan);
	}
	return { toSend, repeats };
}

/** Items that repeated a reference ID get the entry their first occurrence created. */
function shareRepeatedReferences(
	node: INode,
	plans: ImportPlan[],
	repeats: Map<number, number>,
	results: Map<number, ItemResult>,
): void {
	for (const [itemIndex, firstIndex] of repeats) {
		const plan = plans.find((p) => p.itemIndex === itemIndex);
		const first = results.get(firstIndex);
		if (!plan || !first) continue;
		if (first.ok) {
			results.set(itemIndex, { ok: true, entry: first.entry, url: plan.url, skipped: true });
		} else {
			const error = new NodeOperationError(
				node,
				`Not imported: item ${firstIndex} has the same reference ID and failed (${first.error.message})`,
				{ itemIndex },
			);
			results.set(itemIndex, { ok: false, error, url: plan.url });
		}
	}
}

/** How a URL import's wait can fail, in words a workflow builder can act on. */
const IMPORT_WAIT_HINTS: WaitFailureHints = {
	importFailed:
		'Kaltura could not download the URL. Check that it is reachable from the internet, not expired (signed links) and not behind a login.',
	processingFailed:
		'Kaltura downloaded the file but could not process it. Check that the URL points to the media file itself and not to a web page.',
	replacementFailed: 'Kaltura could not download or process the URL. Check that it is reachable and points to a media file.',
	stillProcessing: 'Kaltura is still working on it. Raise Max Wait, or check the entry later with the Watch Entry Status node.',
};

async function waitForReady(
	context: IExecuteFunctions,
	client: KalturaClient,
	plans: ImportPlan[],
	results: Map<number, ItemResult>,
): Promise<void> {
	const requests: WaitRequest[] = [];
	for (const plan of plans) {
		const result = results.get(plan.itemIndex);
		if (!plan.wait.enabled || !result?.ok) continue;
		const kind = plan.job.kind === 'replace' ? 'replacement' : 'content';
		requests.push({ itemIndex: plan.itemIndex, entryId: result.entry.id, kind, wait: plan.wait });
	}
	const verdicts = await waitForItems(context, client, requests, IMPORT_WAIT_HINTS);
	for (const [itemIndex, verdict] of verdicts) {
		const result = results.get(itemIndex);
		if (!result?.ok) continue;
		results.set(
			itemIndex,
			verdict.ok
				? { ...result, entry: verdict.entry }
				: { ok: false, error: verdict.error, url: result.url, entryId: result.entry.id },
		);
	}
}

function throwFirstFailure(results: Map<number, ItemResult>, continueOnFail: boolean): void {
	if (continueOnFail) return;
	const failed = [...results.entries()].sort(([a], [b]) => a - b).find(([, result]) => !result.ok);
	if (failed && !failed[1].ok) throw failed[1].error;
}

function toOutput(itemCount: number, results: Map<number, ItemResult>): INodeExecutionData[] {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < itemCount; i++) {
		const result = results.get(i);
		if (!result) continue;
		if (result.ok) {
			const json: IDataObject = { ...formatEntry(result.entry), url: result.url };
			if (result.skipped) json.skipped = true;
			out.push({ json, pairedItem: { item: i } });
		} else {
			const extra: IDataObject = { url: result.url };
			if (result.entryId) extra.entryId = result.entryId;
			out.push({ json: errorItemJson(result.error, extra), pairedItem: { item: i } });
		}
	}
	return out;
}
