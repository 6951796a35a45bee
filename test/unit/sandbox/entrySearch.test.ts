/**
 * Entry lists as an entry picker calls them: baseEntry.list / media.list with the user's search
 * words in `freeText`, newest first, a pager, an entry type and every non-deleted status.
 */
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';

interface Entry {
	id: string;
	name: string;
	type: number;
}
interface ListResponse {
	objectType: string;
	objects: Entry[];
	totalCount: number;
}

const ALL_BUT_DELETED = '-2,-1,0,1,2,4,5,6,7';

let sandbox: Sandbox;
let ks: string;
const ids: Record<string, string> = {};

async function addMedia(name: string, fields: Record<string, unknown> = {}): Promise<string> {
	const entry = (await apiCall(sandbox.url, 'media', 'add', {
		ks,
		entry: { objectType: 'KalturaMediaEntry', name, mediaType: 1, ...fields },
	})) as Entry;
	return entry.id;
}

async function list(
	service: string,
	filter: Record<string, unknown>,
	pager: Record<string, unknown> = {},
): Promise<ListResponse> {
	return (await apiCall(sandbox.url, service, 'list', {
		ks,
		filter: { objectType: 'KalturaBaseEntryFilter', statusIn: ALL_BUT_DELETED, ...filter },
		pager: { objectType: 'KalturaFilterPager', ...pager },
	})) as ListResponse;
}

const names = (r: ListResponse): string[] => r.objects.map((e) => e.name);

/** Kaltura times are whole seconds: wait for the next one so that two changes differ in time. */
async function nextSecond(): Promise<void> {
	await new Promise((r) => setTimeout(r, 1020 - (Date.now() % 1000)));
}

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
	ids.keynote = await addMedia('Annual Keynote', { tags: 'event,stage', referenceId: 'EVT-2026-01' });
	ids.onboarding = await addMedia('Onboarding basics', { description: 'First week for new hires' });
	ids.board = await addMedia('Board meeting', { tags: 'finance', userId: 'cfo@example.com' });
	const live = (await apiCall(sandbox.url, 'livestream', 'add', {
		ks,
		liveStreamEntry: { objectType: 'KalturaLiveStreamEntry', name: 'Keynote live', mediaType: 201 },
		sourceType: '32',
	})) as Entry;
	ids.live = live.id;
	// A second apart, so the creation order shows in createdAt as well as in the tie-break.
	await nextSecond();
	ids.later = await addMedia('Keynote rehearsal');
});

afterAll(async () => {
	await sandbox.close();
});

describe('freeText', () => {
	it('finds entries by words of the name, tags, description, reference id, owner and id', async () => {
		expect(names(await list('baseentry', { freeText: 'keynote', orderBy: '+name' }))).toEqual([
			'Annual Keynote',
			'Keynote live',
			'Keynote rehearsal',
		]);
		expect(names(await list('baseentry', { freeText: 'stage' }))).toEqual(['Annual Keynote']);
		expect(names(await list('baseentry', { freeText: 'hires' }))).toEqual(['Onboarding basics']);
		expect(names(await list('baseentry', { freeText: 'EVT-2026-01' }))).toEqual(['Annual Keynote']);
		expect(names(await list('baseentry', { freeText: 'cfo@example.com' }))).toEqual(['Board meeting']);
		expect((await list('baseentry', { freeText: ids.board })).objects.map((e) => e.id)).toEqual([ids.board]);
	});

	it('needs every word, takes comma-separated alternatives and * prefixes', async () => {
		expect(names(await list('baseentry', { freeText: 'annual keynote' }))).toEqual(['Annual Keynote']);
		expect(names(await list('baseentry', { freeText: 'annual board' }))).toEqual([]);
		expect(names(await list('baseentry', { freeText: 'board,onboarding', orderBy: '+name' }))).toEqual([
			'Board meeting',
			'Onboarding basics',
		]);
		expect(names(await list('baseentry', { freeText: 'rehears*' }))).toEqual(['Keynote rehearsal']);
		expect(names(await list('baseentry', { freeText: 'rehears' }))).toEqual([]);
	});

	it('works on media.list and counts with the filter', async () => {
		const media = await list('media', { objectType: 'KalturaMediaEntryFilter', freeText: 'keynote', orderBy: '+name' });
		expect(media.objectType).toBe('KalturaMediaListResponse');
		expect(names(media)).toEqual(['Annual Keynote', 'Keynote rehearsal']);
		const count = await apiCall(sandbox.url, 'media', 'count', {
			ks,
			filter: { objectType: 'KalturaMediaEntryFilter', freeText: 'keynote', statusIn: ALL_BUT_DELETED },
		});
		expect(count).toBe(2);
	});
});

describe('the picker query', () => {
	it('pages newest first within a type', async () => {
		const first = await list(
			'baseentry',
			{ freeText: 'keynote', typeIn: '1', orderBy: '-createdAt' },
			{ pageSize: 1, pageIndex: 1 },
		);
		expect(first.totalCount).toBe(2);
		expect(names(first)).toEqual(['Keynote rehearsal']);
		const second = await list(
			'baseentry',
			{ freeText: 'keynote', typeIn: '1', orderBy: '-createdAt' },
			{ pageSize: 1, pageIndex: 2 },
		);
		expect(names(second)).toEqual(['Annual Keynote']);
		const live = await list('baseentry', { freeText: 'keynote', typeEqual: '7' });
		expect(live.objects.map((e) => e.id)).toEqual([ids.live]);
	});

	it('orders by creation, update time and name either way', async () => {
		const created = names(await list('baseentry', { typeIn: '1', orderBy: '+createdAt' }));
		expect(created).toEqual(['Annual Keynote', 'Onboarding basics', 'Board meeting', 'Keynote rehearsal']);
		expect(names(await list('baseentry', { typeIn: '1', orderBy: '-createdAt' }))).toEqual([...created].reverse());
		await nextSecond();
		await apiCall(sandbox.url, 'media', 'update', {
			ks,
			entryId: ids.onboarding,
			mediaEntry: { objectType: 'KalturaMediaEntry', tags: 'hr' },
		});
		expect(names(await list('baseentry', { typeIn: '1', orderBy: '-updatedAt' }))[0]).toBe('Onboarding basics');
		expect(names(await list('baseentry', { typeIn: '1', orderBy: '+name' }))).toEqual([
			'Annual Keynote',
			'Board meeting',
			'Keynote rehearsal',
			'Onboarding basics',
		]);
	});

	it('leaves deleted entries out even when all other statuses are asked for', async () => {
		const doomed = await addMedia('Keynote draft');
		expect(names(await list('baseentry', { freeText: 'draft' }))).toEqual(['Keynote draft']);
		await apiCall(sandbox.url, 'media', 'delete', { ks, entryId: doomed });
		expect(names(await list('baseentry', { freeText: 'draft' }))).toEqual([]);
	});
});
