/**
 * The engine's pure parts: re-chunking any stream to exact sizes, adaptive chunk sizing,
 * resume marker names, progress lines.
 */
import { createHash } from 'crypto';

import { BufferPool } from '../../../nodes/kaltura/upload/bufferPool';
import { ChunkReader } from '../../../nodes/kaltura/upload/chunkReader';
import { ChunkSizer } from '../../../nodes/kaltura/upload/chunkSizer';
import { FileHash } from '../../../nodes/kaltura/upload/fileHash';
import { ProgressLog, formatBytes } from '../../../nodes/kaltura/upload/progressLog';
import { markerFileName, markerKey, parseMarker, prefixMatches } from '../../../nodes/kaltura/upload/resumeMarkers';

async function* piecesOf(data: Buffer, sizes: number[]): AsyncIterable<Buffer> {
	let offset = 0;
	for (let i = 0; offset < data.length; i++) {
		const size = sizes[i % sizes.length];
		yield data.subarray(offset, offset + size);
		offset += size;
	}
}

const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));

describe('ChunkReader', () => {
	it('cuts pieces of any size into exact reads and a short last one', async () => {
		const reader = new ChunkReader(piecesOf(data, [3, 250, 1, 97]));
		const sizes: number[] = [];
		const parts: Buffer[] = [];
		for (;;) {
			const chunk = await reader.read(128);
			if (chunk.length === 0) break;
			sizes.push(chunk.length);
			parts.push(Buffer.from(chunk));
		}
		expect(sizes).toEqual([128, 128, 128, 128, 128, 128, 128, 104]);
		expect(Buffer.concat(parts).equals(data)).toBe(true);
		expect(reader.position).toBe(1000);
		expect(await reader.atEnd()).toBe(true);
	});

	it('passes a piece of exactly the asked size on without copying it', async () => {
		const pieces = [data.subarray(0, 500), data.subarray(500)];
		const reader = new ChunkReader(
			(async function* () {
				yield* pieces;
			})(),
		);
		const first = await reader.read(500);
		expect(first).toBe(pieces[0]);
	});

	it('skips a prefix piece by piece (for hashing) and then reads on from there', async () => {
		const reader = new ChunkReader(piecesOf(data, [300, 300, 400]));
		const seen: number[] = [];
		expect(await reader.skip(450, (piece) => seen.push(piece.length))).toBe(450);
		expect(seen).toEqual([300, 150]);
		expect((await reader.read(10)).equals(data.subarray(450, 460))).toBe(true);
		expect(await reader.skip(10_000, () => undefined)).toBe(540);
	});

	it('copies exact reads into a given buffer, and says how much a short stream gave', async () => {
		const reader = new ChunkReader(piecesOf(data, [3, 250, 1, 97]));
		const target = Buffer.alloc(600);
		expect(await reader.readInto(target, 600)).toBe(600);
		expect(target.equals(data.subarray(0, 600))).toBe(true);
		expect(await reader.readInto(target, 600)).toBe(400);
		expect(target.subarray(0, 400).equals(data.subarray(600))).toBe(true);
		expect(reader.position).toBe(1000);
	});

	it('accepts Uint8Array and string pieces and tolerates empty ones', async () => {
		const reader = new ChunkReader(
			(async function* () {
				yield new Uint8Array([1, 2]);
				yield Buffer.alloc(0);
				yield 'ab';
			})(),
		);
		expect([...(await reader.read(10))]).toEqual([1, 2, 97, 98]);
	});

	/** An iterator over 10-byte pieces that logs each request and can fail the one at `failAt`. */
	function loggingSource(log: string[], count: number, failAt = -1): AsyncIterable<Buffer> {
		let asked = 0;
		return {
			[Symbol.asyncIterator]: () => ({
				next: async () => {
					const n = asked++;
					log.push(`ask ${n}`);
					if (n === failAt) throw new Error('disk read failed');
					return n < count ? { done: false, value: Buffer.alloc(10, n) } : { done: true, value: undefined };
				},
				return: async () => {
					log.push('return');
					return { done: true, value: undefined };
				},
			}),
		};
	}

	it('asks for the next piece before handing out the current one (reading overlaps hashing)', async () => {
		const log: string[] = [];
		const reader = new ChunkReader(loggingSource(log, 3));
		await reader.read(10);
		log.push('handed 0');
		await reader.read(10);
		log.push('handed 1');
		expect(log).toEqual(['ask 0', 'ask 1', 'handed 0', 'ask 2', 'handed 1']);
		await reader.close();
		expect(log.slice(-1)).toEqual(['return']);
	});

	it('reports a failed read-ahead on the read that needs it, and still closes cleanly', async () => {
		const unhandled: unknown[] = [];
		const record = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', record);
		try {
			const reader = new ChunkReader(loggingSource([], 3, 1));
			expect((await reader.read(10)).equals(Buffer.alloc(10, 0))).toBe(true); // the failure is not this read's
			await new Promise((resolve) => setImmediate(resolve)); // time for an unhandled rejection to be reported
			await expect(reader.read(10)).rejects.toThrow('disk read failed');
			const other = new ChunkReader(loggingSource([], 3, 1));
			await other.read(10);
			await new Promise((resolve) => setImmediate(resolve));
			await expect(other.close()).resolves.toBeUndefined(); // failed read-ahead, never needed
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', record);
		}
	});

	it('closes the source stream early', async () => {
		let finished = false;
		const source = (async function* () {
			try {
				yield Buffer.alloc(10);
				yield Buffer.alloc(10);
			} finally {
				finished = true;
			}
		})();
		const reader = new ChunkReader(source);
		await reader.read(5);
		await reader.close();
		expect(finished).toBe(true);
	});
});

describe('BufferPool', () => {
	it('hands released buffers out again instead of allocating, within its limits', () => {
		const pool = new BufferPool(2, 1000);
		const a = pool.acquire(500);
		const b = pool.acquire(500);
		const c = pool.acquire(500);
		pool.release(a);
		pool.release(b);
		pool.release(c); // beyond the number kept
		expect(pool.acquire(400)).toBe(a);
		expect(pool.acquire(500)).toBe(b);
		expect(pool.acquire(500)).not.toBe(c);
		const big = pool.acquire(5000);
		pool.release(big); // one-off large buffers are not kept
		expect(pool.acquire(5000)).not.toBe(big);
		pool.release(a);
		expect(pool.acquire(100)).not.toBe(a); // far too large for this request
	});
});

describe('FileHash', () => {
	it('gives the hash so far without ending the running hash', () => {
		const hash = new FileHash();
		hash.update(data.subarray(0, 400));
		expect(hash.digestSoFar()).toBe(createHash('sha256').update(data.subarray(0, 400)).digest('hex'));
		hash.update(data.subarray(400));
		expect(hash.digestSoFar()).toBe(createHash('sha256').update(data).digest('hex'));
		expect(hash.bytes).toBe(1000);
	});
});

describe('ChunkSizer', () => {
	const MiB = 1024 * 1024;
	it('keeps a fixed size unless adaptive', () => {
		const sizer = new ChunkSizer(10 * MiB);
		sizer.observe(10 * MiB, 100);
		expect(sizer.current).toBe(10 * MiB);
	});

	it('grows on a fast link towards the target time, at most doubling per chunk and within bounds', () => {
		const sizer = new ChunkSizer(4 * MiB, { minChunkSize: 1 * MiB, maxChunkSize: 32 * MiB, targetChunkMs: 5000 });
		sizer.observe(4 * MiB, 500); // 8 MiB/s → wants 40 MiB
		expect(sizer.current).toBe(8 * MiB);
		for (let i = 0; i < 5; i++) sizer.observe(sizer.current, (sizer.current / (8 * MiB)) * 1000);
		expect(sizer.current).toBe(32 * MiB);
	});

	it('shrinks on a slow link, not below the minimum', () => {
		const sizer = new ChunkSizer(8 * MiB, { minChunkSize: 2 * MiB, maxChunkSize: 32 * MiB, targetChunkMs: 5000 });
		for (let i = 0; i < 6; i++) sizer.observe(sizer.current, (sizer.current / (100 * 1024)) * 1000); // 100 KiB/s
		expect(sizer.current).toBe(2 * MiB);
	});

	it('ignores short tail chunks, whose timing says little', () => {
		const sizer = new ChunkSizer(8 * MiB, { minChunkSize: 1 * MiB, maxChunkSize: 32 * MiB, targetChunkMs: 5000 });
		sizer.observe(1000, 5000);
		expect(sizer.current).toBe(8 * MiB);
	});
});

describe('resume markers', () => {
	const prefix = createHash('sha256').update('prefix').digest('hex');

	it('round-trips a marker name and matches only the same prefix hash', () => {
		const name = markerFileName('0_abc123', 5 * 1024 * 1024, 50 * 1024 * 1024, prefix);
		expect(name).toBe(`n8n-resume-v1.0_abc123.5242880.52428800.${prefix.slice(0, 32)}`);
		const marker = parseMarker({ id: '0_marker', status: 0, fileName: name }, '0_abc123');
		expect(marker).toEqual({
			markerId: '0_marker',
			tokenId: '0_abc123',
			offset: 5242880,
			lead: 52428800,
			prefixHash: prefix.slice(0, 32),
		});
		expect(prefixMatches(marker!, prefix)).toBe(true);
		expect(prefixMatches(marker!, createHash('sha256').update('other').digest('hex'))).toBe(false);
	});

	it('ignores markers of other tokens and malformed names', () => {
		const name = markerFileName('0_abc', 10, 20, prefix);
		expect(parseMarker({ id: 'm', status: 0, fileName: name }, '0_other')).toBeUndefined();
		expect(parseMarker({ id: 'm', status: 0, fileName: 'clip.mp4' }, '0_abc')).toBeUndefined();
		expect(
			parseMarker({ id: 'm', status: 0, fileName: 'n8n-resume-v1.0_abc.0.20.' + prefix.slice(0, 32) }, '0_abc'),
		).toBeUndefined();
		expect(parseMarker({ id: 'm', status: 0, fileName: 'n8n-resume-v1.0_abc.10.20.XYZ' }, '0_abc')).toBeUndefined();
	});

	it('keys markers far above any real file size, differently per token', () => {
		const a = markerKey('0_aaa');
		const b = markerKey('0_bbb');
		expect(a).not.toBe(b);
		for (const key of [a, b]) {
			expect(Number.isSafeInteger(key)).toBe(true);
			expect(key).toBeGreaterThanOrEqual(2 ** 47);
			expect(key).toBeLessThan(2 ** 48);
		}
		expect(markerKey('0_aaa')).toBe(a);
	});
});

describe('ProgressLog', () => {
	it('logs at quarters and intervals, never more often than a fifth of the interval', () => {
		const lines: string[] = [];
		let now = 0;
		const log = new ProgressLog(
			{ debug: () => undefined, info: (m) => lines.push(m), warn: () => undefined },
			'big.mov',
			1_000_000_000,
			() => now,
			10_000,
			0,
			0,
		);
		now = 1000;
		log.update(300_000_000); // a quarter passed, but only 1 s in: too soon
		expect(lines).toHaveLength(0);
		now = 2500;
		log.update(310_000_000);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toBe('Uploading "big.mov" to Kaltura: 31% (310.0 MB of 1.00 GB, 124.0 MB/s)');
		now = 9000;
		log.update(400_000_000); // same quarter, interval not over
		expect(lines).toHaveLength(1);
		now = 12_600;
		log.update(450_000_000);
		expect(lines).toHaveLength(2);
		log.update(1_000_000_000); // the end is reported by the summary, not here
		expect(lines).toHaveLength(2);
	});

	it('formats sizes in decimal units', () => {
		expect(formatBytes(999)).toBe('999 B');
		expect(formatBytes(1500)).toBe('1.50 kB');
		expect(formatBytes(1_073_741_824)).toBe('1.07 GB');
	});
});
