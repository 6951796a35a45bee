/**
 * Sample media served by the sandbox (`/__sandbox/samples/<name>`): typed by extension,
 * deterministic, sized on request, streamed, and good for a URL import that ends READY.
 */
import * as crypto from 'crypto';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { MAX_SAMPLE_SIZE } from '../../../sandbox/engine/sampleMedia';
import { sniffBuffer } from '../../../sandbox/engine/sniff';
import { adminKs, apiCall, eventually } from '../../helpers/kalturaHttp';

let sandbox: Sandbox;
let ks: string;

const sampleUrl = (name: string, query = ''): string => `${sandbox.url}/__sandbox/samples/${name}${query}`;

async function download(name: string, query = ''): Promise<{ res: Response; body: Buffer }> {
	const res = await fetch(sampleUrl(name, query));
	return { res, body: Buffer.from(await res.arrayBuffer()) };
}

const sha256 = (b: Buffer): string => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});

afterAll(async () => {
	await sandbox.close();
});

describe('serving', () => {
	it.each([
		['clip.mp4', 'video/mp4', 'video', 'mp4'],
		['clip.mov', 'video/quicktime', 'video', 'mov'],
		['song.mp3', 'audio/mpeg', 'audio', 'mp3'],
		['photo.jpg', 'image/jpeg', 'image', 'jpeg'],
		['logo.PNG', 'image/png', 'image', 'png'],
	])('serves %s as %s that the sniffer takes for %s', async (name, contentType, kind, format) => {
		const { res, body } = await download(name);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(contentType);
		expect(res.headers.get('content-length')).toBe(String(1024 * 1024));
		expect(body.length).toBe(1024 * 1024);
		expect(sniffBuffer(body.subarray(0, 4096))).toEqual({ kind, format });
	});

	it('gives the same bytes for the same name and size, other bytes for another name', async () => {
		const first = await download('clip.mp4', '?size=100000');
		const again = await download('clip.mp4', '?size=100000');
		const other = await download('other.mp4', '?size=100000');
		expect(first.body.length).toBe(100000);
		expect(sha256(again.body)).toBe(sha256(first.body));
		expect(sha256(other.body)).not.toBe(sha256(first.body));
		// An ftyp box, then one mdat box over the rest of the file.
		const ftypSize = first.body.readUInt32BE(0);
		expect(first.body.subarray(ftypSize + 4, ftypSize + 8).toString('latin1')).toBe('mdat');
		expect(first.body.readUInt32BE(ftypSize)).toBe(100000 - ftypSize);
	});

	it('ends JPEG and PNG samples the way those formats end', async () => {
		const jpg = (await download('photo.jpg', '?size=70000')).body;
		expect(jpg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
		const png = (await download('logo.png', '?size=70000')).body;
		expect(png.subarray(-8, -4).toString('latin1')).toBe('IEND');
	});

	it('answers HEAD with the headers only', async () => {
		const res = await fetch(sampleUrl('clip.mp4', '?size=5000'), { method: 'HEAD' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-length')).toBe('5000');
		expect(res.headers.get('content-type')).toBe('video/mp4');
		expect((await res.arrayBuffer()).byteLength).toBe(0);
	});

	it('refuses unknown types, odd names, bad sizes and other methods', async () => {
		expect((await fetch(sampleUrl('notes.txt'))).status).toBe(404);
		expect((await fetch(sampleUrl('clip'))).status).toBe(404);
		expect((await fetch(sampleUrl('a/clip.mp4'))).status).toBe(404);
		expect((await fetch(sampleUrl('.mp4'))).status).toBe(404);
		expect((await fetch(sampleUrl('clip.mp4', `?size=${MAX_SAMPLE_SIZE + 1}`))).status).toBe(400);
		expect((await fetch(sampleUrl('clip.mp4', '?size=10'))).status).toBe(400);
		expect((await fetch(sampleUrl('clip.mp4', '?size=1e6'))).status).toBe(400);
		const post = await fetch(sampleUrl('clip.mp4'), { method: 'POST' });
		expect(post.status).toBe(405);
		expect(post.headers.get('allow')).toBe('GET, HEAD');
	});

	it('streams the largest size in pieces', async () => {
		const res = await fetch(sampleUrl('big.mp4', `?size=${MAX_SAMPLE_SIZE}`));
		expect(res.headers.get('content-length')).toBe(String(MAX_SAMPLE_SIZE));
		let received = 0;
		let pieces = 0;
		for await (const piece of res.body!) {
			received += (piece as Uint8Array).length;
			pieces++;
		}
		expect(received).toBe(MAX_SAMPLE_SIZE);
		expect(pieces).toBeGreaterThan(1);
	});
});

describe('URL import of a sample', () => {
	it.each([
		['clip.mp4', 1],
		['song.mp3', 5],
		['photo.jpg', 2],
	])('%s imports to a READY entry of media type %i', async (name, mediaType) => {
		const entry = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name },
		})) as { id: string };
		await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUrlResource', url: sampleUrl(name, '?size=200000') },
		});
		const ready = await eventually(
			async () =>
				(await apiCall(sandbox.url, 'media', 'get', { ks, entryId: entry.id })) as {
					status: number;
					mediaType: number;
				},
			(e) => [2, -1, -2].includes(e.status),
		);
		expect(ready).toMatchObject({ status: 2, mediaType });
		const stored = (await (await fetch(`${sandbox.url}/__sandbox/entries/${entry.id}/sha256`)).json()) as {
			size: number;
			sha256: string;
		};
		expect(stored).toMatchObject({ size: 200000, sha256: sha256((await download(name, '?size=200000')).body) });
	});
});
