/**
 * The Kaltura Import URL node: URL checks and names (pure), then run by n8n's execution engine
 * against the sandbox with a local media server on 127.0.0.1: both operations, every option,
 * Skip If Reference ID Exists, mixed good and bad items in one batch, both Continue On Fail modes,
 * Wait Until Ready outcomes, and the number of HTTP calls.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject, INodeParameters, OnError } from 'n8n-workflow';

import type { KalturaCall } from '../../../nodes/kaltura/client/client';
import { KalturaClient } from '../../../nodes/kaltura/client/client';
import { KalturaImportUrl } from '../../../nodes/KalturaImportUrl/KalturaImportUrl.node';
import {
	checkImportUrl,
	displayRawUrl,
	displayUrl,
	entryNameFromUrl,
	parseHeaderLines,
	urlResource,
} from '../../../nodes/KalturaImportUrl/urlInput';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall, eventually } from '../../helpers/kalturaHttp';
import { startFtpServer } from '../../helpers/ftpServer';
import { fakeMp4, sha256 } from '../../helpers/media';
import { startMediaServer, type MediaServer } from '../../helpers/mediaServer';
import { runNode, type NodeRunResult } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';

describe('URL input (pure)', () => {
	it('accepts http, https, ftp, ftps and sftp URLs', () => {
		for (const url of [
			'https://cdn.example.com/v.mp4?X-Amz-Signature=abc%2F',
			'http://example.com/a.mov',
			'ftp://user:pw@ftp.example.com/media/a.mp4',
			'ftps://ftp.example.com/a.mp4',
			'sftp://files.example.com/in/a.mp4',
		]) {
			expect(checkImportUrl(`  ${url} `)).toMatchObject({ ok: true, url: new URL(url).toString() });
		}
	});

	it('explains an empty URL, a malformed URL, an unsupported scheme and a missing host', () => {
		expect(checkImportUrl('')).toMatchObject({ ok: false, message: 'The URL is empty' });
		expect(checkImportUrl('   ')).toMatchObject({ ok: false, message: 'The URL is empty' });
		expect(checkImportUrl(undefined)).toMatchObject({ ok: false, message: 'The URL is empty' });
		expect(checkImportUrl('video.mp4')).toMatchObject({ ok: false, message: '"video.mp4" is not a valid URL' });
		expect(checkImportUrl('http://')).toMatchObject({ ok: false, message: '"http://" is not a valid URL' });
		expect(checkImportUrl('file:///etc/passwd')).toMatchObject({
			ok: false,
			message: 'Kaltura cannot import from a "file" URL',
		});
		expect(checkImportUrl('javascript:alert(1)')).toMatchObject({
			ok: false,
			message: 'Kaltura cannot import from a "javascript" URL',
		});
		expect(checkImportUrl('https://exa mple.com/a.mp4')).toMatchObject({ ok: false });
	});

	it('names entries after the last path segment, decoded, ignoring the query', () => {
		const name = (url: string) => entryNameFromUrl(new URL(url));
		expect(name('https://x.com/media/My%20Talk%20%C3%A9.mp4?sig=abc')).toBe('My Talk é.mp4');
		expect(name('https://x.com/folder/clip.mov/')).toBe('clip.mov');
		expect(name('https://x.com/')).toBe('x.com');
		expect(name('https://x.com/100%25-real%E0.mp4')).toBe('100%25-real%E0.mp4');
	});

	it('builds the resource Kaltura expects for each scheme and option', () => {
		expect(urlResource(new URL('https://x.com/a.mp4'), { forceAsyncDownload: false, headers: [] })).toEqual({
			objectType: 'KalturaUrlResource',
			url: 'https://x.com/a.mp4',
		});
		expect(
			urlResource(new URL('sftp://h/a.mp4'), { forceAsyncDownload: true, headers: ['Authorization: Bearer t'] }),
		).toEqual({
			objectType: 'KalturaSshUrlResource',
			url: 'sftp://h/a.mp4',
			forceAsyncDownload: true,
			urlHeaders: [{ objectType: 'KalturaString', value: 'Authorization: Bearer t' }],
		});
		expect(parseHeaderLines('Authorization: Bearer t\r\n\n  X-Token:1 \n')).toEqual({
			ok: true,
			value: ['Authorization: Bearer t', 'X-Token:1'],
		});
		expect(parseHeaderLines(undefined)).toEqual({ ok: true, value: [] });
		// A line that is not a header is refused, without quoting it (it may hold a token).
		for (const text of ['X-Ok: 1\nBearer s3cr3t', 'X-Ok: 1\n: nameless']) {
			expect(parseHeaderLines(text)).toMatchObject({
				ok: false,
				message: 'HTTP Headers line 2 is not a "Name: value" header',
			});
			expect(JSON.stringify(parseHeaderLines(text))).not.toContain('s3cr3t');
		}
		expect(parseHeaderLines({ Authorization: 'x' })).toMatchObject({
			ok: false,
			message: 'HTTP Headers must be text, but it is an object ({"Authorization":"x"})',
		});
	});

	it('masks passwords and signed-URL secrets for the output, and nothing else', () => {
		expect(displayUrl(new URL('ftp://bob:s3cret@ftp.example.com/a.mp4'))).toBe('ftp://bob:***@ftp.example.com/a.mp4');
		expect(displayUrl(new URL('https://x.com/a.mp4?sig=abc&v=2'))).toBe('https://x.com/a.mp4?sig=***&v=2');
		expect(
			displayUrl(
				new URL(
					'https://b.s3.amazonaws.com/v.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261202&X-Amz-Signature=deadbeef&X-Amz-Expires=3600',
				),
			),
		).toBe(
			'https://b.s3.amazonaws.com/v.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Expires=3600',
		);
		expect(displayUrl(new URL('https://cdn.example.com/v.mp4?Signature=a&Key-Pair-Id=K&token=t&page=1'))).toBe(
			'https://cdn.example.com/v.mp4?Signature=***&Key-Pair-Id=K&token=***&page=1',
		);
	});

	it('masks a password even in a URL it cannot parse, and says when the URL field got an object', () => {
		for (const url of ['https://bob:pw@exa mple.com/a.mp4', 'http://bob:pw@/a.mp4']) {
			const checked = checkImportUrl(url);
			expect(checked.ok).toBe(false);
			expect(JSON.stringify(checked)).not.toContain(':pw@');
			expect(displayRawUrl(url)).toContain('bob:***@');
		}
		const gopher = checkImportUrl('gopher://bob:pw@host/x');
		expect(gopher).toMatchObject({ ok: false, message: 'Kaltura cannot import from a "gopher" URL' });
		expect(displayRawUrl('gopher://bob:pw@host/x')).toBe('gopher://bob:***@host/x');
		expect(checkImportUrl({ href: 'https://x.com/a.mp4' })).toMatchObject({
			ok: false,
			message: 'URL must be text, but it is an object ({"href":"https://x.com/a.mp4"})',
		});
		expect(displayRawUrl(['a'])).toBe('');
	});
});

describe('Kaltura Import URL node (sandbox)', () => {
	let sandbox: Sandbox;
	let media: MediaServer;
	let ks: string;
	const node = new KalturaImportUrl();

	beforeAll(async () => {
		sandbox = await startSandbox({ processingMs: 50, importTimeoutMs: 2000 });
		media = await startMediaServer();
		ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
	});
	afterAll(async () => {
		await sandbox.close();
		await media.close();
	});
	beforeEach(() => {
		sandbox.requestLog.clear();
		sandbox.faults.clear();
	});

	/** Runs the node in n8n on one item per entry of `items` (their JSON feeds the expressions). */
	async function run(
		parameters: INodeParameters,
		options: { items?: IDataObject[]; onError?: OnError; serviceUrl?: string; credentials?: IDataObject } = {},
	): Promise<NodeRunResult> {
		const credentials = sandboxCredentials(sandbox, {
			...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
			...options.credentials,
		});
		return await runNode({
			node,
			parameters,
			items: (options.items ?? [{}]).map((json) => ({ json })),
			credentials,
			onError: options.onError,
		});
	}

	/** The regular output of a run that must not have failed. */
	async function output(parameters: INodeParameters, options: Parameters<typeof run>[1] = {}) {
		const result = await run(parameters, options);
		expect(result.error).toBeUndefined();
		return result.outputs[0];
	}

	function multirequests() {
		return sandbox.requestLog.entries().filter((e) => e.service === 'multirequest');
	}

	function callsOf(service: string, action: string) {
		return sandbox.requestLog
			.entries()
			.flatMap((e) => e.calls)
			.filter((c) => c.service === service && c.action === action.toLowerCase());
	}

	const byId = (value: string) => ({ __rl: true, mode: 'id', value });

	it('describes itself as an n8n node usable as a tool', () => {
		expect(node.description).toMatchObject({
			name: 'kalturaImportUrl',
			displayName: 'Kaltura Import URL',
			usableAsTool: true,
			credentials: [{ name: 'kalturaApi', required: true }],
		});
	});

	it('creates an entry from a URL: name from the URL, media type from the extension, fields, one request', async () => {
		const url = `${media.url}/media/My%20Talk.mp4?sig=abc`;
		const [item] = await output({
			operation: 'createFromUrl',
			url,
			entryFields: {
				description: 'Imported',
				tags: 'a, b',
				categories: ['Training>Onboarding', 'Marketing'],
				referenceId: 'crm-1',
				userId: 'owner@example.com',
				conversionProfileId: 1001,
			},
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			name: 'My Talk.mp4',
			status: 'IMPORT',
			mediaType: 'VIDEO',
			description: 'Imported',
			tags: 'a, b',
			categories: 'Training>Onboarding,Marketing',
			referenceId: 'crm-1',
			userId: 'owner@example.com',
			conversionProfileId: 1001,
			url: url.replace('sig=abc', 'sig=***'),
		});
		expect(multirequests()).toHaveLength(1);
		expect(multirequests()[0].calls.map((c) => `${c.service}.${c.action}`)).toEqual(['media.add', 'media.addcontent']);
		const entryId = String(item.json.id);
		await eventually(
			async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as { status: number },
			(e) => e.status === 2,
		);
		const stored = (await (await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`)).json()) as {
			sha256: string;
		};
		expect(stored.sha256).toBe(sha256(media.bytesFor('My Talk.mp4')));
		const text = JSON.stringify(item.json);
		expect(text).not.toMatch(/djJ8/);
		expect(text).not.toContain(sandbox.adminSecret);
	});

	it('works with a user secret (User sessions): the first, refused session is replaced and nothing is created twice', async () => {
		const items = [{ ref: 'user-1' }, { ref: 'user-2' }];
		const out = await output(
			{
				operation: 'createFromUrl',
				url: `${media.url}/media/user.mp4`,
				entryFields: { referenceId: '={{ $json.ref }}' },
			},
			{ items, credentials: { secret: sandbox.userSecret, sessionType: 0 } },
		);
		expect(out.map((i) => i.json.referenceId)).toEqual(['user-1', 'user-2']);
		// the locally signed session was refused in every slot, so nothing ran and the batch was sent again
		expect(callsOf('media', 'add').map((c) => c.errorCode)).toEqual(['INVALID_KS', 'INVALID_KS', null, null]);
		for (const item of out) {
			const entry = (await apiCall(sandbox.url, 'media', 'get', { ks, entryId: item.json.id })) as IDataObject;
			expect(entry.referenceId).toBe(item.json.referenceId);
		}
	});

	it('uses the given name and media type instead of the automatic ones', async () => {
		const [item] = await output({
			operation: 'createFromUrl',
			url: `${media.url}/media/x.mp4`,
			name: ' Board meeting ',
			mediaType: 5,
		});
		expect(item.json).toMatchObject({ name: 'Board meeting', mediaType: 'AUDIO', mediaTypeCode: 5 });
	});

	it('keeps a 10,000-character name whole (Kaltura stores what does not fit its name column separately)', async () => {
		const name = 'Long title '.repeat(1000).slice(0, 10_000);
		const [item] = await output({ operation: 'createFromUrl', url: `${media.url}/media/long.mp4`, name });
		expect(item.json.name).toBe(name);
		const stored = (await apiCall(sandbox.url, 'media', 'get', { ks, entryId: item.json.id })) as { name: string };
		expect(stored.name).toHaveLength(10_000);
	});

	it('sends Force Async Download and HTTP Headers with the URL resource; Kaltura fetches with the header', async () => {
		const spy = jest.spyOn(KalturaClient.prototype, 'multirequest');
		try {
			const [item] = await output({
				operation: 'createFromUrl',
				url: `${media.url}/private/report.mp4`,
				options: {
					forceAsyncDownload: true,
					urlHeaders: 'Authorization: Bearer letmein',
					waitUntilReady: true,
					waitIntervalSeconds: 1,
				},
			});
			const calls = spy.mock.calls[0][0] as KalturaCall[];
			expect(calls[1].params?.resource).toEqual({
				objectType: 'KalturaUrlResource',
				url: `${media.url}/private/report.mp4`,
				forceAsyncDownload: true,
				urlHeaders: [{ objectType: 'KalturaString', value: 'Authorization: Bearer letmein' }],
			});
			expect(calls[1].params?.entryId).toBe('{1:result:id}');
			expect(item.json.status).toBe('READY');
			expect(
				media.hits.some((h) => h.path === '/private/report.mp4' && h.headers.authorization === 'Bearer letmein'),
			).toBe(true);
		} finally {
			spy.mockRestore();
		}
	});

	it('imports from an ftp URL (with credentials in the URL) as a KalturaUrlResource', async () => {
		const ftp = await startFtpServer({ '/drop/Interview 2.mp4': fakeMp4(3000, 'ftp') });
		try {
			const url = `ftp://user:pw@127.0.0.1:${ftp.port}/drop/Interview%202.mp4`;
			const [item] = await output({
				operation: 'createFromUrl',
				url,
				options: { waitUntilReady: true, waitIntervalSeconds: 1 },
			});
			// The password in the URL reaches Kaltura but is masked in the output.
			expect(item.json).toMatchObject({
				name: 'Interview 2.mp4',
				status: 'READY',
				mediaType: 'VIDEO',
				url: `ftp://user:***@127.0.0.1:${ftp.port}/drop/Interview%202.mp4`,
			});
			expect(JSON.stringify(item.json)).not.toContain(':pw@');
		} finally {
			await ftp.close();
		}
	});

	it('Wait Until Ready: READY entries pass, ERROR_IMPORTING and ERROR_CONVERTING fail their own item with the entry ID', async () => {
		const urls = [`${media.url}/media/ok.mp4`, `${media.url}/missing/gone.mp4`, `${media.url}/page/login.mp4`];
		const out = await output(
			{
				operation: 'createFromUrl',
				url: '={{ $json.url }}',
				options: { waitUntilReady: true, waitIntervalSeconds: 1 },
			},
			{ items: urls.map((url) => ({ url })), onError: 'continueRegularOutput' },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ status: 'READY', url: urls[0], duration: expect.any(Number) });
		const importing = out[1].json as { error: string; details: IDataObject };
		expect(importing.details.entryId).toMatch(/^0_/);
		expect(importing.error).toBe(`Entry ${String(importing.details.entryId)} failed with status ERROR_IMPORTING`);
		expect(importing.details.description).toContain('could not download the URL');
		expect(importing.details.url).toBe(urls[1]);
		const converting = out[2].json as { error: string; details: IDataObject };
		expect(converting.error).toBe(`Entry ${String(converting.details.entryId)} failed with status ERROR_CONVERTING`);
		// The watcher checks all entries with one list call per round.
		expect(callsOf('baseentry', 'list').length).toBeLessThan(10);
	});

	it('Wait Until Ready without Continue On Fail fails the node, naming the entry', async () => {
		const result = await run({
			operation: 'createFromUrl',
			url: `${media.url}/missing/x.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(result.error?.message).toMatch(/^Entry 0_[a-z0-9]+ failed with status ERROR_IMPORTING$/);
		expect(result.outputs).toEqual([]);
	});

	it('Wait Until Ready times out with the entry ID and its status', async () => {
		const out = await output(
			{
				operation: 'createFromUrl',
				url: `${media.url}/stall/slow.mp4`,
				options: { waitUntilReady: true, waitIntervalSeconds: 1, waitTimeoutMinutes: 0.01 },
			},
			{ onError: 'continueRegularOutput' },
		);
		expect(out[0].json.error).toMatch(/^Entry 0_[a-z0-9]+ was not ready after 0 minutes \(status IMPORT\)$/);
	});

	it('Replace Entry Content From URL: the entry keeps serving, then has the new bytes', async () => {
		const [created] = await output({
			operation: 'createFromUrl',
			url: `${media.url}/media/v1.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		const entryId = String(created.json.id);
		const [replaced] = await output({
			operation: 'replaceContentFromUrl',
			entryId: byId(entryId),
			url: `${media.url}/media/v2.mp4`,
			options: { conversionProfileId: 1001 },
		});
		expect(replaced.json).toMatchObject({ id: entryId, status: 'READY', url: `${media.url}/media/v2.mp4` });
		const tempId = String(replaced.json.replacingEntryId);
		expect(tempId).toMatch(/^0_/);
		const temp = (await (await fetch(`${sandbox.url}/__sandbox/entries/${tempId}`)).json()) as { fields: IDataObject };
		expect(temp.fields.conversionProfileId).toBe(1001);
		expect(callsOf('media', 'updateContent')).toHaveLength(1);
		// A second replacement while one is in progress is refused by Kaltura.
		const refused = await run({
			operation: 'replaceContentFromUrl',
			entryId: byId(entryId),
			url: `${media.url}/media/v2b.mp4`,
		});
		expect(refused.error?.message).toContain('ENTRY_REPLACEMENT_ALREADY_EXISTS');
		await eventually(
			async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as { replacingEntryId?: string },
			(e) => !e.replacingEntryId,
		);

		// The entry given as its KMC address works the same.
		const [waited] = await output({
			operation: 'replaceContentFromUrl',
			entryId: {
				__rl: true,
				mode: 'url',
				value: `https://kmc.kaltura.com/index.php/kmcng/content/entries/entry/${entryId}/metadata`,
			},
			url: `${media.url}/media/v3.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(waited.json).toMatchObject({ id: entryId, status: 'READY' });
		expect(waited.json.replacingEntryId).toBeUndefined();
		const stored = (await (await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`)).json()) as {
			sha256: string;
		};
		expect(stored.sha256).toBe(sha256(media.bytesFor('v3.mp4')));
	});

	it('Replace reports a failed replacement (old media kept), an unknown entry and an empty entry ID per item', async () => {
		const [created] = await output({
			operation: 'createFromUrl',
			url: `${media.url}/media/keep.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		const entryId = String(created.json.id);
		const out = await output(
			{
				operation: 'replaceContentFromUrl',
				entryId: byId('={{ $json.entryId }}'),
				url: '={{ $json.url }}',
				options: { waitUntilReady: true, waitIntervalSeconds: 1 },
			},
			{
				items: [
					{ entryId, url: `${media.url}/missing/new.mp4` },
					{ entryId: '0_nosuch00', url: `${media.url}/media/a.mp4` },
					{ entryId: '', url: `${media.url}/media/b.mp4` },
				],
				onError: 'continueRegularOutput',
			},
		);
		expect(out[0].json).toMatchObject({
			error: `The new content of entry ${entryId} failed; the entry keeps its old media`,
			details: { entryId },
		});
		expect(out[1].json).toMatchObject({ details: { code: 'ENTRY_ID_NOT_FOUND', entryId: '0_nosuch00' } });
		expect(out[1].json.error).toContain('0_nosuch00');
		expect(out[2].json).toMatchObject({ error: 'The entry is empty' });
	});

	it('mixed good and bad items in one batch: each bad item fails alone, the good ones are created', async () => {
		const urls = [
			`${media.url}/media/one.mp4`,
			'',
			'not a url',
			'file:///etc/passwd',
			`${media.url}/media/no-such-profile.mp4`,
			`${media.url}/media/six.mp4`,
		];
		const references = ['ok-1', 'ok-2', 'ok-3', 'ok-4', 'ok-5', 'ok-6'];
		// Item 4 names a conversion profile Kaltura does not have: only Kaltura can tell.
		const profiles = [0, 0, 0, 0, 999999, 0];
		const out = await output(
			{
				operation: 'createFromUrl',
				url: '={{ $json.url }}',
				entryFields: { referenceId: '={{ $json.referenceId }}', conversionProfileId: '={{ $json.profile }}' },
			},
			{
				items: urls.map((url, i) => ({ url, referenceId: references[i], profile: profiles[i] })),
				onError: 'continueRegularOutput',
			},
		);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(out[0].json).toMatchObject({ referenceId: 'ok-1', status: 'IMPORT' });
		expect(out[1].json).toEqual({ error: 'The URL is empty', details: { description: expect.any(String) } });
		expect(out[2].json).toMatchObject({ error: '"not a url" is not a valid URL', details: { url: 'not a url' } });
		expect(out[3].json).toMatchObject({ error: 'Kaltura cannot import from a "file" URL' });
		expect(out[4].json).toMatchObject({
			error: 'Conversion profile id "999999" not found [CONVERSION_PROFILE_ID_NOT_FOUND]',
			details: { code: 'CONVERSION_PROFILE_ID_NOT_FOUND', url: urls[4] },
		});
		expect(out[5].json).toMatchObject({ referenceId: 'ok-6', status: 'IMPORT' });
		// Only the three valid URLs were sent, together, in one multirequest.
		expect(multirequests()).toHaveLength(1);
		expect(callsOf('media', 'add')).toHaveLength(3);
		expect(callsOf('media', 'add').filter((c) => c.errorCode !== null)).toHaveLength(1);
	});

	it('Continue (using error output): n8n routes the failed items to the error output, in order, with their input', async () => {
		const urls = [`${media.url}/media/e1.mp4`, 'not a url', `${media.url}/media/e3.mp4`, `${media.url}/media/e4.mp4`];
		const references = ['err-1', 'err-2', 'err-3', 'err-4'];
		const profiles = [0, 0, 999999, 0];
		const result = await run(
			{
				operation: 'createFromUrl',
				url: '={{ $json.url }}',
				entryFields: { referenceId: '={{ $json.referenceId }}', conversionProfileId: '={{ $json.profile }}' },
			},
			{
				items: urls.map((url, i) => ({ url, referenceId: references[i], profile: profiles[i], row: i + 1 })),
				onError: 'continueErrorOutput',
			},
		);
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(success.map((o) => o.json.referenceId)).toEqual(['err-1', 'err-4']);
		expect(failed.map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n adds the input item's fields to an error item.
		expect(failed[0].json).toMatchObject({
			row: 2,
			error: '"not a url" is not a valid URL',
			details: { url: 'not a url' },
		});
		expect(failed[1].json).toMatchObject({
			row: 3,
			details: { code: 'CONVERSION_PROFILE_ID_NOT_FOUND', url: urls[2] },
		});
	});

	it('without Continue On Fail, a bad URL stops the run before anything is sent', async () => {
		const result = await run(
			{ operation: 'createFromUrl', url: '={{ $json.url }}' },
			{ items: [{ url: `${media.url}/media/a.mp4` }, { url: 'ftp//broken' }] },
		);
		expect(result.error?.message).toBe('"ftp//broken" is not a valid URL');
		expect(sandbox.requestLog.entries()).toHaveLength(0);
	});

	it('without Continue On Fail, a Kaltura error stops after its batch and fails the node', async () => {
		const profiles = [0, 0, 999999, 0, 0, 0];
		const result = await run(
			{
				operation: 'createFromUrl',
				url: `${media.url}/media/s.mp4`,
				entryFields: { conversionProfileId: '={{ $json.profile }}' },
				options: { batchSize: 2 },
			},
			{ items: profiles.map((profile) => ({ profile })) },
		);
		expect(result.error?.message).toBe('Conversion profile id "999999" not found [CONVERSION_PROFILE_ID_NOT_FOUND]');
		expect(multirequests()).toHaveLength(2);
	});

	it('a request that fails as a whole fails only the items it carried', async () => {
		sandbox.faults.failNext(1, { service: 'media', action: 'add' });
		const out = await output(
			{ operation: 'createFromUrl', url: `${media.url}/media/f.mp4`, options: { batchSize: 2 } },
			{ items: [{}, {}, {}, {}], onError: 'continueRegularOutput' },
		);
		expect(out[0].json.error).toContain('HTTP 503');
		expect(out[1].json.error).toContain('HTTP 503');
		expect(out[2].json.status).toBe('IMPORT');
		expect(out[3].json.status).toBe('IMPORT');
		// Not repeated: media.add creates something, so a retry could duplicate entries.
		expect(multirequests()).toHaveLength(2);
	});

	const skipParams = (url: string): INodeParameters => ({
		operation: 'createFromUrl',
		url,
		entryFields: { referenceId: '={{ $json.referenceId }}' },
		options: { skipIfReferenceIdExists: true },
	});

	it('Skip If Reference ID Exists: a re-run returns the existing entries and creates only new ones', async () => {
		const params = skipParams(`${media.url}/media/s.mp4`);
		const references = ['skip-1', 'skip-2', 'skip-3'];
		const first = await output(params, { items: references.map((referenceId) => ({ referenceId })) });
		expect(first.every((o) => o.json.skipped === undefined)).toBe(true);

		sandbox.requestLog.clear();
		const second = await output(params, { items: [...references, 'skip-4'].map((referenceId) => ({ referenceId })) });
		expect(second.slice(0, 3).map((o) => o.json.id)).toEqual(first.map((o) => o.json.id));
		expect(second.slice(0, 3).every((o) => o.json.skipped === true)).toBe(true);
		expect(second[3].json).toMatchObject({ referenceId: 'skip-4', status: 'IMPORT' });
		expect(second[3].json.skipped).toBeUndefined();
		expect(callsOf('media', 'list')).toHaveLength(1);
		expect(callsOf('media', 'add')).toHaveLength(1);
	});

	it('Skip If Reference ID Exists: repeats within one run share one entry; off means duplicates', async () => {
		const params = skipParams(`${media.url}/media/d.mp4`);
		const out = await output(params, { items: [{ referenceId: 'dup-1' }, { referenceId: 'dup-1' }, {}] });
		expect(out[1].json.id).toBe(out[0].json.id);
		expect(out[1].json.skipped).toBe(true);
		expect(out[2].json.id).not.toBe(out[0].json.id);
		expect(callsOf('media', 'add')).toHaveLength(2);

		const again = await output({ ...params, options: {} }, { items: [{ referenceId: 'dup-1' }] });
		expect(again[0].json.id).not.toBe(out[0].json.id);
	});

	it('Batch Size sets the items per multirequest', async () => {
		await output(
			{ operation: 'createFromUrl', url: `${media.url}/media/b.mp4`, options: { batchSize: 2 } },
			{ items: [{}, {}, {}, {}, {}] },
		);
		expect(multirequests().map((m) => m.subRequests)).toEqual([4, 4, 2]);
	});

	it('1,000 rows with Skip If Reference ID Exists take 22 HTTP requests: 2 lookups of 500, then 20 batches of 50', async () => {
		const items = Array.from({ length: 1000 }, (_, i) => ({
			url: `${media.url}/media/ref-${i}.mp4`,
			referenceId: `bulk-ref-${i}`,
		}));
		const out = await output(skipParams('={{ $json.url }}'), { items });
		expect(out).toHaveLength(1000);
		expect(out.every((o) => o.json.status === 'IMPORT' && o.json.skipped === undefined)).toBe(true);
		expect(new Set(out.map((o) => o.json.id)).size).toBe(1000);
		expect(out[999].json).toMatchObject({
			name: 'ref-999.mp4',
			referenceId: 'bulk-ref-999',
			url: `${media.url}/media/ref-999.mp4`,
		});
		const log = sandbox.requestLog.entries();
		expect(log.filter((e) => e.service === 'media' && e.action === 'list')).toHaveLength(2);
		const batches = log.filter((e) => e.service === 'multirequest');
		expect(batches).toHaveLength(20);
		expect(batches.every((e) => e.subRequests === 100)).toBe(true);
		expect(log).toHaveLength(22);
		await sandbox.runtime.lifecycle.idle();
	}, 60_000);
});

describe('entries whose content Kaltura refuses', () => {
	it('are deleted again, so a failed item leaves no empty entry behind', async () => {
		// A stand-in Kaltura that creates entries but refuses the content of the second one.
		const deleted: string[] = [];
		let counter = 0;
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, IDataObject>;
				const results: unknown[] = [];
				let lastId = '';
				for (const key of Object.keys(body)
					.filter((k) => /^\d+$/.test(k))
					.sort((a, b) => Number(a) - Number(b))) {
					const call = body[key];
					if (call.action === 'add') {
						lastId = `0_fake000${++counter}`;
						results.push({ objectType: 'KalturaMediaEntry', id: lastId, name: 'n', status: 7 });
					} else if (call.action === 'addContent') {
						const url = String((call.resource as IDataObject).url);
						results.push(
							url.includes('refuse')
								? {
										objectType: 'KalturaAPIException',
										code: 'RESOURCE_TYPE_NOT_SUPPORTED',
										message: 'Resource type not supported',
										args: [],
									}
								: { objectType: 'KalturaMediaEntry', id: lastId, name: 'n', status: 0 },
						);
					} else if (call.action === 'delete') {
						deleted.push(String(call.entryId));
						results.push(null);
					}
				}
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(results));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const result = await runNode({
				node: new KalturaImportUrl(),
				credentials: sandboxCredentials({ url: serviceUrl, partnerId: 100, adminSecret: 'secret' }),
				parameters: { operation: 'createFromUrl', url: '={{ $json.url }}' },
				items: [{ json: { url: 'https://ok.example/a.mp4' } }, { json: { url: 'https://refuse.example/b.mp4' } }],
				onError: 'continueRegularOutput',
			});
			const [out] = result.outputs;
			expect(out[0].json).toMatchObject({ id: '0_fake0001', status: 'IMPORT' });
			expect(out[1].json).toMatchObject({
				details: { code: 'RESOURCE_TYPE_NOT_SUPPORTED', url: 'https://refuse.example/b.mp4' },
			});
			expect((out[1].json.details as IDataObject).entryId).toBeUndefined();
			expect(deleted).toEqual(['0_fake0002']);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
