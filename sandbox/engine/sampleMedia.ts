/**
 * Generated sample media, so example workflows have something to upload or import on a machine
 * without any media files or network access. Each sample starts with the real container header
 * of its type (what the sniffer, and Kaltura's media-info step, look at) and is filled with
 * pseudo-random bytes derived from its name: the same name and size always give the same bytes.
 * The samples are not playable. Bytes are produced piece by piece as they are sent, so even the
 * largest size never sits in memory whole.
 */
import { Readable } from 'stream';
import * as zlib from 'zlib';

export const DEFAULT_SAMPLE_SIZE = 1024 * 1024;
export const MAX_SAMPLE_SIZE = 64 * 1024 * 1024;
/** Room for the longest header plus trailer. */
export const MIN_SAMPLE_SIZE = 64;

const PIECE_SIZE = 64 * 1024;

interface SampleType {
	contentType: string;
	/** The first bytes of a file of `size` bytes. */
	header(size: number): Buffer;
	/** The last bytes, for formats that mark their end. */
	trailer: Buffer;
}

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

function uint32(n: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(n);
	return b;
}

/** ISO base media file: an `ftyp` box naming the brand, then one `mdat` box holding the rest. */
function isoMedia(brand: string, compatible: string[]): (size: number) => Buffer {
	return (size) => {
		const ftypBody = Buffer.concat([ascii(brand), uint32(0x200), ...compatible.map(ascii)]);
		const ftyp = Buffer.concat([uint32(8 + ftypBody.length), ascii('ftyp'), ftypBody]);
		return Buffer.concat([ftyp, uint32(size - ftyp.length), ascii('mdat')]);
	};
}

/** A PNG chunk: length, type, data, CRC-32 over type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
	const typeAndData = Buffer.concat([ascii(type), data]);
	return Buffer.concat([uint32(data.length), typeAndData, uint32(zlib.crc32(typeAndData))]);
}

const PNG_HEADER = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	// 1280×720, 8-bit RGB.
	pngChunk('IHDR', Buffer.concat([uint32(1280), uint32(720), Buffer.from([8, 2, 0, 0, 0])])),
]);

const JPEG_HEADER = Buffer.concat([
	Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
	ascii('JFIF\0'),
	Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
]);

/** ID3v2.4 tag header with an empty tag, then the audio. */
const MP3_HEADER = Buffer.concat([ascii('ID3'), Buffer.from([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])]);

const SAMPLE_TYPES: Readonly<Record<string, SampleType>> = {
	mp4: { contentType: 'video/mp4', header: isoMedia('isom', ['isom', 'iso2', 'mp41']), trailer: Buffer.alloc(0) },
	mov: { contentType: 'video/quicktime', header: isoMedia('qt  ', ['qt  ']), trailer: Buffer.alloc(0) },
	mp3: { contentType: 'audio/mpeg', header: () => MP3_HEADER, trailer: Buffer.alloc(0) },
	jpg: { contentType: 'image/jpeg', header: () => JPEG_HEADER, trailer: Buffer.from([0xff, 0xd9]) },
	jpeg: { contentType: 'image/jpeg', header: () => JPEG_HEADER, trailer: Buffer.from([0xff, 0xd9]) },
	png: { contentType: 'image/png', header: () => PNG_HEADER, trailer: pngChunk('IEND', Buffer.alloc(0)) },
};

export const SAMPLE_EXTENSIONS = Object.keys(SAMPLE_TYPES);

/** The sample type a file name asks for by its extension (any case), or null. */
export function sampleTypeOf(fileName: string): { extension: string; contentType: string } | null {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1].toLowerCase() ?? '';
	const type = SAMPLE_TYPES[extension];
	return type ? { extension, contentType: type.contentType } : null;
}

/** FNV-1a of the name: the filler seed, so different sample names give different bytes. */
function seedOf(name: string): number {
	let hash = 0x811c9dc5;
	for (const byte of Buffer.from(name, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
	return hash || 1;
}

/** xorshift32: cheap, deterministic filler, 4 bytes per step. */
class Filler {
	constructor(private state: number) {}

	fill(target: Buffer): void {
		for (let i = 0; i < target.length; i += 4) {
			let x = this.state;
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			this.state = x >>> 0;
			if (i + 4 <= target.length) target.writeUInt32LE(this.state, i);
			else for (let b = 0; i + b < target.length; b++) target[i + b] = (this.state >>> (8 * b)) & 0xff;
		}
	}
}

/** The bytes of sample `name` (its extension picks the type) at `size` bytes, as a stream. */
export function sampleStream(name: string, size: number): Readable {
	const extension = sampleTypeOf(name)?.extension;
	if (!extension) throw new Error(`not a sample type: ${name}`);
	const type = SAMPLE_TYPES[extension];
	const header = type.header(size);
	const trailerAt = size - type.trailer.length;
	const filler = new Filler(seedOf(name));
	let position = 0;
	return new Readable({
		read() {
			if (position >= size) {
				this.push(null);
				return;
			}
			const piece = Buffer.allocUnsafe(Math.min(PIECE_SIZE, size - position));
			filler.fill(piece);
			// Header and trailer overwrite the filler where they fall into this piece.
			if (position < header.length) header.copy(piece, 0, position);
			if (position + piece.length > trailerAt) {
				const from = Math.max(trailerAt, position);
				type.trailer.copy(piece, from - position, from - trailerAt);
			}
			position += piece.length;
			this.push(piece);
		},
	});
}
