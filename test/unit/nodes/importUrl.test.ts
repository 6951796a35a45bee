/**
 * The Kaltura Import URL node: URL checks and names (pure), then against the sandbox with a local
 * media server on 127.0.0.1: both operations, every option, Skip If Reference ID Exists, mixed
 * good and bad items in one batch, Wait Until Ready outcomes, and the number of HTTP calls.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import type { KalturaCall } from '../../../nodes/kaltura/client/client';
import { KalturaClient } from '../../../nodes/kaltura/client/client';
import { KalturaImportUrl } from '../../../nodes/KalturaImportUrl/KalturaImportUrl.node';
import {
	checkImportUrl,
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
import { createExecuteContext, sandboxCredentials } from '../../helpers/n8nContext';

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
		expect(checkImportUrl('file:///etc/passwd')).toMatchObject({ ok: false, message: 'Kaltura cannot import from a "file" URL' });
		expect(checkImportUrl('javascript:alert(1)')).toMatchObject({ ok: false, message: 'Kaltura cannot import from a "javascript" URL' });
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
		expect(parseHeaderLines('Authorization: Bearer t\r\n\n  X-Token:1 \nnot a header\n: nameless')).toEqual([
			'Authorization: Bearer t',
			'X-Token:1',
		]);
		expect(parseHeaderLines(undefined)).toEqual([]);
	});

	it('masks a password written into the URL for the output, and nothing else', () => {
		expect(displayUrl(new URL('ftp://bob:s3cret@ftp.example.com/a.mp4'))).toBe('ftp://bob:***@ftp.example.com/a.mp4');
		expect(displayUrl(new URL('https://x.com/a.mp4?sig=abc'))).toBe('https://x.com/a.mp4?sig=abc');
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

	type Params = Record<string, unknown> | ((name: string, i: number) => unknown);

	async function run(parameters: Params, options: { items?: number; continueOnFail?: boolean; serviceUrl?: string } = {}) {
		const credentials = sandboxCredentials(sandbox, options.serviceUrl ? { serviceUrl: options.serviceUrl } : {});
		const { context } = createExecuteContext({
			credentials,
			parameters,
			items: Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
			continueOnFail: options.continueOnFail,
		});
		const [out] = await node.execute.call(context);
		return out;
	}

	/** Per-item parameters: `perItem[name]` is an array indexed by item, anything else is shared. */
	function itemParams(shared: Record<string, unknown>, perItem: Record<string, unknown[]>): Params {
		return (name, i) => (name in perItem ? perItem[name][i] : shared[name]);
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
		const [item] = await run({
			operation: 'createFromUrl',
			url,
			entryFields: {
				description: 'Imported',
				tags: 'a, b',
				categories: 'Training>Onboarding',
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
			categories: 'Training>Onboarding',
			referenceId: 'crm-1',
			userId: 'owner@example.com',
			conversionProfileId: 1001,
			url,
		});
		expect(multirequests()).toHaveLength(1);
		expect(multirequests()[0].calls.map((c) => `${c.service}.${c.action}`)).toEqual(['media.add', 'media.addcontent']);
		const entryId = String(item.json.id);
		await eventually(
			async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as { status: number },
			(e) => e.status === 2,
		);
		const stored = (await (await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`)).json()) as { sha256: string };
		expect(stored.sha256).toBe(sha256(media.bytesFor('My Talk.mp4')));
		const text = JSON.stringify(item.json);
		expect(text).not.toMatch(/djJ8/);
		expect(text).not.toContain(sandbox.adminSecret);
	});

	it('uses the given name and media type instead of the automatic ones', async () => {
		const [item] = await run({ operation: 'createFromUrl', url: `${media.url}/media/x.mp4`, name: ' Board meeting ', mediaType: 5 });
		expect(item.json).toMatchObject({ name: 'Board meeting', mediaType: 'AUDIO', mediaTypeCode: 5 });
	});

	it('sends Force Async Download and HTTP Headers with the URL resource; Kaltura fetches with the header', async () => {
		const spy = jest.spyOn(KalturaClient.prototype, 'multirequest');
		try {
			const [item] = await run({
				operation: 'createFromUrl',
				url: `${media.url}/private/report.mp4`,
				options: { forceAsyncDownload: true, urlHeaders: 'Authorization: Bearer letmein', waitUntilReady: true, waitIntervalSeconds: 1 },
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
			expect(media.hits.some((h) => h.path === '/private/report.mp4' && h.headers.authorization === 'Bearer letmein')).toBe(true);
		} finally {
			spy.mockRestore();
		}
	});

	it('imports from an ftp URL (with credentials in the URL) as a KalturaUrlResource', async () => {
		const ftp = await startFtpServer({ '/drop/Interview 2.mp4': fakeMp4(3000, 'ftp') });
		try {
			const url = `ftp://user:pw@127.0.0.1:${ftp.port}/drop/Interview%202.mp4`;
			const [item] = await run({ operation: 'createFromUrl', url, options: { waitUntilReady: true, waitIntervalSeconds: 1 } });
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
		const out = await run(
			itemParams({ operation: 'createFromUrl', options: { waitUntilReady: true, waitIntervalSeconds: 1 } }, { url: urls }),
			{ items: 3, continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ status: 'READY', url: urls[0], duration: expect.any(Number) });
		const importing = out[1].json;
		expect(importing.entryId).toMatch(/^0_/);
		expect(importing.error).toBe(`Entry ${String(importing.entryId)} failed with status ERROR_IMPORTING`);
		expect(importing.errorDescription).toContain('could not download the URL');
		expect(importing.url).toBe(urls[1]);
		expect(out[2].json.error).toBe(`Entry ${String(out[2].json.entryId)} failed with status ERROR_CONVERTING`);
		// The watcher checks all entries with one list call per round.
		expect(callsOf('baseentry', 'list').length).toBeLessThan(10);
	});

	it('Wait Until Ready without Continue On Fail throws the failure, naming the entry', async () => {
		await expect(
			run({
				operation: 'createFromUrl',
				url: `${media.url}/missing/x.mp4`,
				options: { waitUntilReady: true, waitIntervalSeconds: 1 },
			}),
		).rejects.toThrow(/^Entry 0_[a-z0-9]+ failed with status ERROR_IMPORTING$/);
	});

	it('Wait Until Ready times out with the entry ID and its status', async () => {
		const out = await run(
			{
				operation: 'createFromUrl',
				url: `${media.url}/stall/slow.mp4`,
				options: { waitUntilReady: true, waitIntervalSeconds: 1, waitTimeoutMinutes: 0.01 },
			},
			{ continueOnFail: true },
		);
		expect(out[0].json.error).toMatch(/^Entry 0_[a-z0-9]+ was not ready after 0 minutes \(status IMPORT\)$/);
	});

	it('Replace Entry Content From URL: the entry keeps serving, then has the new bytes', async () => {
		const [created] = await run({
			operation: 'createFromUrl',
			url: `${media.url}/media/v1.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		const entryId = String(created.json.id);
		const [replaced] = await run({
			operation: 'replaceContentFromUrl',
			entryId,
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
		await expect(
			run({ operation: 'replaceContentFromUrl', entryId, url: `${media.url}/media/v2b.mp4` }),
		).rejects.toThrow('ENTRY_REPLACEMENT_ALREADY_EXISTS');
		await eventually(
			async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as { replacingEntryId?: string },
			(e) => !e.replacingEntryId,
		);

		const [waited] = await run({
			operation: 'replaceContentFromUrl',
			entryId,
			url: `${media.url}/media/v3.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		expect(waited.json).toMatchObject({ id: entryId, status: 'READY' });
		expect(waited.json.replacingEntryId).toBeUndefined();
		const stored = (await (await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`)).json()) as { sha256: string };
		expect(stored.sha256).toBe(sha256(media.bytesFor('v3.mp4')));
	});

	it('Replace reports a failed replacement (old media kept), an unknown entry and an empty entry ID per item', async () => {
		const [created] = await run({
			operation: 'createFromUrl',
			url: `${media.url}/media/keep.mp4`,
			options: { waitUntilReady: true, waitIntervalSeconds: 1 },
		});
		const entryId = String(created.json.id);
		const out = await run(
			itemParams(
				{ operation: 'replaceContentFromUrl', options: { waitUntilReady: true, waitIntervalSeconds: 1 } },
				{
					entryId: [entryId, '0_nosuch00', ''],
					url: [`${media.url}/missing/new.mp4`, `${media.url}/media/a.mp4`, `${media.url}/media/b.mp4`],
				},
			),
			{ items: 3, continueOnFail: true },
		);
		expect(out[0].json).toMatchObject({ entryId, error: `The new content of entry ${entryId} failed; the entry keeps its old media` });
		expect(out[1].json).toMatchObject({ errorCode: 'ENTRY_ID_NOT_FOUND' });
		expect(out[1].json.error).toContain('0_nosuch00');
		expect(out[2].json).toMatchObject({ error: 'The entry ID is empty' });
	});

	it('mixed good and bad items in one batch: each bad item fails alone, the good ones are created', async () => {
		const urls = [
			`${media.url}/media/one.mp4`,
			'',
			'not a url',
			'file:///etc/passwd',
			`${media.url}/media/short-ref.mp4`,
			`${media.url}/media/six.mp4`,
		];
		const references = ['ok-1', 'ok-2', 'ok-3', 'ok-4', 'x', 'ok-6'];
		const out = await run(
			itemParams(
				{ operation: 'createFromUrl' },
				{ url: urls, entryFields: references.map((referenceId) => ({ referenceId })) },
			),
			{ items: 6, continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(out[0].json).toMatchObject({ referenceId: 'ok-1', status: 'IMPORT' });
		expect(out[1].json).toMatchObject({ error: 'The URL is empty', url: '' });
		expect(out[2].json).toMatchObject({ error: '"not a url" is not a valid URL', url: 'not a url' });
		expect(out[3].json).toMatchObject({ error: 'Kaltura cannot import from a "file" URL' });
		expect(out[4].json).toMatchObject({ errorCode: 'PROPERTY_VALIDATION_MIN_LENGTH', url: urls[4] });
		expect(out[5].json).toMatchObject({ referenceId: 'ok-6', status: 'IMPORT' });
		// Only the three valid URLs were sent, together, in one multirequest.
		expect(multirequests()).toHaveLength(1);
		expect(callsOf('media', 'add')).toHaveLength(3);
		expect(callsOf('media', 'add').filter((c) => c.errorCode !== null)).toHaveLength(1);
	});

	it('without Continue On Fail, a bad URL stops the run before anything is sent', async () => {
		await expect(
			run(itemParams({ operation: 'createFromUrl' }, { url: [`${media.url}/media/a.mp4`, 'ftp//broken'] }), { items: 2 }),
		).rejects.toThrow('"ftp//broken" is not a valid URL');
		expect(sandbox.requestLog.entries()).toHaveLength(0);
	});

	it('without Continue On Fail, a Kaltura error stops after its batch and is thrown', async () => {
		const references = ['a-1', 'a-2', 'x', 'a-4', 'a-5', 'a-6'];
		await expect(
			run(
				itemParams(
					{ operation: 'createFromUrl', url: `${media.url}/media/s.mp4`, options: { batchSize: 2 } },
					{ entryFields: references.map((referenceId) => ({ referenceId })) },
				),
				{ items: 6 },
			),
		).rejects.toThrow(/min length of 2/);
		expect(multirequests()).toHaveLength(2);
	});

	it('a request that fails as a whole fails only the items it carried', async () => {
		sandbox.faults.failNext(1, { service: 'media', action: 'add' });
		const out = await run(
			{ operation: 'createFromUrl', url: `${media.url}/media/f.mp4`, options: { batchSize: 2 } },
			{ items: 4, continueOnFail: true },
		);
		expect(out[0].json.error).toContain('HTTP 503');
		expect(out[1].json.error).toContain('HTTP 503');
		expect(out[2].json.status).toBe('IMPORT');
		expect(out[3].json.status).toBe('IMPORT');
		// Not repeated: media.add creates something, so a retry could duplicate entries.
		expect(multirequests()).toHaveLength(2);
	});

	it('Skip If Reference ID Exists: a re-run returns the existing entries and creates only new ones', async () => {
		const references = ['skip-1', 'skip-2', 'skip-3'];
		const params = (refs: string[]) =>
			itemParams(
				{ operation: 'createFromUrl', url: `${media.url}/media/s.mp4`, options: { skipIfReferenceIdExists: true } },
				{ entryFields: refs.map((referenceId) => ({ referenceId })) },
			);
		const first = await run(params(references), { items: 3 });
		expect(first.every((o) => o.json.skipped === undefined)).toBe(true);

		sandbox.requestLog.clear();
		const second = await run(params([...references, 'skip-4']), { items: 4 });
		expect(second.slice(0, 3).map((o) => o.json.id)).toEqual(first.map((o) => o.json.id));
		expect(second.slice(0, 3).every((o) => o.json.skipped === true)).toBe(true);
		expect(second[3].json).toMatchObject({ referenceId: 'skip-4', status: 'IMPORT' });
		expect(second[3].json.skipped).toBeUndefined();
		expect(callsOf('media', 'list')).toHaveLength(1);
		expect(callsOf('media', 'add')).toHaveLength(1);
	});

	it('Skip If Reference ID Exists: repeats within one run share one entry; off means duplicates', async () => {
		const out = await run(
			itemParams(
				{ operation: 'createFromUrl', url: `${media.url}/media/d.mp4`, options: { skipIfReferenceIdExists: true } },
				{ entryFields: [{ referenceId: 'dup-1' }, { referenceId: 'dup-1' }, {}] },
			),
			{ items: 3 },
		);
		expect(out[1].json.id).toBe(out[0].json.id);
		expect(out[1].json.skipped).toBe(true);
		expect(out[2].json.id).not.toBe(out[0].json.id);
		expect(callsOf('media', 'add')).toHaveLength(2);

		const again = await run(
			itemParams({ operation: 'createFromUrl', url: `${media.url}/media/d.mp4` }, { entryFields: [{ referenceId: 'dup-1' }] }),
		);
		expect(again[0].json.id).not.toBe(out[0].json.id);
	});

	it('Batch Size sets the items per multirequest', async () => {
		await run({ operation: 'createFromUrl', url: `${media.url}/media/b.mp4`, options: { batchSize: 2 } }, { items: 5 });
		expect(multirequests().map((m) => m.subRequests)).toEqual([4, 4, 2]);
	});

	it('imports 1,000 URLs in 20 HTTP requests (50 per multirequest)', async () => {
		const started = Date.now();
		const out = await run(
			itemParams({ operation: 'createFromUrl' }, { url: Array.from({ length: 1000 }, (_, i) => `${media.url}/media/bulk-${i}.mp4`) }),
			{ items: 1000 },
		);
		expect(out).toHaveLength(1000);
		expect(out.every((o) => o.json.status === 'IMPORT')).toBe(true);
		expect(new Set(out.map((o) => o.json.id)).size).toBe(1000);
		expect(out[999].json).toMatchObject({ name: 'bulk-999.mp4', url: `${media.url}/media/bulk-999.mp4` });
		const log = sandbox.requestLog.entries();
		expect(log).toHaveLength(20);
		expect(log.every((e) => e.service === 'multirequest' && e.subRequests === 100)).toBe(true);
		expect(Date.now() - started).toBeLessThan(20_000);
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
				for (const key of Object.keys(body).filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b))) {
					const call = body[key];
					if (call.action === 'add') {
						lastId = `0_fake${++counter}`;
						results.push({ objectType: 'KalturaMediaEntry', id: lastId, name: 'n', status: 7 });
					} else if (call.action === 'addContent') {
						const url = String((call.resource as IDataObject).url);
						results.push(
							url.includes('refuse')
								? { objectType: 'KalturaAPIException', code: 'RESOURCE_TYPE_NOT_SUPPORTED', message: 'Resource type not supported', args: [] }
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
			const { context } = createExecuteContext({
				credentials: sandboxCredentials({ url: serviceUrl, partnerId: 100, adminSecret: 'secret' }),
				parameters: (name: string, i: number) =>
					({ operation: 'createFromUrl', url: ['https://ok.example/a.mp4', 'https://refuse.example/b.mp4'][i] })[name],
				items: [{ json: {} }, { json: {} }],
				continueOnFail: true,
			});
			const [out] = await new KalturaImportUrl().execute.call(context);
			expect(out[0].json).toMatchObject({ id: '0_fake1', status: 'IMPORT' });
			expect(out[1].json).toMatchObject({ errorCode: 'RESOURCE_TYPE_NOT_SUPPORTED', url: 'https://refuse.example/b.mp4' });
			expect(out[1].json.entryId).toBeUndefined();
			expect(deleted).toEqual(['0_fake2']);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
