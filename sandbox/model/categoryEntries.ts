/**
 * Entries in categories. Kaltura keeps a categoryEntry row per link; the sandbox keeps an
 * entry's `categories` (full names) and `categoriesIds` as the client gave them and reads the
 * links from there: counts are worked out when asked for, and when a category is renamed,
 * moved or deleted the entries naming it are rewritten, as Kaltura's category jobs do.
 */
import type { CategoryRecord, EntryRecord, FieldValue } from '../store/types';
import { CategoryTree, textKey } from './categoryTree';

const ENTRY_DELETED = 3;

export interface CategoryCounts {
	/** Entries linked to the category itself. */
	direct: number;
	/** Distinct entries linked to the category or any category below it. */
	total: number;
}

const listOf = (v: FieldValue | undefined): string[] =>
	String(v ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');

/** Deleted entries and the hidden entries that carry a pending replacement are in no category. */
function linkable(e: EntryRecord): boolean {
	return e.status !== ENTRY_DELETED && e.replacedEntryId === null;
}

/** Ids of the live categories an entry names, by full name (any case or accents) or by id. */
function linkedCategoryIds(e: EntryRecord, tree: CategoryTree, idsByFullName: Map<string, number>): Set<number> {
	const ids = new Set<number>();
	for (const name of listOf(e.fields.categories)) {
		const id = idsByFullName.get(textKey(name));
		if (id !== undefined) ids.add(id);
	}
	for (const raw of listOf(e.fields.categoriesIds)) {
		const id = Number(raw);
		if (tree.get(id)) ids.add(id);
	}
	return ids;
}

export function categoryCounts(tree: CategoryTree, entries: Iterable<EntryRecord>): Map<number, CategoryCounts> {
	const idsByFullName = new Map(tree.all().map((c) => [textKey(tree.fullName(c)), c.id]));
	const direct = new Map<number, number>();
	const withBelow = new Map<number, Set<string>>();
	for (const e of entries) {
		if (!linkable(e)) continue;
		for (const id of linkedCategoryIds(e, tree, idsByFullName)) {
			direct.set(id, (direct.get(id) ?? 0) + 1);
			for (const c of tree.path(tree.get(id)!)) {
				const set = withBelow.get(c.id) ?? new Set<string>();
				set.add(e.id);
				withBelow.set(c.id, set);
			}
		}
	}
	const counts = new Map<number, CategoryCounts>();
	for (const c of tree.all())
		counts.set(c.id, { direct: direct.get(c.id) ?? 0, total: withBelow.get(c.id)?.size ?? 0 });
	return counts;
}

/**
 * How entry links change: a category's old full name (its textKey) or id maps to
 * the new full name and id, or to null when the link goes away.
 */
export interface Relink {
	names: Map<string, string | null>;
	ids: Map<string, string | null>;
}

/** Full names and ids of a category and everything below it, before a change. */
export function subtreeNames(tree: CategoryTree, c: CategoryRecord): Array<{ id: number; fullName: string }> {
	return [c, ...tree.descendants(c)].map((x) => ({ id: x.id, fullName: tree.fullName(x) }));
}

function rewrite(values: string[], map: Map<string, string | null>, key: (v: string) => string): string[] | null {
	let changed = false;
	const out: string[] = [];
	for (const v of values) {
		const mapped = map.get(key(v));
		if (mapped === undefined) {
			if (!out.includes(v)) out.push(v);
			continue;
		}
		changed = true;
		if (mapped !== null && !out.includes(mapped)) out.push(mapped);
	}
	return changed ? out : null;
}

/** Applies a relink to every entry that names an affected category; returns how many changed. */
export function relinkEntries(entries: Iterable<EntryRecord>, relink: Relink, now: number): number {
	let changedEntries = 0;
	for (const e of entries) {
		if (e.status === ENTRY_DELETED) continue;
		const names = rewrite(listOf(e.fields.categories), relink.names, textKey);
		const ids = rewrite(listOf(e.fields.categoriesIds), relink.ids, (v) => v);
		if (names === null && ids === null) continue;
		if (names !== null) e.fields.categories = names.length > 0 ? names.join(',') : null;
		if (ids !== null) e.fields.categoriesIds = ids.length > 0 ? ids.join(',') : null;
		e.updatedAt = now;
		changedEntries++;
	}
	return changedEntries;
}
