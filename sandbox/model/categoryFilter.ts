/**
 * KalturaCategoryFilter semantics (KalturaCategoryBaseFilter + KalturaCategoryFilter, run by
 * SphinxCategoryCriteria): deleted categories never appear; text comparisons ignore case and
 * accents, as the search index does; the default order is +depth.
 */
import { checkEnum, present, toInt, toList, toStr, toTime } from '../api/args';
import type { ParamTree, ParamValue } from '../http/paramTree';
import type { CategoryRecord } from '../store/types';
import type { CategoryCounts } from './categoryEntries';
import { CategoryTree, textKey } from './categoryTree';
import { CATEGORY_DEFAULTS } from './categoryView';
import { CATEGORY_TEXT_INDEX, freeTextMatcher } from './freeText';

/** KalturaCategoryOrderBy without its sign. */
const ORDER_FIELDS = [
	'createdAt',
	'depth',
	'directEntriesCount',
	'directSubCategoriesCount',
	'entriesCount',
	'fullName',
	'membersCount',
	'name',
	'partnerSortValue',
	'updatedAt',
];
export const CATEGORY_ORDER_BY = ORDER_FIELDS.flatMap((f) => [`+${f}`, `-${f}`]);

const list = toList;
const given = (f: ParamTree, k: string): boolean => present(f[k]);

interface Row {
	c: CategoryRecord;
	fullName: string;
	fullIds: string;
	depth: number;
	counts: CategoryCounts;
}

const DEFAULTS: Readonly<Record<string, number>> = CATEGORY_DEFAULTS;

/** A field as the wire shows it: as set, else Kaltura's default, else ''. */
function field(c: CategoryRecord, k: string): string {
	const v = c.fields[k] ?? DEFAULTS[k] ?? null;
	return v === null ? '' : String(v);
}

/** Tag-wise substring match, like the entry filter's tagsMultiLike*. */
function tagsContain(c: CategoryRecord, wanted: string): boolean {
	const tags = list(field(c, 'tags')).map(textKey);
	return tags.some((t) => t.includes(textKey(wanted)));
}

/**
 * nameOrReferenceIdStartsWith (`@(name,reference_id) words | ^words*` in the search index): the
 * name or reference id starts with the text, or holds all of its words; commas separate
 * alternatives as in freeText.
 */
function nameOrReferenceIdStartsWith(value: string): (c: CategoryRecord) => boolean {
	const holdsWords = freeTextMatcher(value, CATEGORY_TEXT_INDEX);
	const starts = (value.indexOf(',') > 0 ? value.split(',') : [value])
		.map((s) => textKey(s.trim()))
		.filter((s) => s !== '');
	return (c) => {
		const fields = [c.name, field(c, 'referenceId')];
		return holdsWords(fields) || fields.some((f) => starts.some((s) => textKey(f).startsWith(s)));
	};
}

function sortValue(r: Row, key: string): number | string {
	switch (key) {
		case 'name':
			return textKey(r.c.name);
		case 'fullName':
			return textKey(r.fullName);
		case 'depth':
			return r.depth;
		case 'createdAt':
			return r.c.createdAt;
		case 'updatedAt':
			return r.c.updatedAt;
		case 'entriesCount':
			return r.counts.total;
		case 'directEntriesCount':
			return r.counts.direct;
		case 'partnerSortValue':
			return Number(field(r.c, 'partnerSortValue')) || 0;
		default:
			return 0;
	}
}

export function filterCategories(
	tree: CategoryTree,
	counts: Map<number, CategoryCounts>,
	filter: ParamTree | null,
	now: number,
): CategoryRecord[] {
	const f: ParamTree = filter ?? {};
	const orderBy = given(f, 'orderBy') ? toStr(f.orderBy) : '+depth';
	checkEnum(orderBy, CATEGORY_ORDER_BY, 'orderBy', 'KalturaCategoryOrderBy');

	const rows: Row[] = tree.all().map((c) => ({
		c,
		fullName: tree.fullName(c),
		fullIds: tree.fullIds(c),
		depth: tree.depth(c),
		counts: counts.get(c.id) ?? { direct: 0, total: 0 },
	}));
	const checks: Array<(r: Row) => boolean> = [];
	const add = (key: string, fn: (v: ParamValue, r: Row) => boolean): void => {
		if (given(f, key)) checks.push((r) => fn(f[key], r));
	};
	const lower = (v: ParamValue): string => textKey(toStr(v));
	const lowerList = (v: ParamValue): string[] => list(v).map(textKey);

	add('idEqual', (v, r) => r.c.id === toInt(v));
	add('idIn', (v, r) => list(v).map(Number).includes(r.c.id));
	add('idNotIn', (v, r) => !list(v).map(Number).includes(r.c.id));
	add('parentIdEqual', (v, r) => r.c.parentId === toInt(v));
	add('parentIdIn', (v, r) => list(v).map(Number).includes(r.c.parentId));
	add('depthEqual', (v, r) => r.depth === toInt(v));
	add('fullNameEqual', (v, r) => textKey(r.fullName) === lower(v));
	add('fullNameIn', (v, r) => lowerList(v).includes(textKey(r.fullName)));
	add('fullNameStartsWith', (v, r) => textKey(r.fullName).startsWith(lower(v)));
	add('fullNameStartsWithIn', (v, r) => lowerList(v).some((p) => textKey(r.fullName).startsWith(p)));
	add('fullIdsEqual', (v, r) => r.fullIds === toStr(v));
	add('fullIdsStartsWith', (v, r) => r.fullIds.startsWith(toStr(v)));
	add('ancestorIdIn', (v, r) => {
		const ancestors = tree
			.path(r.c)
			.slice(0, -1)
			.map((a) => a.id);
		return list(v)
			.map(Number)
			.some((id) => ancestors.includes(id));
	});
	add('createdAtGreaterThanOrEqual', (v, r) => r.c.createdAt >= toTime(v, now));
	add('createdAtLessThanOrEqual', (v, r) => r.c.createdAt <= toTime(v, now));
	add('updatedAtGreaterThanOrEqual', (v, r) => r.c.updatedAt >= toTime(v, now));
	add('updatedAtLessThanOrEqual', (v, r) => r.c.updatedAt <= toTime(v, now));
	add('tagsLike', (v, r) => textKey(field(r.c, 'tags')).includes(lower(v)));
	add('tagsMultiLikeOr', (v, r) => list(v).some((t) => tagsContain(r.c, t)));
	add('tagsMultiLikeAnd', (v, r) => list(v).every((t) => tagsContain(r.c, t)));
	add('appearInListEqual', (v, r) => field(r.c, 'appearInList') === toStr(v));
	add('privacyEqual', (v, r) => field(r.c, 'privacy') === toStr(v));
	add('privacyIn', (v, r) => list(v).includes(field(r.c, 'privacy')));
	add('inheritanceTypeEqual', (v, r) => field(r.c, 'inheritanceType') === toStr(v));
	add('inheritanceTypeIn', (v, r) => list(v).includes(field(r.c, 'inheritanceType')));
	add('contributionPolicyEqual', (v, r) => field(r.c, 'contributionPolicy') === toStr(v));
	add('referenceIdEqual', (v, r) => textKey(field(r.c, 'referenceId')) === lower(v));
	add('referenceIdEmpty', (v, r) => (field(r.c, 'referenceId') === '') === (toInt(v) === 1));
	add('statusEqual', (v, r) => r.c.status === toInt(v));
	add('statusIn', (v, r) => list(v).map(Number).includes(r.c.status));
	add('inheritedParentIdEqual', (v, r) => tree.inheritedParentId(r.c) === toInt(v));
	add('inheritedParentIdIn', (v, r) =>
		list(v)
			.map(Number)
			.includes(tree.inheritedParentId(r.c) ?? NaN),
	);
	add('idOrInheritedParentIdIn', (v, r) =>
		list(v)
			.map(Number)
			.some((id) => id === r.c.id || id === tree.inheritedParentId(r.c)),
	);
	add('partnerSortValueGreaterThanOrEqual', (v, r) => Number(field(r.c, 'partnerSortValue')) >= toInt(v));
	add('partnerSortValueLessThanOrEqual', (v, r) => Number(field(r.c, 'partnerSortValue')) <= toInt(v));
	// '*' asks for categories with any privacy context (SphinxCategoryCriteria).
	add('privacyContextEqual', (v, r) => {
		const contexts = list(tree.privacyContexts(r.c)).map(textKey);
		return toStr(v) === '*' ? contexts.length > 0 : contexts.includes(lower(v));
	});
	if (given(f, 'freeText')) {
		const matches = freeTextMatcher(toStr(f.freeText), CATEGORY_TEXT_INDEX);
		checks.push((r) =>
			matches([String(r.c.id), r.c.name, field(r.c, 'tags'), field(r.c, 'description'), field(r.c, 'referenceId')]),
		);
	}
	if (given(f, 'nameOrReferenceIdStartsWith')) {
		const matches = nameOrReferenceIdStartsWith(toStr(f.nameOrReferenceIdStartsWith));
		checks.push((r) => matches(r.c));
	}

	const desc = orderBy.startsWith('-');
	const key = orderBy.slice(1);
	return rows
		.filter((r) => checks.every((check) => check(r)))
		.sort((a, b) => {
			const va = sortValue(a, key);
			const vb = sortValue(b, key);
			// Times are whole seconds: ties fall back to creation order, in the asked direction.
			const c = va < vb ? -1 : va > vb ? 1 : a.c.id - b.c.id;
			return desc ? -c : c;
		})
		.map((r) => r.c);
}
