/** KalturaFilterPager: pageSize default 30, max 500; pageIndex 1-based. */
import { toInt } from './args';
import type { ParamTree } from '../http/paramTree';

export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 500;

/**
 * One page of a list. Without a pager some lists return more than a default page
 * (category.list: everything up to 1500), hence `sizeWithoutPager`.
 */
export function paginate<T>(items: T[], pager: ParamTree | null, sizeWithoutPager = DEFAULT_PAGE_SIZE): T[] {
	if (!pager) return items.slice(0, sizeWithoutPager);
	let size = pager.pageSize !== undefined ? toInt(pager.pageSize) : DEFAULT_PAGE_SIZE;
	if (size <= 0) size = DEFAULT_PAGE_SIZE;
	size = Math.min(size, MAX_PAGE_SIZE);
	let index = pager.pageIndex !== undefined ? toInt(pager.pageIndex) : 1;
	if (index < 1) index = 1;
	return items.slice((index - 1) * size, index * size);
}
