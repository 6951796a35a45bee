import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { KalturaClient } from '../client/client';
import { KalturaEntryStatus, entryStatusName } from '../client/enums';
import { KalturaCancelledError } from '../client/errors';
import { settle } from '../client/outcome';
import type { KalturaBaseEntry } from '../client/types';
import { toNodeError } from '../transport/nodeErrors';
import type { WaitOptions } from './waitOptions';
import { watchEntries, type WatchResult, type WatchTarget } from './watcher';

/** One item that asked to wait for its entry (Wait Until Ready). */
export interface WaitRequest {
	itemIndex: number;
	entryId: string;
	kind: WatchTarget['kind'];
	wait: WaitOptions;
}

export type WaitVerdict =
	| { ok: true; entry: KalturaBaseEntry }
	| { ok: false; error: NodeApiError | NodeOperationError };

/** What went wrong, told in terms of how the content arrived (an upload, a URL). */
export interface WaitFailureHints {
	/** Entry in ERROR_IMPORTING. */
	importFailed: string;
	/** Entry in ERROR_CONVERTING. */
	processingFailed: string;
	/** A replacement that failed while the entry kept its old media. */
	replacementFailed: string;
	/** Still processing when the wait ended. */
	stillProcessing: string;
}

function failureHint(status: string, hints: WaitFailureHints): string {
	if (status === KalturaEntryStatus.ERROR_IMPORTING) return hints.importFailed;
	if (status === KalturaEntryStatus.ERROR_CONVERTING) return hints.processingFailed;
	return 'See the entry in the Kaltura Management Console for details.';
}

/**
 * The error for an entry that did not become ready while we waited. The entry ID is in the
 * message, so it can be looked up in Kaltura even when the item's output is an error.
 */
export function waitFailure(
	context: IExecuteFunctions,
	result: WatchResult,
	request: WaitRequest,
	hints: WaitFailureHints,
): NodeOperationError {
	const node = context.getNode();
	const { itemIndex } = request;
	const id = result.entryId;
	const status = result.entry ? String(result.entry.status) : '';
	if (result.outcome === 'timedOut') {
		const minutes = Math.round((request.wait.timeoutMs / 60_000) * 10) / 10;
		const shown = status ? entryStatusName(status) : 'unknown';
		return new NodeOperationError(node, `Entry ${id} was not ready after ${minutes} minutes (status ${shown})`, {
			itemIndex,
			description: hints.stillProcessing,
		});
	}
	if (result.outcome === 'deleted') {
		return new NodeOperationError(node, `Entry ${id} was deleted while waiting for it to be ready`, { itemIndex });
	}
	if (request.kind === 'replacement' && status === KalturaEntryStatus.READY) {
		return new NodeOperationError(node, `The new content of entry ${id} failed; the entry keeps its old media`, {
			itemIndex,
			description: hints.replacementFailed,
		});
	}
	return new NodeOperationError(node, `Entry ${id} failed with status ${entryStatusName(status)}`, {
		itemIndex,
		description: failureHint(status, hints),
	});
}

/**
 * Wait Until Ready for many items at once: one watch polls all their entries together (a
 * list call per few hundred entries, not one call per item). Each item gets its ready entry
 * or its own error. Only a cancelled execution throws.
 */
export async function waitForItems(
	context: IExecuteFunctions,
	client: KalturaClient,
	requests: WaitRequest[],
	hints: WaitFailureHints,
): Promise<Map<number, WaitVerdict>> {
	const verdicts = new Map<number, WaitVerdict>();
	if (requests.length === 0) return verdicts;
	const targets = new Map<string, WatchTarget>();
	for (const request of requests) targets.set(request.entryId, { entryId: request.entryId, kind: request.kind });
	const watched = await settle(
		async () =>
			await watchEntries(client, [...targets.values()], {
				intervalMs: Math.min(...requests.map((r) => r.wait.intervalMs)),
				timeoutMs: Math.max(...requests.map((r) => r.wait.timeoutMs)),
				sleep,
				signal: client.cancelSignal,
				onPoll: (pending) => context.logger?.debug(`Waiting for ${pending} Kaltura entries to be ready`),
			}),
	);
	if (!watched.ok && watched.error instanceof KalturaCancelledError)
		throw toNodeError(context.getNode(), watched.error);

	for (const request of requests) {
		if (!watched.ok) {
			verdicts.set(request.itemIndex, {
				ok: false,
				error: toNodeError(context.getNode(), watched.error, request.itemIndex),
			});
			continue;
		}
		const outcome = watched.value.get(request.entryId) ?? { entryId: request.entryId, outcome: 'timedOut' as const };
		verdicts.set(
			request.itemIndex,
			outcome.outcome === 'ready' && outcome.entry
				? { ok: true, entry: outcome.entry }
				: { ok: false, error: waitFailure(context, outcome, request, hints) },
		);
	}
	return verdicts;
}
