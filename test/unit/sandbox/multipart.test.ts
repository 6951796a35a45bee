/**
 * The sandbox's streaming multipart parser: whatever the sizes of the reads a body arrives in,
 * fields and files come out byte for byte (a delimiter split across two reads included).
 */
import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import os from 'os';
import path from 'path';

import { parseMultipart } from '../../../sandbox/http/multipart';

const BOUNDARY = '----sandboxTestBoundary7MA4YWxk';

function body(json: string, file: Buffer): Buffer {
	return Buffer.concat([
		Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="json"\r\n\r\n${json}\r\n`),
		Buffer.from(
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="fileData"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
		),
		file,
		Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
	]);
}

/** Yields `data` in reads of the given sizes (cycled), as a socket would. */
async function* reads(data: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
	for (let at = 0, i = 0; at < data.length; i++) {
		const size = sizes[i % sizes.length];
		yield data.subarray(at, at + size);
		at += size;
	}
}

let dir: string;
beforeAll(async () => {
	dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sandbox-multipart-'));
});
afterAll(async () => {
	await fsp.rm(dir, { recursive: true, force: true });
});

describe('parseMultipart', () => {
	// A file whose bytes include near-misses of the delimiter ("\r\n--" and most of the boundary).
	const file = Buffer.concat([
		randomBytes(3000),
		Buffer.from(`\r\n--${BOUNDARY.slice(0, 20)}`),
		randomBytes(5000),
		Buffer.from('\r\n-'),
		randomBytes(77),
	]);
	const whole = body('{"format":1,"resumeAt":0}', file);
	const delimiterEnd = whole.indexOf(`\r\n--${BOUNDARY}--`);

	const splits: Array<[string, number[]]> = [
		['one read', [whole.length]],
		['reads of 1 byte', [1]],
		['reads of 7 bytes', [7]],
		['reads shorter than the delimiter', [13, 29]],
		['reads of 64 KiB', [64 * 1024]],
		['uneven reads', [1000, 3, 4096, 17, 2500]],
		// The closing delimiter split at each of its bytes.
		...Array.from({ length: BOUNDARY.length + 4 }, (_, k): [string, number[]] => [
			`split ${k} bytes into the closing delimiter`,
			[delimiterEnd + k, whole.length],
		]),
	];

	it.each(splits)('returns the json field and the exact file bytes: %s', async (_name, sizes) => {
		const result = await parseMultipart(reads(whole, sizes), BOUNDARY, dir, 1024 * 1024);
		expect(result.fields).toEqual([['json', '{"format":1,"resumeAt":0}']]);
		expect(result.files).toHaveLength(1);
		const [part] = result.files;
		expect(part).toMatchObject({ fieldName: 'fileData', fileName: 'clip.mp4', size: file.length });
		expect((await fsp.readFile(part.path)).equals(file)).toBe(true);
	});

	it('refuses a body that ends before its closing delimiter and leaves no temp file behind', async () => {
		const truncated = whole.subarray(0, delimiterEnd + 5);
		await expect(parseMultipart(reads(truncated, [100]), BOUNDARY, dir, 1024 * 1024)).rejects.toThrow(/truncated/);
		const left = (await fsp.readdir(dir)).filter((f) => f.startsWith('part-'));
		const kept = await Promise.all(left.map(async (f) => (await fsp.stat(path.join(dir, f))).size));
		// Only the files of the successful parses above remain (each holds the whole file).
		expect(kept.every((size) => size === file.length)).toBe(true);
	});
});
