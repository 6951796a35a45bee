import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ALL_ENTRY_STATUSES, KalturaEntryStatus } from '../client/enums';
import type { KalturaBaseEntry, KalturaListResponse, KalturaParams } from '../client/types';
import { isEntryId } from '../entries/entryId';
import { entryKind } from '../entries/entryKind';
import { loadWithClient } from './loadWithClient';

/** Rows per page of the picker; n8n asks for the next page as the user scrolls. */
const PAGE_SIZE = 50;

/** Every status but DELETED: an entry still importing or one that failed can be picked too. */
const LISTED_STATUSES = ALL_ENTRY_STATUSES.filter((s) => s !== KalturaEntryStatus.DELETED).join(',');

/** The entry's page in the KMC, for the picker's "open" link. */
export function kmcEntryUrl(serviceUrl: string, entryId: string): string {
	return `${serviceUrl.replace(/\/+$/, '')}/index.php/kmcng/content/entries/entry/${encodeURIComponent(entryId)}/metadata`;
}

/**
 * A list-search method for the entry picker: Kaltura's own search (`freeText`, as the KMC search
 * box) over the given entry types, newest first; an entry ID typed into the search finds that
 * entry. Each row shows the name, what kind of entry it is and its ID.
 */
export function entrySearch(types?: readonly string[]) {
	return async function search(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await loadWithClient(this, async (client) => {
			const pageIndex = Math.max(1, Number(paginationToken ?? 1) || 1);
			const text = (filter ?? '').trim();
			const entryFilter: KalturaParams = {
				objectType: 'KalturaBaseEntryFilter',
				statusIn: LISTED_STATUSES,
				orderBy: '-createdAt',
			};
			if (types && types.length > 0) entryFilter.typeIn = types.join(',');
			if (isEntryId(text)) entryFilter.idEqual = text;
			else if (text !== '') entryFilter.freeText = text;
			const page = await client.call<KalturaListResponse<KalturaBaseEntry>>('baseEntry', 'list', {
				filter: entryFilter,
				pager: { objectType: 'KalturaFilterPager', pageSize: PAGE_SIZE, pageIndex },
			});
			const results: INodeListSearchItems[] = (page.objects ?? []).map((entry) => ({
				name: `${entry.name || '(no name)'} · ${entryKind(entry)} · ${entry.id}`,
				value: entry.id,
				url: kmcEntryUrl(client.serviceUrl, entry.id),
			}));
			const more = pageIndex * PAGE_SIZE < (page.totalCount ?? 0) && results.length === PAGE_SIZE;
			return { results, paginationToken: more ? String(pageIndex + 1) : undefined };
		});
	};
}
