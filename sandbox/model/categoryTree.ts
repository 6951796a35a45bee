/**
 * A partner's live categories as a tree. Kaltura stores fullName, fullIds, depth and the
 * privacy contexts on every category and re-indexes descendants when a parent changes; the
 * sandbox derives them from the parent chain instead, which gives the same answers.
 */
import type { CategoryRecord, PartnerData } from '../store/types';
import { foldText } from './freeText';

/** KalturaCategoryStatus */
export const CATEGORY_STATUS = { UPDATING: 1, ACTIVE: 2, DELETED: 3, PURGED: 4 } as const;
/** categoryPeer::CATEGORY_SEPARATOR */
export const CATEGORY_SEPARATOR = '>';
/** KalturaInheritanceType */
export const INHERITANCE = { INHERIT: 1, MANUAL: 2 } as const;

/** What category texts (full names, reference ids, tags) are compared by: case and accents folded. */
export function textKey(text: string): string {
	return foldText(text);
}

export function isLive(c: CategoryRecord): boolean {
	return c.status !== CATEGORY_STATUS.DELETED && c.status !== CATEGORY_STATUS.PURGED;
}

export class CategoryTree {
	private readonly byId = new Map<number, CategoryRecord>();
	private readonly children = new Map<number, CategoryRecord[]>();

	constructor(partner: PartnerData) {
		for (const c of Object.values(partner.categories)) {
			if (!isLive(c)) continue;
			this.byId.set(c.id, c);
			const siblings = this.children.get(c.parentId) ?? [];
			siblings.push(c);
			this.children.set(c.parentId, siblings);
		}
	}

	get(id: number): CategoryRecord | undefined {
		return this.byId.get(id);
	}

	all(): CategoryRecord[] {
		return [...this.byId.values()];
	}

	childrenOf(id: number): CategoryRecord[] {
		return this.children.get(id) ?? [];
	}

	/** From the top-level ancestor down to the category itself. */
	path(c: CategoryRecord): CategoryRecord[] {
		const chain: CategoryRecord[] = [c];
		let parent = this.byId.get(c.parentId);
		while (parent && chain.length <= this.byId.size) {
			chain.unshift(parent);
			parent = this.byId.get(parent.parentId);
		}
		return chain;
	}

	fullName(c: CategoryRecord): string {
		return this.path(c)
			.map((p) => p.name)
			.join(CATEGORY_SEPARATOR);
	}

	fullIds(c: CategoryRecord): string {
		return this.path(c)
			.map((p) => p.id)
			.join(CATEGORY_SEPARATOR);
	}

	depth(c: CategoryRecord): number {
		return this.path(c).length - 1;
	}

	/** Every category below this one, not the category itself. */
	descendants(c: CategoryRecord): CategoryRecord[] {
		const out: CategoryRecord[] = [];
		const pending = [...this.childrenOf(c.id)];
		while (pending.length > 0) {
			const next = pending.shift()!;
			out.push(next);
			pending.push(...this.childrenOf(next.id));
		}
		return out;
	}

	/** Full names are unique per partner regardless of case and accents, as Kaltura's search index compares them. */
	findByFullName(fullName: string): CategoryRecord | undefined {
		const wanted = textKey(fullName);
		return this.all().find((c) => textKey(this.fullName(c)) === wanted);
	}

	/** The privacy contexts set on the category and its ancestors, comma-separated ('' when none). */
	privacyContexts(c: CategoryRecord): string {
		const contexts: string[] = [];
		for (const p of this.path(c)) {
			for (const context of String(p.fields.privacyContext ?? '').split(',')) {
				const trimmed = context.trim();
				if (trimmed !== '' && !contexts.includes(trimmed)) contexts.push(trimmed);
			}
		}
		return contexts.join(',');
	}

	/** category::reSetInheritedParentId: the nearest ancestor that manages its own members. */
	inheritedParentId(c: CategoryRecord): number | null {
		if (Number(c.fields.inheritanceType ?? INHERITANCE.MANUAL) !== INHERITANCE.INHERIT) return null;
		const path = this.path(c);
		for (let i = path.length - 1; i > 0; i--) {
			if (Number(path[i].fields.inheritanceType ?? INHERITANCE.MANUAL) !== INHERITANCE.INHERIT) return path[i].id;
		}
		return path[0].id;
	}
}
