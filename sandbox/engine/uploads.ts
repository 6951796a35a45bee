/**
 * Upload-token chunk assembly, following kUploadTokenMgr (reference §3.4):
 * resume=false replaces, resumeAt=-1 appends, resumeAt=N writes at N when contiguous or
 * parks the chunk on disk, the final chunk fixes the expected size and waits for parked
 * chunks to fill the gap. The assembled file only ever grows contiguously, so its length
 * *is* uploadedFileSize.
 *
 * Details kept from the server: resume=false only moves its file into place (parked chunks
 * wait for the next resumed request); a chunk at offset 0 always overwrites from 0; only a
 * final chunk with resumeAt > 0 waits, and its expected size must be matched exactly; a
 * partial upload idle for longer than the resume window refuses more data.
 */
import { promises as fsp } from 'fs';
import { apiError } from '../api/errors';
import type { UploadedFile } from '../http/paramTree';
import type { Runtime } from '../runtime';
import type { UploadTokenRecord } from '../store/types';
import { TokenAssembly } from './assembly';
import { fileSize, moveFile } from './files';
import { KeyedMutex, sleep } from './mutex';

export const TOKEN_PENDING = 0;
export const TOKEN_PARTIAL = 1;
export const TOKEN_FULL = 2;
export const TOKEN_CLOSED = 3;
export const TOKEN_DELETED = 5;
/** Server-internal UPLOAD_TOKEN_ERROR, set when too many chunks were parked. */
export const TOKEN_ERROR = 6;
/** upload_token_max_resume_time: a partial upload idle this long cannot be continued. */
export const MAX_RESUME_TIME_SECONDS = 604800;

export interface ChunkRequest {
	file: UploadedFile;
	resume: boolean;
	finalChunk: boolean;
	resumeAt: number;
}

export class UploadEngine {
	private readonly mutex = new KeyedMutex();
	private readonly assembly: TokenAssembly;

	constructor(private readonly rt: Runtime) {
		this.assembly = new TokenAssembly(rt.store);
	}

	private touch(t: UploadTokenRecord): void {
		t.updatedAt = this.rt.now();
		this.rt.store.changed();
	}

	async upload(t: UploadTokenRecord, req: ChunkRequest): Promise<void> {
		if (t.status === TOKEN_ERROR) throw apiError('MAX_ALLOWED_CHUNK_COUNT_EXCEEDED');
		if (t.status === TOKEN_PARTIAL && this.rt.now() - t.updatedAt > MAX_RESUME_TIME_SECONDS) {
			throw apiError('UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED', { MAX_RESUME_TIME: String(MAX_RESUME_TIME_SECONDS) });
		}
		if (t.status !== TOKEN_PENDING && t.status !== TOKEN_PARTIAL)
			throw apiError('UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD');
		if (!t.fileName) t.fileName = req.file.fileName;
		const len = req.file.size;
		// Rule 2: an empty non-final chunk past offset 0 is dismissed without any change.
		if (len === 0 && !req.finalChunk && req.resumeAt > 0) return;
		const auto = t.autoFinalize === 1 && t.fileSize !== null;

		if (!req.resume) {
			// The server only moves the file into place; parked chunks join on the next resumed request.
			await this.mutex.run(t.id, async () => {
				await this.assembly.replace(t, req.file.path, len);
				t.receivedBytes = len;
				this.touch(t);
			});
			const final = req.finalChunk || (auto && t.uploadedFileSize >= (t.fileSize ?? 0));
			await this.settle(t, final);
			return;
		}

		if (!t.hasFile) throw apiError('UPLOAD_TOKEN_CANNOT_RESUME');
		t.receivedBytes += len;
		const final = req.finalChunk || (auto && t.receivedBytes >= (t.fileSize ?? 0));
		let expected = 0;
		await this.mutex.run(t.id, async () => {
			if (req.resumeAt < 0) {
				await this.assembly.writeAt(t, req.file.path, t.uploadedFileSize, len);
				expected = t.uploadedFileSize;
			} else {
				await this.place(t, req.file, req.resumeAt);
				expected = req.resumeAt + len;
			}
			await this.appendParked(t);
		});
		if (auto && final) expected = t.fileSize ?? expected;
		// Only a final chunk placed past offset 0 (or an auto-finalizing one) fixes the size to wait for.
		if (final && (req.resumeAt > 0 || auto)) await this.waitForSize(t, expected);
		await this.settle(t, final);
	}

	/** Write a chunk at its offset when it touches the contiguous end, else park it. */
	private async place(t: UploadTokenRecord, file: UploadedFile, offset: number): Promise<void> {
		const size = t.uploadedFileSize;
		if (offset === 0 || (offset <= size && size < offset + file.size)) {
			// A chunk at 0 always overwrites from the start (the server's "override a final chunk at offset zero").
			await this.assembly.writeAt(t, file.path, offset, file.size);
			return;
		}
		if (offset + file.size <= size) return; // bytes we already have: nothing to add
		if (t.parked.length >= this.rt.options.maxParkedChunks) {
			t.status = TOKEN_ERROR;
			this.touch(t);
			throw apiError('MAX_ALLOWED_CHUNK_COUNT_EXCEEDED');
		}
		const existing = t.parked.find((p) => p.offset === offset);
		await moveFile(file.path, this.rt.store.abs(this.rt.store.parkedRel(t.id, offset)));
		if (existing) existing.size = file.size;
		else t.parked.push({ offset, size: file.size });
		this.touch(t);
	}

	/** Append every parked chunk that now touches the contiguous end; drop redundant ones. */
	private async appendParked(t: UploadTokenRecord): Promise<void> {
		for (let progress = true; progress; ) {
			progress = false;
			for (const p of [...t.parked]) {
				const file = this.rt.store.abs(this.rt.store.parkedRel(t.id, p.offset));
				const end = p.offset + p.size;
				if (p.offset <= t.uploadedFileSize && end > t.uploadedFileSize) {
					await this.assembly.writeAt(t, file, p.offset, p.size);
					progress = true;
				} else if (end > t.uploadedFileSize) continue;
				else await fsp.rm(file, { force: true });
				t.parked = t.parked.filter((x) => x !== p);
			}
		}
		this.touch(t);
	}

	/** The final-chunk loop: give parallel chunks time to land (45 × 1 s on Kaltura). */
	private async waitForSize(t: UploadTokenRecord, expected: number): Promise<void> {
		const { finalChunkWaitIterations, finalChunkWaitIntervalMs } = this.rt.options;
		for (let i = 0; ; i++) {
			await this.mutex.run(t.id, () => this.appendParked(t));
			if (t.uploadedFileSize === expected) return;
			if (i >= finalChunkWaitIterations) break;
			await sleep(finalChunkWaitIntervalMs);
		}
		throw apiError('UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE');
	}

	private async settle(t: UploadTokenRecord, final: boolean): Promise<void> {
		if (final) {
			// Another final chunk may have completed the token while we waited (Kaltura locks here).
			if (t.status !== TOKEN_PENDING && t.status !== TOKEN_PARTIAL)
				throw apiError('UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD');
			t.status = TOKEN_FULL;
			this.touch(t);
			this.rt.lifecycle.onTokenComplete(t);
			return;
		}
		if (t.status === TOKEN_PENDING) t.status = TOKEN_PARTIAL;
		this.touch(t);
	}

	/** Remove the assembled file and parked chunks (delete, or after the entry took the file). */
	async discardFiles(t: UploadTokenRecord): Promise<void> {
		await this.assembly.remove(t);
		for (const p of t.parked) await fsp.rm(this.rt.store.abs(this.rt.store.parkedRel(t.id, p.offset)), { force: true });
		t.parked = [];
		t.hasFile = false;
		this.touch(t);
	}

	/** Hand the assembled file over to an entry (segments joined once, then a rename). */
	async takeFile(t: UploadTokenRecord, dest: string): Promise<number> {
		return this.mutex.run(t.id, async () => {
			const src = await this.assembly.materialize(t);
			const size = await fileSize(src);
			if (t.hasFile) await moveFile(src, dest);
			else await fsp.writeFile(dest, Buffer.alloc(0));
			await this.discardFiles(t);
			return size;
		});
	}

	/** The path of one file holding everything the token has assembled (for tests and tools). */
	async assembledFile(t: UploadTokenRecord): Promise<string> {
		return await this.mutex.run(t.id, async () => await this.assembly.materialize(t));
	}
}
