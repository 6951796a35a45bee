/**
 * URL imports in the sandbox (reference §4.4): the sandbox downloads KalturaUrlResource URLs
 * itself, streaming to disk, with the entry in IMPORT meanwhile; unreachable URLs and HTTP
 * errors end in ERROR_IMPORTING, downloaded non-media in ERROR_CONVERTING.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startSandbox, type Sandbox } from '../../../sandbox';
import { importUrl } from '../../../sandbox/engine/urlImport';
import { adminKs, apiCall, eventually } from '../../helpers/kalturaHttp';
import { startFtpServer, type FtpServer } from '../../helpers/ftpServer';
import { fakeMp4, sha256 } from '../../helpers/media';
import { startMediaServer, type MediaServer } from '../../helpers/mediaServer';

interface Entry {
	id: string;
	status: number;
	mediaType?: number;
	sourceType?: number | string;
	replacingEntryId?: string;
	replacementStatus?: number;
	code?: string;
}

let sandbox: Sandbox;
let media: MediaServer;
let ks: string;

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50, importTimeoutMs: 500 });
	media = await startMediaServer();
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});

afterAll(async () => {
	await sandbox.close();
	await media.close();
});

async function importInto(
	url: string,
	extra: Record<string, unknown> = {},
	objectType = 'KalturaUrlResource',
): Promise<Entry> {
	const entry = (await apiCall(sandbox.url, 'media', 'add', {
		ks,
		entry: { objectType: 'KalturaMediaEntry', name: 'From URL' },
	})) as Entry;
	return (await apiCall(sandbox.url, 'media', 'addContent', {
		ks,
		entryId: entry.id,
		resource: { objectType, url, ...extra },
	})) as Entry;
}

async function finalStatus(entryId: string): Promise<Entry> {
	return await eventually(
		async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as Entry,
		(e) => [2, -1, -2].includes(e.status),
	);
}

async function storedSha(entryId: string): Promise<string> {
	const res = await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`);
	return ((await res.json()) as { sha256: string }).sha256;
}

describe('sandbox URL import', () => {
	it('answers addContent with IMPORT, then downloads the bytes and ends READY with the same content', async () => {
		const added = await importInto(`${media.url}/media/clip-a.mp4`);
		expect(added.status).toBe(0);
		expect(added.sourceType).toBe(5); // KalturaSourceType.URL
		const done = await finalStatus(added.id);
		expect(done.status).toBe(2);
		expect(done.mediaType).toBe(1);
		expect(await storedSha(added.id)).toBe(sha256(media.bytesFor('clip-a.mp4')));
	});

	it('ends in ERROR_IMPORTING when the server answers 404', async () => {
		const added = await importInto(`${media.url}/missing/gone.mp4`);
		expect((await finalStatus(added.id)).status).toBe(-2);
	});

	it('ends in ERROR_IMPORTING when nothing listens on the port', async () => {
		const added = await importInto('http://127.0.0.1:1/nothing.mp4');
		expect((await finalStatus(added.id)).status).toBe(-2);
	});

	it('ends in ERROR_CONVERTING when the download is not media (an HTML page)', async () => {
		const added = await importInto(`${media.url}/page/login.mp4`);
		expect((await finalStatus(added.id)).status).toBe(-1);
	});

	it('follows redirects', async () => {
		const added = await importInto(`${media.url}/redirect/moved.mp4`);
		expect((await finalStatus(added.id)).status).toBe(2);
		expect(await storedSha(added.id)).toBe(sha256(media.bytesFor('moved.mp4')));
	});

	it('ends in ERROR_IMPORTING (instead of staying in IMPORT) when a redirect points nowhere valid', async () => {
		const added = await importInto(`${media.url}/badredirect/x.mp4`);
		expect((await finalStatus(added.id)).status).toBe(-2);
	});

	it('sends urlHeaders with the download', async () => {
		const withHeader = await importInto(`${media.url}/private/secret.mp4`, {
			urlHeaders: [{ objectType: 'KalturaString', value: 'Authorization: Bearer letmein' }],
		});
		const without = await importInto(`${media.url}/private/secret.mp4`);
		expect((await finalStatus(withHeader.id)).status).toBe(2);
		expect((await finalStatus(without.id)).status).toBe(-2);
	});

	it('keeps a file name with a broken %-escape instead of failing the import', async () => {
		const added = await importInto(`${media.url}/media/100%25-real%E0.mp4`);
		expect((await finalStatus(added.id)).status).toBe(2);
	});

	it('accepts KalturaSshUrlResource; sftp is not downloaded by the sandbox and ends in ERROR_IMPORTING', async () => {
		const added = await importInto('sftp://127.0.0.1:1/media/clip.mp4', {}, 'KalturaSshUrlResource');
		expect(added.status).toBe(0);
		expect((await finalStatus(added.id)).status).toBe(-2);
	});

	describe('ftp', () => {
		let ftp: FtpServer;
		const clip = fakeMp4(5000, 'ftp-clip');
		beforeAll(async () => {
			ftp = await startFtpServer({ '/pub/clip one.mp4': clip, '/home/user/private.mp4': clip });
		});
		afterAll(async () => {
			await ftp.close();
		});

		it('downloads anonymously in passive binary mode and ends READY with the same bytes', async () => {
			const added = await importInto(`${ftp.url}/pub/clip%20one.mp4`);
			expect((await finalStatus(added.id)).status).toBe(2);
			expect(await storedSha(added.id)).toBe(sha256(clip));
			expect(ftp.commands).toEqual(
				expect.arrayContaining(['USER anonymous', 'TYPE I', 'PASV', 'RETR /pub/clip one.mp4']),
			);
		});

		it('logs in with the credentials in the URL; a wrong password or a missing file is ERROR_IMPORTING', async () => {
			const good = await importInto(`ftp://user:pw@127.0.0.1:${ftp.port}/home/user/private.mp4`);
			const badPassword = await importInto(`ftp://user:nope@127.0.0.1:${ftp.port}/home/user/private.mp4`);
			const missing = await importInto(`${ftp.url}/pub/nothing.mp4`);
			expect((await finalStatus(good.id)).status).toBe(2);
			expect((await finalStatus(badPassword.id)).status).toBe(-2);
			expect((await finalStatus(missing.id)).status).toBe(-2);
		});
	});

	it('ends in ERROR_IMPORTING for schemes Kaltura does not download (file://)', async () => {
		const added = await importInto('file:///etc/passwd');
		expect((await finalStatus(added.id)).status).toBe(-2);
	});

	it('replaces the content of a READY entry from a URL (updateContent), the entry staying READY', async () => {
		const first = await importInto(`${media.url}/media/old.mp4`);
		await finalStatus(first.id);
		const replacing = (await apiCall(sandbox.url, 'media', 'updateContent', {
			ks,
			entryId: first.id,
			resource: { objectType: 'KalturaUrlResource', url: `${media.url}/media/new.mp4` },
		})) as Entry;
		expect(replacing.status).toBe(2);
		expect(replacing.replacingEntryId).toBeTruthy();
		const swapped = await eventually(
			async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId: first.id })) as Entry,
			(e) => !e.replacingEntryId,
		);
		expect(swapped.status).toBe(2);
		expect(await storedSha(first.id)).toBe(sha256(media.bytesFor('new.mp4')));
	});

	it('marks a replacement from an unreachable URL as failed and keeps the old content', async () => {
		const first = await importInto(`${media.url}/media/keep.mp4`);
		await finalStatus(first.id);
		await apiCall(sandbox.url, 'media', 'updateContent', {
			ks,
			entryId: first.id,
			resource: { objectType: 'KalturaUrlResource', url: `${media.url}/missing/new.mp4` },
		});
		const failed = await eventually(
			async () => (await apiCall(sandbox.url, 'media', 'get', { ks, entryId: first.id })) as Entry,
			(e) => e.replacementStatus === 4,
		);
		expect(failed.status).toBe(2);
		expect(await storedSha(first.id)).toBe(sha256(media.bytesFor('keep.mp4')));
	});
});

describe('importUrl (engine)', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'url-import-'));
	});
	afterAll(async () => {
		await fsp.rm(dir, { recursive: true, force: true });
	});

	it('streams the body to the destination and reports size and decoded file name', async () => {
		const dest = path.join(dir, 'a');
		const result = await importUrl(`${media.url}/media/My%20Talk.mp4`, dest, [], 1000, new AbortController().signal);
		expect(result).toEqual({ ok: true, size: 4096, fileName: 'My Talk.mp4' });
		expect(sha256(await fsp.readFile(dest))).toBe(sha256(media.bytesFor('My Talk.mp4')));
	});

	it('gives up on a download that stalls longer than the timeout', async () => {
		const started = Date.now();
		const result = await importUrl(
			`${media.url}/stall/slow.mp4`,
			path.join(dir, 'b'),
			[],
			200,
			new AbortController().signal,
		);
		expect(result.ok).toBe(false);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('reports a malformed URL and an unsupported scheme without throwing', async () => {
		const signal = new AbortController().signal;
		expect(await importUrl('not a url', path.join(dir, 'c'), [], 100, signal)).toEqual({
			ok: false,
			reason: 'invalid url',
		});
		expect(await importUrl('gopher://127.0.0.1/x.mp4', path.join(dir, 'd'), [], 100, signal)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('unsupported scheme'),
		});
	});
});
