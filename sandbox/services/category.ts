/**
 * category service (Kaltura's CategoryService): add, get, update, delete and list on the
 * partner's category tree. Kaltura has no category.count. Deleting a category deletes the
 * categories below it too and, by default, moves their entries up to its parent.
 */
import { checkEnum } from '../api/args';
import { apiError } from '../api/errors';
import { paginate } from '../api/pager';
import { listResponse, type ActionContext, type ApiObject, type ServiceDef } from '../api/types';
import { categoryCounts, relinkEntries, subtreeNames, type Relink } from '../model/categoryEntries';
import { CATEGORY_ORDER_BY, filterCategories } from '../model/categoryFilter';
import {
	checkNotOwnDescendant,
	checkPrivacyContext,
	ENTITLEMENT_FIELD_NAMES,
	storedName,
	validateForInsert,
	validateForUpdate,
} from '../model/categoryRules';
import { CATEGORY_SEPARATOR, CATEGORY_STATUS, CategoryTree, textKey, INHERITANCE } from '../model/categoryTree';
import { categoryToApi } from '../model/categoryView';
import { NULLABLE_BOOLEAN, readObject, type Schema } from '../model/schema';
import type { CategoryRecord, FieldValue, PartnerData } from '../store/types';

/** Partner::MAX_NUMBER_OF_CATEGORIES: what category.list returns when no pager is sent. */
const LIST_SIZE_WITHOUT_PAGER = 1500;

const rw = (
	type: 'string' | 'int',
	enumName?: string,
	enumValues?: ReadonlyArray<number | string>,
): Schema[string] => ({
	type,
	access: 'rw',
	enumName,
	enumValues,
});
const ro = (type: 'string' | 'int' | 'time'): Schema[string] => ({ type, access: 'ro' });

/** KalturaCategory as the client may send it (name, parentId and the rest of `fields`). */
const SCHEMA: Schema = {
	id: ro('int'),
	parentId: rw('int'),
	depth: ro('int'),
	partnerId: ro('int'),
	name: rw('string'),
	fullName: ro('string'),
	fullIds: ro('string'),
	entriesCount: ro('int'),
	createdAt: ro('time'),
	updatedAt: ro('time'),
	description: rw('string'),
	tags: rw('string'),
	appearInList: rw('int', 'KalturaAppearInListType', [1, 3]),
	privacy: rw('int', 'KalturaPrivacyType', [1, 2, 3]),
	inheritanceType: rw('int', 'KalturaInheritanceType', [INHERITANCE.INHERIT, INHERITANCE.MANUAL]),
	userJoinPolicy: ro('int'),
	defaultPermissionLevel: rw('int', 'KalturaCategoryUserPermissionLevel', [0, 1, 2, 3, 4]),
	owner: rw('string'),
	directEntriesCount: ro('int'),
	referenceId: rw('string'),
	contributionPolicy: rw('int', 'KalturaContributionPolicyType', [1, 2]),
	membersCount: ro('int'),
	pendingMembersCount: ro('int'),
	privacyContext: rw('string'),
	privacyContexts: ro('string'),
	status: ro('int'),
	inheritedParentId: ro('int'),
	partnerSortValue: rw('int'),
	partnerData: rw('string'),
	defaultOrderBy: rw('string', 'KalturaCategoryOrderBy', CATEGORY_ORDER_BY),
	moderation: rw('int', 'KalturaNullableBoolean', NULLABLE_BOOLEAN),
	pendingEntriesCount: ro('int'),
	adminTags: rw('string'),
};

function partnerOf(ctx: ActionContext): PartnerData {
	return ctx.rt.store.partner(ctx.partnerId);
}

function findCategory(tree: CategoryTree, id: number): CategoryRecord {
	const c = tree.get(id);
	if (!c) throw apiError('CATEGORY_NOT_FOUND', { ID: id });
	return c;
}

/** The request's KalturaCategory; an empty owner means none, as in CategoryService. */
function readCategory(ctx: ActionContext, mode: 'insert' | 'update'): Record<string, FieldValue> {
	const input = readObject(ctx.args.obj('category', true)!, SCHEMA, 'KalturaCategory', mode, ctx.rt.now());
	if (input.owner === '') delete input.owner;
	checkPrivacyContext(input.privacyContext);
	return input;
}

/** Refuses a full name (parent's full name > name) that another live category has, in any case or accents. */
function assertFreeFullName(tree: CategoryTree, parentId: number, name: string, self: CategoryRecord | null): void {
	const parent = tree.get(parentId);
	const fullName = parent ? `${tree.fullName(parent)}${CATEGORY_SEPARATOR}${name}` : name;
	const existing = tree.findByFullName(fullName);
	if (existing && existing !== self) throw apiError('DUPLICATE_CATEGORY', { CATEGORY: fullName });
}

/** category::save: without any privacy context the entitlement fields go back to their defaults. */
function resetEntitlementWithoutContext(tree: CategoryTree, c: CategoryRecord): void {
	if (tree.privacyContexts(c) !== '') return;
	for (const field of ENTITLEMENT_FIELD_NAMES) delete c.fields[field];
}

function toApi(ctx: ActionContext, c: CategoryRecord): ApiObject {
	const partner = partnerOf(ctx);
	const tree = new CategoryTree(partner);
	return categoryToApi(c, tree, categoryCounts(tree, Object.values(partner.entries)).get(c.id));
}

function add(ctx: ActionContext): unknown {
	const partner = partnerOf(ctx);
	const tree = new CategoryTree(partner);
	const input = readCategory(ctx, 'insert');
	validateForInsert(input, tree);
	const { name, parentId, ...fields } = input;
	const parentIdOrTop = Number(parentId ?? 0);
	const storedAs = storedName(String(name));
	assertFreeFullName(tree, parentIdOrTop, storedAs, null);
	const now = ctx.rt.now();
	const c: CategoryRecord = {
		id: ctx.rt.store.nextCategoryId(),
		partnerId: ctx.partnerId,
		parentId: parentIdOrTop,
		name: storedAs,
		status: CATEGORY_STATUS.ACTIVE,
		createdAt: now,
		updatedAt: now,
		deletedAt: null,
		fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)),
	};
	partner.categories[String(c.id)] = c;
	const withNew = new CategoryTree(partner);
	// KalturaCategory::toInsertableObject: under a privacy context the creator owns the category.
	const userId = ctx.session?.userId ?? '';
	const inherits = Number(c.fields.inheritanceType) === INHERITANCE.INHERIT;
	if (withNew.privacyContexts(c) !== '' && c.fields.owner === undefined && !inherits && userId !== '')
		c.fields.owner = userId;
	resetEntitlementWithoutContext(withNew, c);
	ctx.rt.store.changed();
	return toApi(ctx, c);
}

function update(ctx: ActionContext): unknown {
	const partner = partnerOf(ctx);
	const tree = new CategoryTree(partner);
	const c = findCategory(tree, ctx.args.int('id'));
	const input = readCategory(ctx, 'update');
	validateForUpdate(input, tree, c);
	const { name, parentId, ...fields } = input;
	// `parentId__null` moves the category to the top level.
	const newParentId = parentId === undefined ? c.parentId : Number(parentId ?? 0);
	const newName = name === undefined || name === null ? c.name : storedName(String(name));
	checkNotOwnDescendant(tree, c, newParentId);
	assertFreeFullName(tree, newParentId, newName, c);

	const before = subtreeNames(tree, c);
	c.parentId = newParentId;
	c.name = newName;
	for (const [k, v] of Object.entries(fields)) {
		if (v === null) delete c.fields[k];
		else c.fields[k] = v;
	}
	const after = new CategoryTree(partner);
	resetEntitlementWithoutContext(after, c);
	const now = ctx.rt.now();
	c.updatedAt = now;
	// Entries that name the category or one below it follow the new full names.
	const renamed: Relink = { names: new Map(), ids: new Map() };
	for (const { id, fullName } of before) {
		const fullNameNow = after.fullName(after.get(id)!);
		if (fullNameNow !== fullName) renamed.names.set(textKey(fullName), fullNameNow);
	}
	if (renamed.names.size > 0) relinkEntries(Object.values(partner.entries), renamed, now);
	ctx.rt.store.changed();
	return toApi(ctx, c);
}

function remove(ctx: ActionContext): null {
	const partner = partnerOf(ctx);
	const tree = new CategoryTree(partner);
	const moveEntries = ctx.args.optInt('moveEntriesToParentCategory') ?? 1;
	checkEnum(moveEntries, NULLABLE_BOOLEAN, 'moveEntriesToParentCategory', 'KalturaNullableBoolean');
	const c = findCategory(tree, ctx.args.int('id'));
	const parent = tree.get(c.parentId);
	// Entries of the whole subtree move to the parent, or lose the link at the top level.
	const target = moveEntries !== 0 && parent ? { fullName: tree.fullName(parent), id: String(parent.id) } : null;
	const relink: Relink = { names: new Map(), ids: new Map() };
	const now = ctx.rt.now();
	for (const { id, fullName } of subtreeNames(tree, c)) {
		relink.names.set(textKey(fullName), target?.fullName ?? null);
		relink.ids.set(String(id), target?.id ?? null);
		const doomed = tree.get(id)!;
		doomed.status = CATEGORY_STATUS.DELETED;
		doomed.deletedAt = now;
		doomed.updatedAt = now;
	}
	relinkEntries(Object.values(partner.entries), relink, now);
	ctx.rt.store.changed();
	return null;
}

export const categoryService: ServiceDef = {
	id: 'category',
	actions: {
		add: { access: 'admin', run: add },
		get: {
			access: 'user',
			widget: true,
			run: (ctx) => toApi(ctx, findCategory(new CategoryTree(partnerOf(ctx)), ctx.args.int('id'))),
		},
		update: { access: 'admin', run: update },
		delete: { access: 'admin', run: remove },
		list: {
			access: 'user',
			widget: true,
			run(ctx) {
				const partner = partnerOf(ctx);
				const tree = new CategoryTree(partner);
				const counts = categoryCounts(tree, Object.values(partner.entries));
				const found = filterCategories(tree, counts, ctx.args.obj('filter'), ctx.rt.now());
				const page = paginate(found, ctx.args.obj('pager'), LIST_SIZE_WITHOUT_PAGER);
				return listResponse(
					'KalturaCategoryListResponse',
					page.map((c) => categoryToApi(c, tree, counts.get(c.id))),
					found.length,
				);
			},
		},
	},
};
