/**
 * KalturaBaseEntryFilter / KalturaMediaEntryFilter semantics, including the default
 * criteria of KalturaBaseEntryFilter::prepareEntriesCriteriaFilter: without idEqual and
 * without any status filter only READY entries are listed, and system/recycled entries
 * (displayInSearch -1/-2) are hidden unless the filter targets ids or display modes.
 */
import { present, toInt, toList, toStr, toTime } from '../api/args';
import type { ParamTree, ParamValue } from '../http/paramTree';
import type { EntryRecord } from '../store/types';
import { ENTRY_TEXT_INDEX, freeTextMatcher } from './freeText';

const STATUS_READY = 2;
const STATUS_DELETED = 3;

const list = toList;
const given = (f: ParamTree, k: string): boolean => present(f[k]);

function fieldStr(e: EntryRecord, k: string): string {
	const v = e.fields[k];
	return v === null || v === undefined ? '' : String(v);
}

function sortValue(e: EntryRecord, key: string): number | string {
	switch (key) {
		case 'createdAt':
			return e.createdAt;
		case 'updatedAt':
			return e.updatedAt;
		case 'name':
			return fieldStr(e, 'name').toLowerCase();
		case 'duration':
			return e.duration ?? 0;
		default:
			return Number(e.fields[key] ?? 0) || 0;
	}
}

/**
 * What `freeText` searches (entryFilter::FREE_TEXT_FIELDS): name, tags, description, entry id,
 * reference id and owner. Kaltura also searches the owner's display names and root entry ids,
 * which the sandbox does not have.
 */
function freeTextFields(e: EntryRecord): string[] {
	return [
		fieldStr(e, 'name'),
		fieldStr(e, 'tags'),
		fieldStr(e, 'description'),
		e.id,
		fieldStr(e, 'referenceId'),
		fieldStr(e, 'userId'),
	];
}

const SORTABLE = [
	'createdAt',
	'updatedAt',
	'name',
	'duration',
	'mediaType',
	'partnerSortValue',
	'startDate',
	'endDate',
];

export function filterEntries(entries: EntryRecord[], filter: ParamTree | null, now: number): EntryRecord[] {
	const f: ParamTree = filter ?? {};
	const byId = given(f, 'idEqual');
	const statusGiven = ['statusEqual', 'statusIn', 'statusNotEqual', 'statusNotIn'].some((k) => given(f, k));
	const showHidden =
		byId || ['idIn', 'parentEntryIdEqual', 'displayInSearchEqual', 'displayInSearchIn'].some((k) => given(f, k));
	// Deleted entries only appear when explicitly asked for by status.
	const explicitStatuses = [...list(f.statusIn), ...(given(f, 'statusEqual') ? [toStr(f.statusEqual)] : [])].map(
		Number,
	);

	const checks: Array<(e: EntryRecord) => boolean> = [];
	const add = (key: string, fn: (v: ParamValue, e: EntryRecord) => boolean): void => {
		if (given(f, key)) checks.push((e) => fn(f[key], e));
	};

	if (!byId && !statusGiven) checks.push((e) => e.status === STATUS_READY);
	checks.push((e) => e.status !== STATUS_DELETED || explicitStatuses.includes(STATUS_DELETED));
	if (!showHidden) checks.push((e) => Number(e.fields.displayInSearch ?? 1) >= 0);

	add('idEqual', (v, e) => e.id === toStr(v));
	add('idIn', (v, e) => list(v).includes(e.id));
	add('idNotIn', (v, e) => !list(v).includes(e.id));
	add('statusEqual', (v, e) => e.status === toInt(v));
	add('statusNotEqual', (v, e) => e.status !== toInt(v));
	add('statusIn', (v, e) => list(v).map(Number).includes(e.status));
	add('statusNotIn', (v, e) => !list(v).map(Number).includes(e.status));
	add('typeEqual', (v, e) => e.type === toStr(v));
	add('typeIn', (v, e) => list(v).includes(e.type));
	add('mediaTypeEqual', (v, e) => Number(e.fields.mediaType) === toInt(v));
	add('mediaTypeIn', (v, e) => list(v).map(Number).includes(Number(e.fields.mediaType)));
	add('sourceTypeEqual', (v, e) => fieldStr(e, 'sourceType') === toStr(v));
	add('referenceIdEqual', (v, e) => fieldStr(e, 'referenceId') === toStr(v));
	add('referenceIdIn', (v, e) => list(v).includes(fieldStr(e, 'referenceId')));
	add('nameEqual', (v, e) => fieldStr(e, 'name') === toStr(v));
	add('nameLike', (v, e) => fieldStr(e, 'name').toLowerCase().includes(toStr(v).toLowerCase()));
	add('nameMultiLikeOr', (v, e) => list(v).some((n) => fieldStr(e, 'name').toLowerCase().includes(n.toLowerCase())));
	add('userIdEqual', (v, e) => fieldStr(e, 'userId') === toStr(v));
	add('userIdIn', (v, e) => list(v).includes(fieldStr(e, 'userId')));
	add('tagsLike', (v, e) => fieldStr(e, 'tags').toLowerCase().includes(toStr(v).toLowerCase()));
	add('tagsMultiLikeOr', (v, e) => {
		const tags = list(fieldStr(e, 'tags')).map((t) => t.toLowerCase());
		return list(v).some((t) => tags.some((x) => x.includes(t.toLowerCase())));
	});
	add('categoriesIdsMatchOr', (v, e) => list(v).some((c) => list(fieldStr(e, 'categoriesIds')).includes(c)));
	add('parentEntryIdEqual', (v, e) => fieldStr(e, 'parentEntryId') === toStr(v));
	add('displayInSearchEqual', (v, e) => Number(e.fields.displayInSearch ?? 1) === toInt(v));
	if (given(f, 'freeText')) {
		const matches = freeTextMatcher(toStr(f.freeText), ENTRY_TEXT_INDEX);
		checks.push((e) => matches(freeTextFields(e)));
	}
	add('createdAtGreaterThanOrEqual', (v, e) => e.createdAt >= toTime(v, now));
	add('createdAtLessThanOrEqual', (v, e) => e.createdAt <= toTime(v, now));
	add('updatedAtGreaterThanOrEqual', (v, e) => e.updatedAt >= toTime(v, now));
	add('updatedAtLessThanOrEqual', (v, e) => e.updatedAt <= toTime(v, now));

	const matched = entries.filter((e) => checks.every((c) => c(e)));

	const orderBy = toStr(f.orderBy) || '-createdAt';
	const desc = orderBy.startsWith('-');
	const key = orderBy.replace(/^[+-]/, '');
	const sortKey = SORTABLE.includes(key) ? key : 'createdAt';
	const sortDesc = SORTABLE.includes(key) ? desc : true;
	return matched.sort((a, b) => {
		const va = sortValue(a, sortKey);
		const vb = sortValue(b, sortKey);
		const c = va < vb ? -1 : va > vb ? 1 : a.seq - b.seq;
		return sortDesc ? -c : c;
	});
}
