import type { KalturaClient } from '../client/client';
import { ALL_ENTRY_STATUSES, KalturaEntryStatus } from '../client/enums';
import type { KalturaListResponse, KalturaMediaEntry } from '../client/types';

const FAILED = new Set<string>([KalturaEntryStatus.ERROR_CONVERTING, KalturaEntryStatus.ERROR_IMPORTING]);
/** Kaltura's pager maximum. */
const PAGE_SIZE = 500;
/**
 * Reference IDs per list call: as many as one page can answer (each ID usually matches one
 * entry), so 1,000 items cost two lookups. The filter travels in a JSON body, not a URL.
 */
const IDS_PER_LIST = PAGE_SIZE;

/**
 * Kaltura does not keep reference IDs unique, so "does it exist" is a list query. Entries in any
 * status count (a re-run while the first upload still converts must not duplicate it); among
 * several, a healthy entry wins over a failed one, then the oldest.
 */
function pickExisting(entries: KalturaMediaEntry[]): KalturaMediaEntry | undefined {
	const sorted = [...entries].sort((a, b) => {
		const failedA = FAILED.has(String(a.status)) ? 1 : 0;
		const failedB = FAILED.has(String(b.status)) ? 1 : 0;
		if (failedA !== failedB) return failedA - failedB;
		return (a.createdAt ?? 0) - (b.createdAt ?? 0);
	});
	return sorted[0];
}

/** The existing entry with this reference ID, if any (skip-if-exists, idempotent ingest). */
export async function findEntryByReferenceId(
	client: KalturaClient,
	referenceId: string,
): Promise<KalturaMediaEntry | undefined> {
	const found = await findEntriesByReferenceIds(client, [referenceId]);
	return found.get(referenceId);
}

/** Batched lookup for many items: one list call per 500 reference IDs (more pages only for duplicates). */
export async function findEntriesByReferenceIds(
	client: KalturaClient,
	referenceIds: string[],
): Promise<Map<string, KalturaMediaEntry>> {
	const unique = [...new Set(referenceIds.filter((r) => r !== ''))];
	const byReference = new Map<string, KalturaMediaEntry[]>();
	for (let start = 0; start < unique.length; start += IDS_PER_LIST) {
		const batch = unique.slice(start, start + IDS_PER_LIST);
		for (let pageIndex = 1; ; pageIndex++) {
			const page = await client.call<KalturaListResponse<KalturaMediaEntry>>('media', 'list', {
				filter: {
					objectType: 'KalturaMediaEntryFilter',
					referenceIdIn: batch.join(','),
					// Without a status filter Kaltura would only show READY entries.
					statusIn: ALL_ENTRY_STATUSES.join(','),
					orderBy: '+createdAt',
				},
				pager: { objectType: 'KalturaFilterPager', pageSize: PAGE_SIZE, pageIndex },
			});
			const objects = page.objects ?? [];
			for (const entry of objects) {
				if (!entry.referenceId) continue;
				const list = byReference.get(entry.referenceId) ?? [];
				list.push(entry);
				byReference.set(entry.referenceId, list);
			}
			if (objects.length < PAGE_SIZE || pageIndex * PAGE_SIZE >= page.totalCount) break;
		}
	}
	const result = new Map<string, KalturaMediaEntry>();
	for (const [referenceId, entries] of byReference) {
		const existing = pickExisting(entries);
		if (existing) result.set(referenceId, existing);
	}
	return result;
}
