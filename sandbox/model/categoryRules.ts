/**
 * KalturaCategory's validation (validateForInsert / validateForUpdate / validateCategory) and
 * CategoryService's privacy-context check, in Kaltura's order, so the same bad input gets the
 * same first error. The sandbox partner is taken to have the category entitlement features,
 * so the entitlement fields are accepted wherever a privacy context allows them.
 */
import { apiError } from '../api/errors';
import type { CategoryRecord, FieldValue } from '../store/types';
import { CategoryTree, INHERITANCE } from './categoryTree';
import { CATEGORY_DEFAULTS } from './categoryView';

/** categoryPeer::MAX_CATEGORY_NAME (bytes, as PHP's strlen counts). */
export const MAX_CATEGORY_NAME = 60;

/** kuser::PUSER_ID_REGEXP */
const USER_ID = /^[A-Za-z0-9,!#$%&'*+?^_`{|}~.@-]{1,320}$/;

/** Entitlement fields that only a category under a privacy context may change from the default. */
const ENTITLEMENT_FIELDS: ReadonlyArray<{ field: string; dflt: number | null; error: string }> = [
	{
		field: 'appearInList',
		dflt: CATEGORY_DEFAULTS.appearInList,
		error: 'CANNOT_SET_APPEAR_IN_LIST_FIELD_WITH_NO_PRIVACY_CONTEXT',
	},
	{
		field: 'inheritanceType',
		dflt: CATEGORY_DEFAULTS.inheritanceType,
		error: 'CANNOT_SET_INHERITANCE_TYPE_FIELD_WITH_NO_PRIVACY_CONTEXT',
	},
	{ field: 'privacy', dflt: CATEGORY_DEFAULTS.privacy, error: 'CANNOT_SET_PRIVACY_FIELD_WITH_NO_PRIVACY_CONTEXT' },
	{ field: 'owner', dflt: null, error: 'CANNOT_SET_OWNER_FIELD_WITH_NO_PRIVACY_CONTEXT' },
	{
		field: 'contributionPolicy',
		dflt: CATEGORY_DEFAULTS.contributionPolicy,
		error: 'CANNOT_SET_CONTIRUBUTION_POLICY_FIELD_WITH_NO_PRIVACY_CONTEXT',
	},
	{
		field: 'defaultPermissionLevel',
		dflt: CATEGORY_DEFAULTS.defaultPermissionLevel,
		error: 'CANNOT_SET_DEFAULT_PERMISSION_LEVEL_FIELD_WITH_NO_PRIVACY_CONTEXT',
	},
];

/** The fields reset to their defaults when a category ends up without any privacy context. */
export const ENTITLEMENT_FIELD_NAMES = ENTITLEMENT_FIELDS.map((f) => f.field);

const isSet = (v: FieldValue | undefined): v is string | number => v !== undefined && v !== null;
/** PHP's `$value != null`: 0 and '' count as not set there. */
const phpSet = (v: FieldValue | undefined): boolean => isSet(v) && v !== 0 && v !== '';

/** CategoryService::validatePrivacyContexts: letters and digits, at least four of them, per context. */
export function checkPrivacyContext(value: FieldValue | undefined): void {
	if (!isSet(value) || value === '') return;
	for (const context of String(value).split(',')) {
		if (!/^[a-zA-Z\d]+$/.test(context) || context.length < 4)
			throw apiError('PRIVACY_CONTEXT_INVALID_STRING', { CONTEXT: context });
	}
}

function checkName(name: FieldValue | undefined): void {
	if (!isSet(name)) throw apiError('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: 'KalturaCategory::name' });
	const bytes = Buffer.byteLength(String(name));
	if (bytes < 1) throw apiError('PROPERTY_VALIDATION_MIN_LENGTH', { PROP_NAME: 'KalturaCategory::name', MIN_LEN: 1 });
	if (bytes > MAX_CATEGORY_NAME)
		throw apiError('PROPERTY_VALIDATION_MAX_LENGTH', {
			PROP_NAME: 'KalturaCategory::name',
			MAX_LEN: MAX_CATEGORY_NAME,
		});
}

/** KalturaCategory::toObject trims the name; categoryPeer::getParsedName replaces the characters full names use. */
export function storedName(name: string): string {
	return name.trim().replace(/[<>,]/g, '_');
}

function checkParentExists(tree: CategoryTree, parentId: number): void {
	if (parentId !== 0 && !tree.get(parentId)) throw apiError('PARENT_CATEGORY_NOT_FOUND', { ID: parentId });
}

/** KalturaCategory::validateCategory. `source` is the stored category on update. */
function checkEntitlement(input: Record<string, FieldValue>, tree: CategoryTree, source: CategoryRecord | null): void {
	const hasOwnContext = isSet(input.privacyContext) && input.privacyContext !== '';
	if (!hasOwnContext && (!source || tree.privacyContexts(source) === '')) {
		let inheritsContext = false;
		if (phpSet(input.parentId)) {
			const parent = tree.get(Number(input.parentId));
			// Kaltura looks the parent up here first, so a missing one is CATEGORY_NOT_FOUND.
			if (!parent) throw apiError('CATEGORY_NOT_FOUND', { ID: Number(input.parentId) });
			inheritsContext = tree.privacyContexts(parent) !== '';
		}
		if (!inheritsContext) {
			for (const { field, dflt, error } of ENTITLEMENT_FIELDS) {
				if (isSet(input[field]) && input[field] !== dflt) throw apiError(error);
			}
		}
	}
	const inherits = isSet(input.inheritanceType)
		? Number(input.inheritanceType) === INHERITANCE.INHERIT
		: Number(source?.fields.inheritanceType ?? INHERITANCE.MANUAL) === INHERITANCE.INHERIT;
	if (inherits) {
		if (phpSet(input.owner) && (!source || input.owner !== source.fields.owner))
			throw apiError('CANNOT_SET_OWNER_WHEN_CATEGORY_INHERIT_MEMBERS');
		if (
			phpSet(input.defaultPermissionLevel) &&
			(!source ||
				Number(input.defaultPermissionLevel) !==
					Number(source.fields.defaultPermissionLevel ?? CATEGORY_DEFAULTS.defaultPermissionLevel))
		) {
			throw apiError('CANNOT_SET_DEFAULT_PERMISSION_LEVEL_WHEN_CATEGORY_INHERIT_MEMBERS');
		}
	}
	if (phpSet(input.owner) && !USER_ID.test(String(input.owner)))
		throw apiError('CANNOT_SET_OWNER_FIELD_WITH_USER_ID', { ID: String(input.owner) });
}

export function validateForInsert(input: Record<string, FieldValue>, tree: CategoryTree): void {
	checkName(input.name);
	checkEntitlement(input, tree, null);
	if (isSet(input.parentId)) checkParentExists(tree, Number(input.parentId));
	else if (Number(input.inheritanceType) === INHERITANCE.INHERIT)
		throw apiError('CANNOT_INHERIT_MEMBERS_WHEN_PARENT_CATEGORY_IS_NOT_SET');
}

/** `input.parentId === null` means the client cleared it (`parentId__null`). */
export function validateForUpdate(input: Record<string, FieldValue>, tree: CategoryTree, source: CategoryRecord): void {
	if (input.name !== undefined) checkName(input.name);
	if (isSet(input.parentId)) checkParentExists(tree, Number(input.parentId));
	else if (
		Number(input.inheritanceType) === INHERITANCE.INHERIT &&
		(input.parentId === null || source.parentId === 0)
	) {
		throw apiError('CANNOT_INHERIT_MEMBERS_WHEN_PARENT_CATEGORY_IS_NOT_SET');
	}
	checkEntitlement(input, tree, source);
}

/** category::validateParentIdIsNotChild, run when the parent is set. */
export function checkNotOwnDescendant(tree: CategoryTree, c: CategoryRecord, parentId: number): void {
	if (parentId === 0) return;
	if (parentId === c.id || tree.descendants(c).some((d) => d.id === parentId)) {
		throw apiError('PARENT_CATEGORY_IS_CHILD', { PARENT_CATEGORY: parentId, OTHER_CATEGORY: c.id });
	}
}
