import type { ByteChunk } from './types';

function asBuffer(chunk: ByteChunk | string): Buffer {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (typeof chunk === 'string') return Buffer.from(chunk);
	return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Re-chunks a stream of buffers of any size into reads of exactly the size asked for. A piece
 * that already has the right size is passed on without a copy (n8n's filesystem store yields
 * pieces of the requested chunk size), so memory stays at about one chunk.
 *
 * The next piece is always asked for before the current one is handed out: the stream then
 * reads it from disk (or the network) while this piece is being hashed and copied, instead of
 * only once that work is done.
 */
export class ChunkReader {
	private readonly iterator: AsyncIterator<ByteChunk | string>;
	private ahead?: Promise<IteratorResult<ByteChunk | string>>;
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	private ended = false;
	/** Bytes handed out (read or skipped) so far. */
	position = 0;

	constructor(source: AsyncIterable<ByteChunk | string>) {
		this.iterator = source[Symbol.asyncIterator]();
	}

	private async pull(): Promise<boolean> {
		if (this.ended) return false;
		const next = await (this.ahead ?? this.iterator.next());
		this.ahead = undefined;
		if (next.done) {
			this.ended = true;
			return false;
		}
		this.readAhead();
		const buffer = asBuffer(next.value);
		if (buffer.length > 0) {
			this.pending.push(buffer);
			this.pendingBytes += buffer.length;
		}
		return true;
	}

	/** Exactly `size` bytes, or fewer when the stream ends first. */
	async read(size: number): Promise<Buffer> {
		while (this.pendingBytes < size && (await this.pull()));
		const take = Math.min(size, this.pendingBytes);
		if (take === 0) return Buffer.alloc(0);
		const first = this.pending[0];
		let out: Buffer;
		if (first.length === take) {
			this.pending.shift();
			out = first;
		} else if (first.length > take) {
			out = first.subarray(0, take);
			this.pending[0] = first.subarray(take);
		} else {
			out = Buffer.allocUnsafe(take);
			let filled = 0;
			while (filled < take) {
				const piece = this.pending[0];
				const part = Math.min(piece.length, take - filled);
				piece.copy(out, filled, 0, part);
				filled += part;
				if (part === piece.length) this.pending.shift();
				else this.pending[0] = piece.subarray(part);
			}
		}
		this.pendingBytes -= take;
		this.position += take;
		return out;
	}

	/**
	 * Copies the next `size` bytes into `target` (a reused buffer) and returns how many were
	 * copied: fewer than asked when the stream ends first. `see` is shown each piece as it is
	 * copied, while it is still in the CPU's cache (hashing it there saves a second trip through
	 * memory over hashing the whole target afterwards).
	 */
	async readInto(target: Buffer, size: number, see?: (piece: Buffer) => void): Promise<number> {
		let filled = 0;
		while (filled < size) {
			if (this.pendingBytes === 0 && !(await this.pull())) break;
			if (this.pending.length === 0) continue;
			const piece = this.pending[0];
			const part = Math.min(piece.length, size - filled);
			see?.(part === piece.length ? piece : piece.subarray(0, part));
			piece.copy(target, filled, 0, part);
			if (part === piece.length) this.pending.shift();
			else this.pending[0] = piece.subarray(part);
			this.pendingBytes -= part;
			filled += part;
		}
		this.position += filled;
		return filled;
	}

	/**
	 * Passes over `size` bytes without gathering them, showing each piece to `see` (to hash a
	 * resumed prefix). Returns the bytes skipped: fewer than asked when the stream ends first.
	 */
	async skip(size: number, see: (piece: Buffer) => void): Promise<number> {
		let left = size;
		while (left > 0) {
			if (this.pendingBytes === 0 && !(await this.pull())) break;
			if (this.pending.length === 0) continue;
			const piece = this.pending[0];
			const part = Math.min(piece.length, left);
			see(piece.subarray(0, part));
			if (part === piece.length) this.pending.shift();
			else this.pending[0] = piece.subarray(part);
			this.pendingBytes -= part;
			this.position += part;
			left -= part;
		}
		return size - left;
	}

	private readAhead(): void {
		const ahead = this.iterator.next();
		// Its failure is seen by the pull that awaits it; until then it must not count as unhandled.
		ahead.catch(() => undefined);
		this.ahead = ahead;
	}

	/** True when no byte is left. */
	async atEnd(): Promise<boolean> {
		while (this.pendingBytes === 0) {
			if (!(await this.pull())) return true;
		}
		return false;
	}

	/** Stops reading and lets the stream release its file handle or connection. */
	async close(): Promise<void> {
		this.pending = [];
		this.pendingBytes = 0;
		if (!this.ended) {
			this.ended = true;
			const ahead = this.ahead;
			this.ahead = undefined;
			// Let the read ahead settle first: a stream's iterator ends in order.
			if (ahead) await ahead.catch(() => undefined);
			await this.iterator.return?.();
		}
	}
}
