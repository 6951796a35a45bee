import type { KalturaClient } from '../client/client';
import { KalturaEntryStatus } from '../client/enums';
import { pollUntil, type PollSettings } from '../wait/pollUntil';
import type { KalturaBaseEntry, KalturaListResponse } from '../client/types';

/** What "done" means for one watched entry. */
export type WatchKind =
	/** New content: done when the entry itself is READY (or failed). */
	| 'content'
	/** Replaced content: the entry stays READY throughout; done when the replacement is over. */
	| 'replacement';

export interface WatchTarget {
	entryId: string;
	kind: WatchKind;
}

export type WatchOutcome = 'ready' | 'failed' | 'deleted' | 'timedOut';

export interface WatchResult {
	entryId: string;
	outcome: WatchOutcome;
	/** The entry as last seen (absent when it was never found). */
	entry?: KalturaBaseEntry;
}

export type WatchSettings = PollSettings & {
	onPoll?: (pending: number) => void;
};

/** KalturaEntryReplacementStatus: NONE = 0 … FAILED = 4. */
const REPLACEMENT_FAILED = '4';
const FAILED_STATUSES = new Set<string>([
	KalturaEntryStatus.ERROR_CONVERTING,
	KalturaEntryStatus.ERROR_IMPORTING,
	KalturaEntryStatus.BLOCKED,
	KalturaEntryStatus.INFECTED,
	KalturaEntryStatus.SCAN_FAILURE,
]);
/** Every status, DELETED included, so a deleted entry is seen as such rather than as missing. */
const WATCHED_STATUSES = Object.values(KalturaEntryStatus).join(',');
const IDS_PER_LIST = 500;

function outcomeOf(target: WatchTarget, entry: KalturaBaseEntry | undefined): WatchOutcome | undefined {
	if (!entry) return undefined;
	const status = String(entry.status);
	if (status === KalturaEntryStatus.DELETED) return 'deleted';
	if (FAILED_STATUSES.has(status)) return 'failed';
	if (target.kind === 'replacement') {
		const replacement = entry.replacementStatus === undefined ? '0' : String(entry.replacementStatus);
		if (replacement === REPLACEMENT_FAILED) return 'failed';
		const replacing = entry.replacingEntryId !== undefined && entry.replacingEntryId !== '';
		return !replacing && replacement === '0' && status === KalturaEntryStatus.READY ? 'ready' : undefined;
	}
	return status === KalturaEntryStatus.READY ? 'ready' : undefined;
}

async function listEntries(client: KalturaClient, ids: string[]): Promise<Map<string, KalturaBaseEntry>> {
	const found = new Map<string, KalturaBaseEntry>();
	for (let start = 0; start < ids.length; start += IDS_PER_LIST) {
		const batch = ids.slice(start, start + IDS_PER_LIST);
		const page = await client.call<KalturaListResponse<KalturaBaseEntry>>('baseEntry', 'list', {
			filter: { objectType: 'KalturaBaseEntryFilter', idIn: batch.join(','), statusIn: WATCHED_STATUSES },
			pager: { objectType: 'KalturaFilterPager', pageSize: IDS_PER_LIST, pageIndex: 1 },
		});
		for (const entry of page.objects ?? []) found.set(entry.id, entry);
	}
	return found;
}

/**
 * Waits until every target entry is ready, failed or deleted, checking all of them with one
 * list call per round (500 entries a call), so watching many entries costs little.
 */
export async function watchEntries(
	client: KalturaClient,
	targets: WatchTarget[],
	settings: WatchSettings,
): Promise<Map<string, WatchResult>> {
	const results = new Map<string, WatchResult>();
	const pending = new Map<string, WatchTarget>();
	for (const target of targets) pending.set(target.entryId, target);
	const lastSeen = new Map<string, KalturaBaseEntry>();

	await pollUntil(async () => {
		settings.onPoll?.(pending.size);
		const entries = await listEntries(client, [...pending.keys()]);
		const before = pending.size;
		for (const [entryId, target] of pending) {
			const entry = entries.get(entryId);
			if (entry) lastSeen.set(entryId, entry);
			const outcome = outcomeOf(target, entry);
			if (outcome) {
				results.set(entryId, { entryId, outcome, entry });
				pending.delete(entryId);
			}
		}
		return pending.size === 0 ? { done: true, value: undefined } : { done: false, progressed: pending.size < before };
	}, settings);

	for (const entryId of pending.keys()) {
		results.set(entryId, { entryId, outcome: 'timedOut', entry: lastSeen.get(entryId) });
	}
	return results;
}
