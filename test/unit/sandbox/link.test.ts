/**
 * The emulated link: request bodies cross it no faster than its bandwidth, all connections
 * sharing it, and the fault plan sets and clears it.
 */
import { Link } from '../../../sandbox/link';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';

describe('Link bookings', () => {
	it('books bytes one after another at the bandwidth, whoever sends them', async () => {
		let clock = 1000;
		const pauses: number[] = [];
		// 8 Mbit/s = 1000 bytes per millisecond; pauses are recorded, not slept.
		const link = new Link(
			8,
			() => clock,
			async (ms) => void pauses.push(ms),
		);
		await Promise.all([link.carry(500), link.carry(1500), link.carry(2000)]);
		// Booked back to back: the link is busy until 1000.5, 1002 and 1004 ms. Under a
		// millisecond owed is not worth a timer; the booking still counts for the next one.
		expect(pauses).toEqual([2, 4]);
		clock = 1010; // idle since 1004: a new booking starts from now
		await link.carry(3000);
		expect(pauses).toEqual([2, 4, 3]);
		expect(link.bandwidthMbps).toBe(8);
	});

	it('refuses a negative or non-numeric bandwidth and treats 0 as unlimited', async () => {
		expect(() => new Link(-1)).toThrow(/Mbit\/s/);
		expect(() => new Link(Number.NaN)).toThrow(/Mbit\/s/);
		const pauses: number[] = [];
		const link = new Link(
			0,
			() => 0,
			async (ms) => void pauses.push(ms),
		);
		await link.carry(1e12);
		expect(pauses).toEqual([]);
		const body = (async function* () {
			yield Buffer.alloc(5000);
		})();
		expect(link.through(body)).toBe(body); // nothing in the way of an unlimited link
		link.setBandwidth(8);
		expect(link.through(body)).not.toBe(body);
		await link.carry(5000);
		expect(pauses).toEqual([5]);
	});
});

describe('bandwidth in the fault plan', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processingMs: 50 });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	async function uploadMs(bytes: number): Promise<number> {
		const ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
		const token = (await apiCall(sandbox.url, 'uploadtoken', 'add', {
			ks,
			uploadToken: { objectType: 'KalturaUploadToken' },
		})) as { id: string };
		const form = new FormData();
		form.append(
			'json',
			JSON.stringify({ format: 1, ks, uploadTokenId: token.id, resume: false, finalChunk: true, resumeAt: 0 }),
		);
		form.append('fileData', new Blob([Buffer.alloc(bytes, 7)]), 'clip.mp4');
		const started = performance.now();
		const res = await fetch(`${sandbox.url}/api_v3/service/uploadtoken/action/upload`, { method: 'POST', body: form });
		const answer = (await res.json()) as { uploadedFileSize?: number };
		expect(answer.uploadedFileSize).toBe(bytes);
		return performance.now() - started;
	}

	it('slows request bodies to the bandwidth set, and back to full speed once cleared', async () => {
		const bytes = 2 * 1024 * 1024;
		const plan = (await (
			await fetch(`${sandbox.url}/__sandbox/faults`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ bandwidthMbps: 80 }), // 10 MB/s: 2 MiB take about 210 ms
			})
		).json()) as { bandwidthMbps: number; latencyMs: number };
		expect(plan).toMatchObject({ bandwidthMbps: 80, latencyMs: 0 });
		// A lower bound only: a busy machine can make it slower, never faster.
		expect(await uploadMs(bytes)).toBeGreaterThanOrEqual(190);

		await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
		expect(sandbox.faults.plan().bandwidthMbps).toBe(0);
		expect(sandbox.faults.link.bandwidthMbps).toBe(0);
	});
});
