/**
 * The pickers and dropdowns the nodes share, called through n8n's own load-options context
 * against the sandbox: the entry search (words, an ID, entry types, newest first, pages), the
 * conversion profiles and the categories.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { KalturaImportUrl } from '../../../nodes/KalturaImportUrl/KalturaImportUrl.node';
import { kalturaMethods } from '../../../nodes/kaltura/methods';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { loadOptionsContext } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';

let sandbox: Sandbox;
let ks: string;
let context: ILoadOptionsFunctions;
const created: Record<string, string> = {};

async function addEntry(
	service: 'media' | 'liveStream',
	name: string,
	extra: Record<string, unknown> = {},
): Promise<string> {
	const objectType = service === 'media' ? 'KalturaMediaEntry' : 'KalturaLiveStreamEntry';
	const param = service === 'media' ? 'entry' : 'liveStreamEntry';
	const entry = (await apiCall(sandbox.url, service, 'add', {
		ks,
		[param]: { objectType, name, ...extra },
		sourceType: '32',
	})) as { id: string };
	return entry.id;
}

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
	created.keynote = await addEntry('media', 'Keynote 2026', { mediaType: 1, tags: 'conference' });
	created.podcast = await addEntry('media', 'Podcast episode 7', { mediaType: 5 });
	created.town = await addEntry('liveStream', 'Town hall live', { mediaType: 201 });
	for (let i = 0; i < 55; i++) await addEntry('media', `Filler clip ${i}`, { mediaType: 1 });
	context = await loadOptionsContext(new KalturaImportUrl(), sandboxCredentials(sandbox));
});
afterAll(async () => {
	await sandbox.close();
});

const search = async (
	method: keyof typeof kalturaMethods.listSearch,
	filter?: string,
	token?: string,
): Promise<INodeListSearchResult> => await kalturaMethods.listSearch[method].call(context, filter, token);

describe('entry search', () => {
	it('finds entries by the words of their name, showing name, kind and ID, with a link to the KMC', async () => {
		const result = await search('searchEntries', 'keynote');
		expect(result.results).toEqual([
			{
				name: `Keynote 2026 · video · ${created.keynote}`,
				value: created.keynote,
				url: `${sandbox.url}/index.php/kmcng/content/entries/entry/${created.keynote}/metadata`,
			},
		]);
	});

	it('finds an entry by its ID typed into the search', async () => {
		const result = await search('searchEntries', created.podcast);
		expect(result.results.map((r) => r.name)).toEqual([`Podcast episode 7 · audio · ${created.podcast}`]);
	});

	it('keeps to the entry types of the picker: media entries, or live streams', async () => {
		const media = await search('searchMediaEntries', 'town');
		expect(media.results).toEqual([]);
		const live = await search('searchLiveStreams');
		expect(live.results.map((r) => r.value)).toEqual([created.town]);
		expect(live.results[0].name).toBe(`Town hall live · live stream · ${created.town}`);
	});

	it('lists the newest first, 50 a page, and hands out the next page', async () => {
		const first = await search('searchMediaEntries');
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toMatch(/^Filler clip 54 /);
		expect(first.paginationToken).toBe('2');
		const second = await search('searchMediaEntries', undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(expect.arrayContaining([created.keynote, created.podcast]));
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(57);
	});

	it("shows a wrong credential as n8n's error instead of an empty list", async () => {
		const wrong = await loadOptionsContext(
			new KalturaImportUrl(),
			sandboxCredentials(sandbox, { secret: 'wrong-secret' }),
		);
		await expect(kalturaMethods.listSearch.searchEntries.call(wrong)).rejects.toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/START_SESSION_ERROR|INVALID_KS/),
		});
	});
});

describe('dropdowns', () => {
	const load = async (method: keyof typeof kalturaMethods.loadOptions): Promise<INodePropertyOptions[]> =>
		await kalturaMethods.loadOptions[method].call(context);

	it('lists media conversion profiles after Account Default, and live ones apart', async () => {
		const media = await load('getConversionProfiles');
		expect(media[0]).toMatchObject({ name: 'Account Default', value: 0 });
		expect(media.slice(1).map((o) => o.value)).toEqual([1001]);
		expect(media[1].name).toBe('Default (1001) · account default');
		const replacement = await load('getReplacementConversionProfiles');
		expect(replacement[0]).toMatchObject({ name: "Keep the Entry's Profile", value: 0 });
		const live = await load('getLiveConversionProfiles');
		expect(live.map((o) => o.value)).toEqual([1002, 1003]);
		expect(live.map((o) => o.name)).toEqual(['Cloud transcode (1002) · account default', 'Passthrough (1003)']);
	});

	it('lists the categories by full name, in tree order', async () => {
		await apiCall(sandbox.url, 'category', 'add', { ks, category: { objectType: 'KalturaCategory', name: 'Zeta' } });
		const categories = await load('getCategories');
		const names = categories.map((o) => o.value as string);
		expect(names).toContain('Zeta');
		expect(names).toEqual([...names].sort());
		expect(categories.every((o) => o.name === o.value && /^Category ID \d+$/.test(String(o.description)))).toBe(true);
	});
});
