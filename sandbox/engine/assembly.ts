/**
 * The bytes an upload token holds contiguously: a base file (the first chunk, or a whole file)
 * plus the chunks appended after it, each kept as its own file in offset order. Appending a chunk
 * is then a rename instead of a copy, so the sandbox assembles parallel chunk uploads about as
 * fast as it stores one big request (the benchmark compares the two); the copy happens once,
 * when an entry takes the file. Writing at an offset inside the held bytes cuts everything from
 * that offset first, which is what overwriting from there to beyond the end amounts to.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { Store } from '../store/store';
import type { UploadTokenRecord } from '../store/types';
import { copyInto, moveFile } from './files';

export class TokenAssembly {
	constructor(private readonly store: Store) {}

	basePath(t: UploadTokenRecord): string {
		return this.store.abs(this.store.uploadRel(t.id));
	}

	private segmentPath(t: UploadTokenRecord, offset: number): string {
		return this.store.abs(path.join('uploads', `${t.id}.seg.${offset}`));
	}

	/** The file `src` (of `size` bytes) becomes all the token holds. */
	async replace(t: UploadTokenRecord, src: string, size: number): Promise<void> {
		await this.removeSegments(t, 0);
		await moveFile(src, this.basePath(t));
		t.segments = [];
		t.hasFile = true;
		t.uploadedFileSize = size;
	}

	/** Writes `src` (of `size` bytes) at `offset`, which must not lie past the held bytes; `src` is consumed. */
	async writeAt(t: UploadTokenRecord, src: string, offset: number, size: number): Promise<void> {
		const held = t.uploadedFileSize;
		if (offset > held) throw new Error(`sandbox: write at ${offset} past the held ${held} bytes`);
		if (offset === 0 && size >= held) return await this.replace(t, src, size);
		if (offset === 0) {
			// Overwrites the start and keeps the rest: the one case that needs a real in-place write.
			await copyInto(src, await this.materialize(t), 0);
			await fsp.rm(src, { force: true });
			return;
		}
		await this.truncate(t, offset);
		await moveFile(src, this.segmentPath(t, offset));
		t.segments = [...(t.segments ?? []), { offset, size }];
		t.uploadedFileSize = offset + size;
	}

	/** Joins the segments into the base file and returns its path (tests read it; entries take it). */
	async materialize(t: UploadTokenRecord): Promise<string> {
		const base = this.basePath(t);
		for (const segment of t.segments ?? []) {
			const file = this.segmentPath(t, segment.offset);
			await copyInto(file, base, segment.offset);
			await fsp.rm(file, { force: true });
		}
		t.segments = [];
		return base;
	}

	/** Removes the base file and every segment. */
	async remove(t: UploadTokenRecord): Promise<void> {
		await this.removeSegments(t, 0);
		await fsp.rm(this.basePath(t), { force: true });
		t.segments = [];
	}

	/** Cuts the held bytes to `length`. */
	private async truncate(t: UploadTokenRecord, length: number): Promise<void> {
		const segments = t.segments ?? [];
		const baseSize = segments.length > 0 ? segments[0].offset : t.uploadedFileSize;
		if (length < baseSize) {
			await this.removeSegments(t, 0);
			t.segments = [];
			await fsp.truncate(this.basePath(t), length);
			t.uploadedFileSize = length;
			return;
		}
		const kept: Array<{ offset: number; size: number }> = [];
		for (const segment of segments) {
			const end = segment.offset + segment.size;
			if (end <= length) kept.push(segment);
			else if (segment.offset < length) {
				await fsp.truncate(this.segmentPath(t, segment.offset), length - segment.offset);
				kept.push({ offset: segment.offset, size: length - segment.offset });
			} else await fsp.rm(this.segmentPath(t, segment.offset), { force: true });
		}
		t.segments = kept;
		t.uploadedFileSize = length;
	}

	private async removeSegments(t: UploadTokenRecord, from: number): Promise<void> {
		for (const segment of t.segments ?? []) {
			if (segment.offset >= from) await fsp.rm(this.segmentPath(t, segment.offset), { force: true });
		}
	}
}
