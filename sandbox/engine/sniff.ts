/**
 * Content sniffing by magic bytes. Stands in for Kaltura's media-info step: content that
 * is not a recognised media container ends in ERROR_CONVERTING, and the detected kind
 * fills in mediaType when the entry has none.
 */
import { promises as fsp } from 'fs';

export type MediaKind = 'video' | 'audio' | 'image';

export interface SniffResult {
	kind: MediaKind | null;
	format: string | null;
}

const HEAD_BYTES = 4096;

export function sniffBuffer(b: Buffer): SniffResult {
	const at = (off: number, ascii: string): boolean =>
		b.length >= off + ascii.length && b.subarray(off, off + ascii.length).toString('latin1') === ascii;
	const hex = (off: number, bytes: number[]): boolean => bytes.every((x, i) => b[off + i] === x);

	if (at(4, 'ftyp')) {
		const brand = b.subarray(8, 12).toString('latin1');
		if (brand === 'M4A ' || brand === 'M4B ') return { kind: 'audio', format: 'm4a' };
		if (brand === 'qt  ') return { kind: 'video', format: 'mov' };
		return { kind: 'video', format: 'mp4' };
	}
	if (hex(0, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', format: 'matroska' };
	if (at(0, 'RIFF')) {
		if (at(8, 'WAVE')) return { kind: 'audio', format: 'wav' };
		if (at(8, 'AVI ')) return { kind: 'video', format: 'avi' };
	}
	if (b.length >= 188 * 3 && b[0] === 0x47 && b[188] === 0x47 && b[376] === 0x47)
		return { kind: 'video', format: 'mpegts' };
	if (b.length >= 188 && b.length < 188 * 3 && b[0] === 0x47 && b[188] === 0x47)
		return { kind: 'video', format: 'mpegts' };
	if (at(0, 'ID3')) return { kind: 'audio', format: 'mp3' };
	if (at(0, 'fLaC')) return { kind: 'audio', format: 'flac' };
	if (at(0, 'OggS')) return { kind: 'audio', format: 'ogg' };
	if (hex(0, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
	if (hex(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
	if (at(0, 'GIF87a') || at(0, 'GIF89a')) return { kind: 'image', format: 'gif' };
	// Frame syncs last: 11 set bits are a weak signal. ADTS has layer bits 00; MPEG audio doesn't.
	if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xf6) === 0xf0) return { kind: 'audio', format: 'aac' };
	if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0)
		return { kind: 'audio', format: 'mp3' };
	return { kind: null, format: null };
}

export async function sniffFile(file: string): Promise<SniffResult> {
	const fh = await fsp.open(file, 'r');
	try {
		const buf = Buffer.alloc(HEAD_BYTES);
		const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
		return sniffBuffer(buf.subarray(0, bytesRead));
	} finally {
		await fh.close();
	}
}

/** KalturaMediaType for a sniffed kind. */
export function mediaTypeFor(kind: MediaKind): number {
	return kind === 'video' ? 1 : kind === 'image' ? 2 : 5;
}
