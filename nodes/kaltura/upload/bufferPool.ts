/**
 * Reusable chunk buffers. An upload of any length then allocates only about (parallel + 2)
 * chunk buffers instead of one per chunk: fewer large allocations means less garbage waiting
 * for the collector and less heap fragmentation, so peak memory no longer creeps up with the
 * file size.
 */
export class BufferPool {
	private readonly free: Buffer[] = [];

	constructor(
		private readonly keep: number,
		/** Larger one-off buffers (a resumed upload's first request) are not kept. */
		private readonly largest: number,
	) {}

	/** A buffer of at least `size` bytes (its first `size` bytes are what the caller uses). */
	acquire(size: number): Buffer {
		const index = this.free.findIndex((b) => b.length >= size && b.length <= size * 2);
		if (index >= 0) return this.free.splice(index, 1)[0];
		return Buffer.allocUnsafe(size);
	}

	/** Hands a buffer back once nothing reads it any more (its request finished). */
	release(buffer: Buffer): void {
		if (buffer.length > this.largest || this.free.length >= this.keep || this.free.includes(buffer)) return;
		this.free.push(buffer);
	}
}
