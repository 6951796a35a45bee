/** Category record → KalturaCategory wire object, with the defaults a new Kaltura category has. */
import type { ApiObject } from '../api/types';
import type { CategoryRecord } from '../store/types';
import type { CategoryCounts } from './categoryEntries';
import { CategoryTree, INHERITANCE } from './categoryTree';

/** category::applyDefaultValues / setDefaultUnEntitlmenetCategory. */
export const CATEGORY_DEFAULTS = {
	/** KalturaAppearInListType.PARTNER_ONLY */
	appearInList: 1,
	/** KalturaPrivacyType.ALL */
	privacy: 1,
	inheritanceType: INHERITANCE.MANUAL,
	/** KalturaUserJoinPolicyType.NOT_ALLOWED */
	userJoinPolicy: 3,
	/** KalturaCategoryUserPermissionLevel.MEMBER */
	defaultPermissionLevel: 3,
	/** KalturaContributionPolicyType.ALL */
	contributionPolicy: 1,
	/** KalturaNullableBoolean.FALSE_VALUE */
	moderation: 0,
	partnerSortValue: 0,
} as const;

export function categoryToApi(c: CategoryRecord, tree: CategoryTree, counts: CategoryCounts | undefined): ApiObject {
	return {
		objectType: 'KalturaCategory',
		...CATEGORY_DEFAULTS,
		...c.fields,
		id: c.id,
		parentId: c.parentId,
		depth: tree.depth(c),
		partnerId: c.partnerId,
		name: c.name,
		fullName: tree.fullName(c),
		fullIds: tree.fullIds(c),
		entriesCount: counts?.total ?? 0,
		directEntriesCount: counts?.direct ?? 0,
		directSubCategoriesCount: tree.childrenOf(c.id).length,
		// The sandbox has no category members or entry moderation queue.
		membersCount: 0,
		pendingMembersCount: 0,
		pendingEntriesCount: 0,
		privacyContexts: tree.privacyContexts(c),
		inheritedParentId: tree.inheritedParentId(c),
		status: c.status,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
	};
}
