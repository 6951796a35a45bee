import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { KalturaListResponse } from '../client/types';
import { loadWithClient } from './loadWithClient';

/** Kaltura's pager maximum. Accounts with more categories can still map names by expression. */
const PAGE_SIZE = 500;

interface KalturaCategory {
	id: number;
	name?: string;
	fullName?: string;
}

/**
 * The account's categories by full name (`Training>Onboarding`), in tree order: an entry's
 * `categories` field takes these names, comma-separated.
 */
export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await loadWithClient(this, async (client) => {
		const page = await client.call<KalturaListResponse<KalturaCategory>>('category', 'list', {
			filter: { objectType: 'KalturaCategoryFilter', orderBy: '+fullName' },
			pager: { objectType: 'KalturaFilterPager', pageSize: PAGE_SIZE, pageIndex: 1 },
		});
		return (page.objects ?? [])
			.filter((category) => (category.fullName ?? category.name ?? '') !== '')
			.map((category) => {
				const fullName = category.fullName ?? (category.name as string);
				return { name: fullName, value: fullName, description: `Category ID ${category.id}` };
			});
	});
}
