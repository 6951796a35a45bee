import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { settle } from '../kaltura/client/outcome';
import type { KalturaBaseEntry } from '../kaltura/client/types';
import { formatEntry } from '../kaltura/entries/entryOutput';
import { findEntriesByReferenceIds } from '../kaltura/entries/referenceId';
import { waitForItems, type WaitFailureHints, type WaitRequest } from '../kaltura/entries/waitForItems';
import { ItemRun, type Planned } from '../kaltura/runner/itemRun';
import { deleteOrphans, sendImportBatch } from './batch';
import type { ImportOperation } from './description';
import type { ImportPlan } from './plan';
import { planItem, readBatchSize } from './plan';

/** Entries deleted per cleanup multirequest. */
const DELETE_BATCH = 100;

/**
 * Import URL, start to end: read and check every item, look up existing reference IDs in one
 * go, send the rest as multirequests, clean up entries whose content was refused, and
 * optionally wait for all of them together. Each item ends as its entry or its own error.
 */
export async function executeImportUrl(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = new ItemRun(context);
	const operation = context.getNodeParameter('operation', 0) as ImportOperation;

	// 1. Read and check every item before anything is sent.
	const plans = await run.plan((itemIndex, details) => planItem(context, itemIndex, operation, details));
	if (plans.length === 0) return run.output();
	const connected = await settle(async () => await run.client());
	if (!connected.ok) {
		for (const { itemIndex, value } of plans) run.fail(itemIndex, connected.error, { url: value.url });
		run.stopOnFailure();
		return run.output();
	}
	const client = connected.value;

	// 2. Skip If Reference ID Exists: one lookup for all items; repeats within the run share one entry.
	const { toSend, repeats } = await resolveExisting(run, client, plans);

	// 3. Send, batch by batch; entries whose content Kaltura refused are removed again.
	const orphans = new Map<number, string>();
	await run.inBatches(
		toSend,
		readBatchSize(context),
		async (batch) => {
			const outcomes = await sendImportBatch(
				client,
				batch.map(({ value }) => value.job),
			);
			return outcomes.map((outcome, i) => {
				const { itemIndex, value: plan } = batch[i];
				if (outcome.ok) return { ok: true, json: entryJson(outcome.entry, plan.url) };
				if (outcome.orphanEntryId) orphans.set(itemIndex, outcome.orphanEntryId);
				const entryId = plan.job.kind === 'replace' ? plan.job.entryId : undefined;
				return { ok: false, error: outcome.error, details: { url: plan.url, entryId } };
			});
		},
		async () => await removeOrphans(run, client, orphans, plans),
	);
	shareRepeatedReferences(run, plans, repeats);
	run.stopOnFailure();

	// 4. Wait Until Ready, for all waiting items at once.
	await waitForReady(run, client, plans);
	return run.output();
}

/** An imported (or found) entry as the node outputs it: the entry, and the URL it was given. */
function entryJson(entry: KalturaBaseEntry, url: string, skipped = false): IDataObject {
	const json: IDataObject = { ...formatEntry(entry), url };
	if (skipped) json.skipped = true;
	return json;
}

interface SendList {
	toSend: Array<Planned<ImportPlan>>;
	/** Item index → the earlier item with the same reference ID (Skip If Exists within one run). */
	repeats: Map<number, number>;
}

/** Items whose reference ID already exists get that entry; the rest are to be sent. */
async function resolveExisting(
	run: ItemRun,
	client: KalturaClient,
	plans: Array<Planned<ImportPlan>>,
): Promise<SendList> {
	const repeats = new Map<number, number>();
	const references = plans.flatMap(({ value }) => (value.skipReferenceId ? [value.skipReferenceId] : []));
	if (references.length === 0) return { toSend: plans, repeats };

	const lookup = await settle(async () => await findEntriesByReferenceIds(client, references));
	const firstWithReference = new Map<string, number>();
	const toSend: Array<Planned<ImportPlan>> = [];
	for (const planned of plans) {
		const { itemIndex, value: plan } = planned;
		const reference = plan.skipReferenceId;
		if (reference === undefined) {
			toSend.push(planned);
			continue;
		}
		if (!lookup.ok) {
			run.fail(itemIndex, lookup.error, { url: plan.url });
			continue;
		}
		const existing = lookup.value.get(reference);
		if (existing) {
			run.succeed(itemIndex, entryJson(existing, plan.url, true));
			continue;
		}
		const first = firstWithReference.get(reference);
		if (first !== undefined) {
			repeats.set(itemIndex, first);
			continue;
		}
		firstWithReference.set(reference, itemIndex);
		toSend.push(planned);
	}
	run.stopOnFailure();
	return { toSend, repeats };
}

/**
 * Deletes the entries media.add created for items whose content was refused, so a failed item
 * leaves nothing behind (and a re-run with Skip If Reference ID Exists does not find an empty
 * entry). An entry that could not be deleted is named in its item's error.
 */
async function removeOrphans(
	run: ItemRun,
	client: KalturaClient,
	orphans: Map<number, string>,
	plans: Array<Planned<ImportPlan>>,
): Promise<void> {
	if (orphans.size === 0) return;
	const notDeleted = new Set(await deleteOrphans(client, [...orphans.values()], DELETE_BATCH));
	for (const [itemIndex, entryId] of orphans) {
		const error = run.failureOf(itemIndex);
		if (!error || !notDeleted.has(entryId)) continue;
		error.message = `${error.message} (the empty entry ${entryId} could not be removed)`;
		const url = plans.find((p) => p.itemIndex === itemIndex)?.value.url;
		run.fail(itemIndex, error, { url, entryId });
	}
}

/** Items that repeated a reference ID get the entry their first occurrence created. */
function shareRepeatedReferences(run: ItemRun, plans: Array<Planned<ImportPlan>>, repeats: Map<number, number>): void {
	for (const [itemIndex, firstIndex] of repeats) {
		const url = plans.find((p) => p.itemIndex === itemIndex)?.value.url ?? '';
		const created = run.outputOf(firstIndex)?.[0];
		if (created) {
			run.succeed(itemIndex, { ...created, url, skipped: true });
			continue;
		}
		const failure = run.failureOf(firstIndex);
		if (!failure) continue; // the first one was never sent: the run stops before this matters
		const error = new NodeOperationError(
			run.node,
			`Not imported: item ${firstIndex} has the same reference ID and failed (${failure.message})`,
			{ itemIndex },
		);
		run.fail(itemIndex, error, { url });
	}
}

/** How a URL import's wait can fail, in words a workflow builder can act on. */
const IMPORT_WAIT_HINTS: WaitFailureHints = {
	importFailed:
		'Kaltura could not download the URL. Check that it is reachable from the internet, not expired (signed links) and not behind a login.',
	processingFailed:
		'Kaltura downloaded the file but could not process it. Check that the URL points to the media file itself and not to a web page.',
	replacementFailed:
		'Kaltura could not download or process the URL. Check that it is reachable and points to a media file.',
	stillProcessing:
		'Kaltura is still working on it. Raise Max Wait, or check the entry later with the Watch Entry Status node.',
};

async function waitForReady(run: ItemRun, client: KalturaClient, plans: Array<Planned<ImportPlan>>): Promise<void> {
	const requests: WaitRequest[] = [];
	const planOf = new Map<number, ImportPlan>();
	for (const { itemIndex, value: plan } of plans) {
		const entryId = run.outputOf(itemIndex)?.[0]?.id;
		if (!plan.wait.enabled || typeof entryId !== 'string') continue;
		planOf.set(itemIndex, plan);
		const kind = plan.job.kind === 'replace' ? 'replacement' : 'content';
		requests.push({ itemIndex, entryId, kind, wait: plan.wait });
	}
	if (requests.length === 0) return;
	const verdicts = await waitForItems(run.context, client, requests, IMPORT_WAIT_HINTS);
	for (const [itemIndex, verdict] of verdicts) {
		const plan = planOf.get(itemIndex) as ImportPlan;
		const before = run.outputOf(itemIndex)?.[0] ?? {};
		if (verdict.ok) run.succeed(itemIndex, entryJson(verdict.entry, plan.url, before.skipped === true));
		else run.fail(itemIndex, verdict.error, { url: plan.url, entryId: before.id as string });
	}
	run.stopOnFailure();
}
