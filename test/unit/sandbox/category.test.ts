/**
 * The sandbox's category service, on the wire: the seeded tree, add / get / update / delete /
 * list with Kaltura's errors, filters and orders, entry counts, persistence.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';

interface Category {
	objectType: string;
	id: number;
	parentId: number;
	depth: number;
	partnerId: number;
	name: string;
	fullName: string;
	fullIds: string;
	entriesCount: number;
	directEntriesCount: number;
	directSubCategoriesCount: number;
	appearInList: number;
	privacy: number;
	inheritanceType: number;
	contributionPolicy: number;
	defaultPermissionLevel: number;
	status: number;
	privacyContext?: string;
	privacyContexts: string;
	owner?: string;
	referenceId?: string;
	createdAt: number;
	updatedAt: number;
}
interface ApiError {
	objectType: 'KalturaAPIException';
	code: string;
	message: string;
	args: Record<string, string> | [];
}
interface ListResponse {
	objectType: string;
	objects: Category[];
	totalCount: number;
}
interface Entry {
	id: string;
	categories?: string;
	categoriesIds?: string;
}

/** The seeded tree as category.list returns it by default: by depth, then by id (creation order). */
const SEEDED = [
	'MediaSpace',
	'Marketing',
	'Archive',
	'MediaSpace>site',
	'Marketing>Webinars',
	'MediaSpace>site>galleries',
	'MediaSpace>site>channels',
	'MediaSpace>site>galleries>Training',
];

let sandbox: Sandbox;
let ks: string;

const call = async <T>(action: string, params: Record<string, unknown>): Promise<T> =>
	(await apiCall(sandbox.url, 'category', action, { ks, ...params })) as T;

const add = (fields: Record<string, unknown>): Promise<Category & ApiError> =>
	call('add', { category: { objectType: 'KalturaCategory', ...fields } });

const list = (
	filter: Record<string, unknown> = {},
	pager?: Record<string, unknown>,
): Promise<ListResponse & ApiError> =>
	call('list', {
		filter: { objectType: 'KalturaCategoryFilter', ...filter },
		...(pager ? { pager: { objectType: 'KalturaFilterPager', ...pager } } : {}),
	});

const fullNames = (r: ListResponse): string[] => r.objects.map((c) => c.fullName);

async function byFullName(fullName: string): Promise<Category> {
	const found = await list({ fullNameEqual: fullName });
	expect(found.totalCount).toBe(1);
	return found.objects[0];
}

async function addEntry(fields: Record<string, unknown>): Promise<Entry> {
	return (await apiCall(sandbox.url, 'media', 'add', {
		ks,
		entry: { objectType: 'KalturaMediaEntry', name: 'In a category', mediaType: 1, ...fields },
	})) as Entry;
}

async function getEntry(entryId: string): Promise<Entry> {
	return (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as Entry;
}

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});

beforeEach(async () => {
	await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
});

afterAll(async () => {
	await sandbox.close();
});

describe('the seeded tree', () => {
	it('is there for every partner, listed by depth, with Kaltura defaults', async () => {
		const all = await list();
		expect(all.objectType).toBe('KalturaCategoryListResponse');
		expect(all.totalCount).toBe(SEEDED.length);
		expect(fullNames(all)).toEqual(SEEDED);
		const training = all.objects.find((c) => c.name === 'Training')!;
		const galleries = all.objects.find((c) => c.name === 'galleries')!;
		expect(training).toMatchObject({
			objectType: 'KalturaCategory',
			parentId: galleries.id,
			depth: 3,
			partnerId: sandbox.partnerId,
			fullName: 'MediaSpace>site>galleries>Training',
			status: 2,
			appearInList: 1,
			privacy: 1,
			inheritanceType: 2,
			contributionPolicy: 1,
			defaultPermissionLevel: 3,
			entriesCount: 0,
			directSubCategoriesCount: 0,
			privacyContexts: 'MediaSpace',
		});
		expect(Number.isInteger(training.id)).toBe(true);
		expect(training.fullIds.split('>').map(Number)).toEqual([
			all.objects.find((c) => c.name === 'MediaSpace')!.id,
			all.objects.find((c) => c.name === 'site')!.id,
			galleries.id,
			training.id,
		]);
		expect(all.objects.find((c) => c.name === 'site')!.directSubCategoriesCount).toBe(2);
	});

	it('survives a restart and is planted in state saved before categories existed', async () => {
		const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sandbox-categories-'));
		/** Runs against a sandbox on `dir`, closing it whatever happens. */
		const withSandbox = async (use: (url: string, ks: string) => Promise<void>): Promise<void> => {
			const s = await startSandbox({ dataDir: dir });
			try {
				await use(s.url, await adminKs(s.url, s.partnerId, s.adminSecret));
			} finally {
				await s.close();
			}
		};
		const listAt = async (url: string, listKs: string): Promise<string[]> =>
			fullNames((await apiCall(url, 'category', 'list', { ks: listKs })) as ListResponse);
		try {
			await withSandbox(async (url, k) => {
				await apiCall(url, 'category', 'add', { ks: k, category: { objectType: 'KalturaCategory', name: 'Kept' } });
			});
			await withSandbox(async (url, k) => {
				expect(await listAt(url, k)).toEqual([...SEEDED.slice(0, 3), 'Kept', ...SEEDED.slice(3)]);
			});
			const file = path.join(dir, 'state.json');
			const state = JSON.parse(await fsp.readFile(file, 'utf8')) as {
				partners: Record<string, { categories?: unknown }>;
			};
			for (const p of Object.values(state.partners)) delete p.categories;
			await fsp.writeFile(file, JSON.stringify(state));
			await withSandbox(async (url, k) => {
				expect(await listAt(url, k)).toEqual(SEEDED);
			});
		} finally {
			await fsp.rm(dir, { recursive: true, force: true });
		}
	});
});

describe('add and get', () => {
	it('builds full names, full ids and depth from the parent', async () => {
		const webinars = await byFullName('Marketing>Webinars');
		const added = await add({
			name: '  Q3 <launch>, EMEA ',
			parentId: webinars.id,
			description: 'Launch webinars',
			tags: 'launch',
			referenceId: 'ext-7',
		});
		expect(added).toMatchObject({
			name: 'Q3 _launch__ EMEA',
			fullName: 'Marketing>Webinars>Q3 _launch__ EMEA',
			fullIds: `${webinars.fullIds}>${added.id}`,
			depth: 2,
			parentId: webinars.id,
			description: 'Launch webinars',
			referenceId: 'ext-7',
		});
		expect(await call('get', { id: added.id })).toEqual(added);
		const top = await add({ name: 'Sales' });
		expect(top).toMatchObject({
			parentId: 0,
			depth: 0,
			fullName: 'Sales',
			fullIds: String(top.id),
			privacyContexts: '',
		});
	});

	it('refuses a second category of the same full name, in any case or accents, but not under another parent', async () => {
		const marketing = await byFullName('Marketing');
		expect(await add({ name: 'webinars', parentId: marketing.id })).toMatchObject({
			code: 'DUPLICATE_CATEGORY',
			message: 'The category "Marketing>webinars" already exists',
			args: { CATEGORY: 'Marketing>webinars' },
		});
		expect(await add({ name: 'Árchive' })).toMatchObject({ code: 'DUPLICATE_CATEGORY', args: { CATEGORY: 'Árchive' } });
		expect(await add({ name: 'Webinars' })).toMatchObject({ fullName: 'Webinars' });
	});

	it("answers Kaltura's errors for a bad name, parent, field or id", async () => {
		expect(await add({ description: 'no name' })).toMatchObject({
			code: 'PROPERTY_VALIDATION_CANNOT_BE_NULL',
			args: { PROP_NAME: 'KalturaCategory::name' },
		});
		expect(await add({ name: '' })).toMatchObject({ code: 'PROPERTY_VALIDATION_MIN_LENGTH' });
		expect(await add({ name: 'x'.repeat(61) })).toMatchObject({
			code: 'PROPERTY_VALIDATION_MAX_LENGTH',
			message: 'The property "KalturaCategory::name" cannot have more than 60 characters',
		});
		// Kaltura looks the parent up for the privacy context first, then checks it as a parent.
		expect(await add({ name: 'Orphan', parentId: 424242 })).toMatchObject({
			code: 'CATEGORY_NOT_FOUND',
			message: 'Category id "424242" not found',
		});
		expect(await add({ name: 'Orphan', parentId: 424242, privacyContext: 'Portal' })).toMatchObject({
			code: 'PARENT_CATEGORY_NOT_FOUND',
			message: 'Parent category id "424242" not found',
		});
		expect(await add({ name: 'x', fullName: 'x' })).toMatchObject({
			code: 'PROPERTY_VALIDATION_NOT_UPDATABLE',
			args: { PROP_NAME: 'KalturaCategory::fullName' },
		});
		expect(await add({ name: 'x', privacy: 9 })).toMatchObject({
			code: 'INVALID_ENUM_VALUE',
			args: { ENUM_TYPE: 'KalturaPrivacyType' },
		});
		expect(await add({ name: 'x', privacyContext: 'ab' })).toMatchObject({
			code: 'PRIVACY_CONTEXT_INVALID_STRING',
			args: { CONTEXT: 'ab' },
		});
		expect(await call('get', { id: 99999 })).toMatchObject({
			code: 'CATEGORY_NOT_FOUND',
			message: 'Category id "99999" not found',
		});
		expect(await call('get', {})).toMatchObject({ code: 'MISSING_MANDATORY_PARAMETER' });
	});

	it('takes entitlement fields only under a privacy context, where the creator becomes owner', async () => {
		expect(await add({ name: 'Private', privacy: 3 })).toMatchObject({
			code: 'CANNOT_SET_PRIVACY_FIELD_WITH_NO_PRIVACY_CONTEXT',
		});
		expect(await add({ name: 'Hidden', appearInList: 3 })).toMatchObject({
			code: 'CANNOT_SET_APPEAR_IN_LIST_FIELD_WITH_NO_PRIVACY_CONTEXT',
		});
		const channels = await byFullName('MediaSpace>site>channels');
		const ownerKs = (await apiCall(sandbox.url, 'session', 'start', {
			secret: sandbox.adminSecret,
			partnerId: sandbox.partnerId,
			type: 2,
			userId: 'editor@example.com',
		})) as string;
		const members = (await apiCall(sandbox.url, 'category', 'add', {
			ks: ownerKs,
			category: { objectType: 'KalturaCategory', name: 'Members', parentId: channels.id, privacy: 3, appearInList: 3 },
		})) as Category;
		expect(members).toMatchObject({
			privacy: 3,
			appearInList: 3,
			privacyContexts: 'MediaSpace',
			owner: 'editor@example.com',
		});
		expect(await add({ name: 'Portal', privacyContext: 'Portal', inheritanceType: 1 })).toMatchObject({
			code: 'CANNOT_INHERIT_MEMBERS_WHEN_PARENT_CATEGORY_IS_NOT_SET',
		});
	});

	it('is for admin sessions; user sessions may read', async () => {
		const userKs = (await apiCall(sandbox.url, 'session', 'start', {
			secret: sandbox.userSecret,
			partnerId: sandbox.partnerId,
			type: 0,
		})) as string;
		expect(
			await apiCall(sandbox.url, 'category', 'add', {
				ks: userKs,
				category: { objectType: 'KalturaCategory', name: 'x' },
			}),
		).toMatchObject({
			code: 'SERVICE_FORBIDDEN',
		});
		expect(((await apiCall(sandbox.url, 'category', 'list', { ks: userKs })) as ListResponse).totalCount).toBe(
			SEEDED.length,
		);
		expect(await apiCall(sandbox.url, 'category', 'count', { ks })).toMatchObject({ code: 'ACTION_DOES_NOT_EXISTS' });
	});
});

describe('update', () => {
	it('renames and moves a category with everything below it', async () => {
		const site = await byFullName('MediaSpace>site');
		const renamed = await call<Category>('update', {
			id: site.id,
			category: { objectType: 'KalturaCategory', name: 'portal' },
		});
		expect(renamed).toMatchObject({ id: site.id, fullName: 'MediaSpace>portal' });
		expect(renamed.updatedAt).toBeGreaterThanOrEqual(site.updatedAt);
		expect((await byFullName('MediaSpace>portal>galleries>Training')).depth).toBe(3);

		const archive = await byFullName('Archive');
		const moved = await call<Category>('update', {
			id: site.id,
			category: { objectType: 'KalturaCategory', parentId: archive.id },
		});
		expect(moved).toMatchObject({ fullName: 'Archive>portal', depth: 1, fullIds: `${archive.id}>${site.id}` });
		expect(await byFullName('Archive>portal>galleries>Training')).toMatchObject({ depth: 3 });
		expect((await call<Category>('get', { id: archive.id })).directSubCategoriesCount).toBe(1);

		const top = await call<Category>('update', {
			id: site.id,
			category: { objectType: 'KalturaCategory', parentId: 0 },
		});
		expect(top).toMatchObject({ fullName: 'portal', depth: 0, parentId: 0 });
	});

	it('refuses a parent below the category, a duplicate name and unknown ids', async () => {
		const site = await byFullName('MediaSpace>site');
		const galleries = await byFullName('MediaSpace>site>galleries');
		expect(
			await call('update', { id: site.id, category: { objectType: 'KalturaCategory', parentId: galleries.id } }),
		).toMatchObject({
			code: 'PARENT_CATEGORY_IS_CHILD',
			message: `The parent category "${galleries.id}" is one of the children for category "${site.id}"`,
		});
		expect(
			await call('update', { id: galleries.id, category: { objectType: 'KalturaCategory', name: 'Channels' } }),
		).toMatchObject({
			code: 'DUPLICATE_CATEGORY',
			args: { CATEGORY: 'MediaSpace>site>Channels' },
		});
		expect(
			await call('update', { id: galleries.id, category: { objectType: 'KalturaCategory', parentId: 777 } }),
		).toMatchObject({ code: 'PARENT_CATEGORY_NOT_FOUND' });
		expect(await call('update', { id: 777, category: { objectType: 'KalturaCategory', name: 'x' } })).toMatchObject({
			code: 'CATEGORY_NOT_FOUND',
		});
		expect(
			await call('update', { id: galleries.id, category: { objectType: 'KalturaCategory', depth: 9 } }),
		).toMatchObject({ code: 'PROPERTY_VALIDATION_NOT_UPDATABLE' });
		expect((await byFullName('MediaSpace>site>galleries')).id).toBe(galleries.id);
	});
});

describe('delete', () => {
	it('deletes the category and everything below it', async () => {
		const site = await byFullName('MediaSpace>site');
		const training = await byFullName('MediaSpace>site>galleries>Training');
		expect(await call('delete', { id: site.id })).toBeNull();
		expect(await call('get', { id: training.id })).toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
		expect(fullNames(await list())).toEqual(['MediaSpace', 'Marketing', 'Archive', 'Marketing>Webinars']);
		expect((await byFullName('MediaSpace')).directSubCategoriesCount).toBe(0);
		expect(await call('delete', { id: site.id })).toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
		expect(await call('delete', { id: site.id, moveEntriesToParentCategory: 5 })).toMatchObject({
			code: 'INVALID_ENUM_VALUE',
		});
		// The full name is free again.
		expect(await add({ name: 'site', parentId: (await byFullName('MediaSpace')).id })).toMatchObject({
			fullName: 'MediaSpace>site',
		});
	});
});

describe('entries in categories', () => {
	it('counts entries that name a category, directly and below', async () => {
		const webinars = await byFullName('Marketing>Webinars');
		await addEntry({ categories: 'Marketing>Webinars' });
		await addEntry({ categories: 'marketing>webinars,Archive' });
		await addEntry({ categoriesIds: String(webinars.id) });
		await addEntry({ categories: 'Marketing' });
		await addEntry({ categories: 'Nowhere>Else' });
		expect(await byFullName('Marketing>Webinars')).toMatchObject({ directEntriesCount: 3, entriesCount: 3 });
		expect(await byFullName('Marketing')).toMatchObject({ directEntriesCount: 1, entriesCount: 4 });
		expect(await byFullName('Archive')).toMatchObject({ directEntriesCount: 1, entriesCount: 1 });
		expect(fullNames(await list({ parentIdEqual: 0, orderBy: '-entriesCount' }))).toEqual([
			'Marketing',
			'Archive',
			'MediaSpace',
		]);
	});

	it('keeps entries with their category when it is renamed, and moves them up when it is deleted', async () => {
		const webinars = await byFullName('Marketing>Webinars');
		const byName = await addEntry({ categories: 'Marketing>Webinars,Archive' });
		const byId = await addEntry({ categoriesIds: String(webinars.id) });
		const marketing = await byFullName('Marketing');
		await call('update', { id: marketing.id, category: { objectType: 'KalturaCategory', name: 'Brand' } });
		expect((await getEntry(byName.id)).categories).toBe('Brand>Webinars,Archive');
		expect(await byFullName('Brand>Webinars')).toMatchObject({ directEntriesCount: 2 });

		await call('delete', { id: webinars.id });
		expect((await getEntry(byName.id)).categories).toBe('Brand,Archive');
		expect((await getEntry(byId.id)).categoriesIds).toBe(String(marketing.id));
		expect(await byFullName('Brand')).toMatchObject({ directEntriesCount: 2, entriesCount: 2 });

		await call('delete', { id: marketing.id });
		expect((await getEntry(byName.id)).categories).toBe('Archive');
		expect((await getEntry(byId.id)).categoriesIds).toBeUndefined();
	});

	it('can drop the entries of a deleted category instead of moving them', async () => {
		const webinars = await byFullName('Marketing>Webinars');
		const entry = await addEntry({ categories: 'Marketing>Webinars' });
		await call('delete', { id: webinars.id, moveEntriesToParentCategory: 0 });
		expect((await getEntry(entry.id)).categories).toBeUndefined();
	});
});

describe('list', () => {
	it('filters on ids, parents, depth and full names (any case)', async () => {
		const marketing = await byFullName('Marketing');
		const site = await byFullName('MediaSpace>site');
		expect(fullNames(await list({ parentIdEqual: marketing.id }))).toEqual(['Marketing>Webinars']);
		expect(fullNames(await list({ parentIdIn: `${marketing.id},${site.id}` }))).toEqual([
			'Marketing>Webinars',
			'MediaSpace>site>galleries',
			'MediaSpace>site>channels',
		]);
		expect(fullNames(await list({ depthEqual: 0 }))).toEqual(['MediaSpace', 'Marketing', 'Archive']);
		expect(fullNames(await list({ idEqual: marketing.id }))).toEqual(['Marketing']);
		expect(fullNames(await list({ idIn: `${site.id},${marketing.id}` }))).toEqual(['Marketing', 'MediaSpace>site']);
		expect(fullNames(await list({ fullNameEqual: 'mediaspace>SITE' }))).toEqual(['MediaSpace>site']);
		expect(fullNames(await list({ fullNameIn: 'Archive,Marketing>Webinars' }))).toEqual([
			'Archive',
			'Marketing>Webinars',
		]);
		expect(fullNames(await list({ fullNameStartsWith: 'MediaSpace>site>' }))).toEqual([
			'MediaSpace>site>galleries',
			'MediaSpace>site>channels',
			'MediaSpace>site>galleries>Training',
		]);
		expect(fullNames(await list({ ancestorIdIn: String(site.id) }))).toEqual([
			'MediaSpace>site>galleries',
			'MediaSpace>site>channels',
			'MediaSpace>site>galleries>Training',
		]);
		expect(fullNames(await list({ referenceIdEqual: 'MKT-WEBINARS' }))).toEqual(['Marketing>Webinars']);
	});

	it('searches names, tags, descriptions and reference ids', async () => {
		expect(fullNames(await list({ freeText: 'training' }))).toEqual(['MediaSpace>site>galleries>Training']);
		expect(fullNames(await list({ freeText: 'webinar' }))).toEqual(['Marketing>Webinars']);
		expect(fullNames(await list({ freeText: 'retired content' }))).toEqual(['Archive']);
		expect(fullNames(await list({ freeText: 'archive,launches' }))).toEqual(['Marketing', 'Archive']);
		expect(fullNames(await list({ freeText: 'gall*' }))).toEqual(['MediaSpace>site>galleries']);
		expect(fullNames(await list({ nameOrReferenceIdStartsWith: 'Mark' }))).toEqual(['Marketing']);
		expect(fullNames(await list({ nameOrReferenceIdStartsWith: 'mkt' }))).toEqual(['Marketing>Webinars']);
	});

	it('orders as asked, refuses unknown orders, and pages', async () => {
		expect(fullNames(await list({ depthEqual: 0, orderBy: '-name' }))).toEqual(['MediaSpace', 'Marketing', 'Archive']);
		expect(fullNames(await list({ orderBy: '+fullName' }))).toEqual(
			[...SEEDED].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
		);
		const newest = await add({ name: 'Newest' });
		expect((await list({ orderBy: '-createdAt' })).objects[0].id).toBe(newest.id);
		expect(await list({ orderBy: '-rank' })).toMatchObject({
			code: 'INVALID_ENUM_VALUE',
			args: { PARAM_NAME: 'orderBy', ENUM_TYPE: 'KalturaCategoryOrderBy' },
		});
		const page = await list({}, { pageSize: 3, pageIndex: 2 });
		expect(page.totalCount).toBe(SEEDED.length + 1);
		expect(page.objects).toHaveLength(3);
		expect(fullNames(await list({ depthEqual: 1 }, { pageSize: 1, pageIndex: 2 }))).toEqual(['Marketing>Webinars']);
	});
});
