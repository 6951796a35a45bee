/**
 * The entry picker's values: entry IDs in the addresses users copy from the KMC, MediaSpace, KAF
 * and players, and every way the Entry parameter can arrive (list, ID, URL, plain expression text).
 */
import { ENTRY_ID_PATTERN, entryIdFromUrl, isEntryId } from '../../../nodes/kaltura/entries/entryId';
import { entryLocator, parseEntryParameter } from '../../../nodes/kaltura/entries/entryLocator';

describe('entry IDs in page addresses', () => {
	it.each([
		['KMC (kmcng)', 'https://kmc.kaltura.com/index.php/kmcng/content/entries/entry/1_abcd1234/metadata', '1_abcd1234'],
		[
			'self-hosted KMC',
			'https://video.example.edu/index.php/kmcng/content/entries/entry/0_zz99yy88/clips',
			'0_zz99yy88',
		],
		[
			'MediaSpace media page with a title',
			'https://videos.example.com/media/Quarterly+Review/1_q3rev1ew',
			'1_q3rev1ew',
		],
		['MediaSpace short link', 'https://videos.example.com/media/t/1_shortlnk', '1_shortlnk'],
		['MediaSpace edit page', 'https://videos.example.com/edit/1_edit0001', '1_edit0001'],
		[
			'KAF media page',
			'https://1234567.kaf.kaltura.com/browseandembed/index/media/entryid/1_kafentry/showDescription/true',
			'1_kafentry',
		],
		[
			'player iframe',
			'https://cdnapisec.kaltura.com/p/123/sp/12300/embedIframeJs/uiconf_id/4567/partner_id/123?iframeembed=true&entry_id=1_player01',
			'1_player01',
		],
		[
			'playManifest',
			'https://cdnapisec.kaltura.com/p/123/sp/12300/playManifest/entryId/1_manifest/format/applehttp/a.m3u8',
			'1_manifest',
		],
		['legacy KMC fragment', 'https://www.kaltura.com/index.php/kmc/kmc4#content|manage|1_legacy01', '1_legacy01'],
		['a URL-encoded title before it', 'https://videos.example.com/media/My%20Talk%20%C3%A9/1_encoded1', '1_encoded1'],
	])('%s', (_label, url, entryId) => {
		expect(entryIdFromUrl(url)).toEqual({ ok: true, entryId });
	});

	it('prefers the ID right after a word that names it when the path has several', () => {
		expect(entryIdFromUrl('https://kmc.kaltura.com/x/1_aaaaaaaa/entry/1_bbbbbbbb')).toEqual({
			ok: true,
			entryId: '1_bbbbbbbb',
		});
	});

	it('explains an address with no entry ID, with several, and text that is not a URL', () => {
		expect(entryIdFromUrl('https://kmc.kaltura.com/index.php/kmcng/content/entries/list')).toEqual({
			ok: false,
			message:
				'No Kaltura entry ID (like 1_abcd1234) in the URL "https://kmc.kaltura.com/index.php/kmcng/content/entries/list"',
		});
		expect(entryIdFromUrl('https://x.example/1_aaaaaaaa/1_bbbbbbbb')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/several entry IDs \(1_aaaaaaaa, 1_bbbbbbbb\)/),
		});
		expect(entryIdFromUrl('kmc entry page')).toEqual({ ok: false, message: '"kmc entry page" is not a URL' });
	});

	it('knows an entry ID when it sees one', () => {
		expect(['1_abcd1234', '0_zzzzzzzz', '12_a1b2c3d4'].every(isEntryId)).toBe(true);
		expect(['1_abc', '1_ABCD1234', 'abcd1234', '1_abcd12345', ' 1_abcd1234'].some(isEntryId)).toBe(false);
	});
});

describe('the Entry parameter', () => {
	it('takes a value from the list, by ID, by URL, or as plain text from an expression', () => {
		expect(parseEntryParameter({ __rl: true, mode: 'list', value: '1_fromlist' })).toEqual({
			ok: true,
			entryId: '1_fromlist',
		});
		expect(parseEntryParameter({ __rl: true, mode: 'id', value: ' 1_typedidd ' })).toEqual({
			ok: true,
			entryId: '1_typedidd',
		});
		expect(
			parseEntryParameter({ __rl: true, mode: 'url', value: 'https://videos.example.com/media/t/1_pastedur' }),
		).toEqual({
			ok: true,
			entryId: '1_pastedur',
		});
		expect(parseEntryParameter('1_plaintxt')).toEqual({ ok: true, entryId: '1_plaintxt' });
		// An address pasted into By ID (or mapped from a field holding a link) is read too.
		expect(
			parseEntryParameter({ __rl: true, mode: 'id', value: 'https://videos.example.com/media/t/1_inidmode' }),
		).toEqual({
			ok: true,
			entryId: '1_inidmode',
		});
	});

	it('says what is wrong with empty values, other types and non-IDs', () => {
		expect(parseEntryParameter({ __rl: true, mode: 'list', value: '' })).toMatchObject({
			ok: false,
			message: 'The entry is empty',
		});
		expect(parseEntryParameter(undefined)).toMatchObject({ ok: false, message: 'The entry is empty' });
		expect(parseEntryParameter({ __rl: true, mode: 'id', value: { id: '1_abcd1234' } })).toMatchObject({
			ok: false,
			message: 'The entry is an object, not an entry ID',
			description: expect.stringContaining('{{ $json.id }}'),
		});
		expect(parseEntryParameter(['1_abcd1234'])).toMatchObject({
			ok: false,
			message: 'The entry is a list, not an entry ID',
		});
		expect(parseEntryParameter(42)).toMatchObject({ ok: false, message: 'The entry is a number, not an entry ID' });
		expect(parseEntryParameter('Quarterly review')).toMatchObject({
			ok: false,
			message: '"Quarterly review" is not a Kaltura entry ID',
		});
		expect(parseEntryParameter({ __rl: true, mode: 'url', value: 'https://x.example/no-id' })).toMatchObject({
			ok: false,
			message: expect.stringMatching(/^No Kaltura entry ID/),
		});
	});

	it('gives the editor checks that match what the node accepts (n8n anchors each regex)', () => {
		const locator = entryLocator('The entry', 'searchEntries');
		const modes = Object.fromEntries((locator.modes ?? []).map((mode) => [mode.name, mode]));
		const accepts = (mode: string, value: string) =>
			(modes[mode].validation ?? []).every(
				(rule) =>
					typeof rule === 'object' &&
					new RegExp(`^${String((rule.properties as { regex: string }).regex)}$`).test(value),
			);
		expect(accepts('id', '1_abcd1234')).toBe(true);
		expect(accepts('id', '1_abc')).toBe(false);
		expect(accepts('url', 'https://kmc.kaltura.com/index.php/kmcng/content/entries/entry/1_abcd1234/metadata')).toBe(
			true,
		);
		expect(accepts('url', 'https://kmc.kaltura.com/index.php/kmcng/content/entries/list')).toBe(false);
		expect(modes.list.typeOptions).toEqual({ searchListMethod: 'searchEntries', searchable: true });
		expect(ENTRY_ID_PATTERN).toBe('[0-9]+_[a-z0-9]{8}');
	});
});
