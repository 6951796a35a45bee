/**
 * The category tree every sandbox partner starts with, so that a fresh sandbox (`npm start`)
 * offers categories to pick. The shape is what a typical Kaltura account holds: a MediaSpace
 * tree (whose root carries MediaSpace's privacy context) next to plain top-level categories.
 */
import type { PartnerSeeder } from '../store/store';
import type { CategoryRecord, FieldValue } from '../store/types';
import { CATEGORY_SEPARATOR, CATEGORY_STATUS } from './categoryTree';

interface SeedCategory {
	fullName: string;
	fields?: Record<string, FieldValue>;
}

export const SEED_CATEGORIES: readonly SeedCategory[] = [
	{ fullName: 'MediaSpace', fields: { privacyContext: 'MediaSpace' } },
	{ fullName: 'MediaSpace>site' },
	{ fullName: 'MediaSpace>site>galleries' },
	{
		fullName: 'MediaSpace>site>galleries>Training',
		fields: { description: 'Courses and how-to videos', tags: 'training,how-to' },
	},
	{ fullName: 'MediaSpace>site>channels' },
	{ fullName: 'Marketing', fields: { description: 'Campaigns, launches and brand videos' } },
	{ fullName: 'Marketing>Webinars', fields: { tags: 'webinar', referenceId: 'mkt-webinars' } },
	{ fullName: 'Archive', fields: { description: 'Retired content kept for reference' } },
];

/** Parents come before their children in SEED_CATEGORIES, so one pass builds the tree. */
export const seedCategories: PartnerSeeder = (partnerId, data, nextCategoryId) => {
	const now = Math.floor(Date.now() / 1000);
	const idsByFullName = new Map<string, number>();
	for (const seed of SEED_CATEGORIES) {
		const names = seed.fullName.split(CATEGORY_SEPARATOR);
		const parentFullName = names.slice(0, -1).join(CATEGORY_SEPARATOR);
		const category: CategoryRecord = {
			id: nextCategoryId(),
			partnerId,
			parentId: parentFullName === '' ? 0 : idsByFullName.get(parentFullName)!,
			name: names[names.length - 1],
			status: CATEGORY_STATUS.ACTIVE,
			createdAt: now,
			updatedAt: now,
			deletedAt: null,
			fields: { ...seed.fields },
		};
		idsByFullName.set(seed.fullName, category.id);
		data.categories[String(category.id)] = category;
	}
};
