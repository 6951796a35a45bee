import * as crypto from 'crypto';

/**
 * Bytes the sandbox recognises as an MP4 (an `ftyp` box up front) followed by random data:
 * enough for its content sniffing, and random so that misplaced chunks change the hash.
 */
export function fakeMp4(size: number, seed = 'mp4'): Buffer {
	const header = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]);
	const out = Buffer.alloc(size);
	let filled = 0;
	let counter = 0;
	while (filled < size) {
		const block = crypto.createHash('sha256').update(`${seed}:${counter++}`).digest();
		filled += block.copy(out, filled);
	}
	header.copy(out, 0, 0, Math.min(size, header.length));
	return out;
}

export function sha256(data: Buffer): string {
	return crypto.createHash('sha256').update(data).digest('hex');
}
