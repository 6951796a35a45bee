/**
 * A shared link of limited bandwidth in front of the API: request bodies are read no faster than
 * the link would carry them, all connections together (one pipe, as between an n8n host and
 * Kaltura). TCP flow control then slows the sender, so an uploader meets the limit the way it
 * would on a real network. Used by benchmarks to compare uploaders where the network, not the
 * shared CPUs of one test machine, is what limits them.
 */
import { sleep } from './engine/mutex';

export class Link {
	/** Bytes per millisecond; 0 = unlimited. */
	private bytesPerMs = 0;
	/** When the link is free again (ms, on the clock below): the end of the last byte booked. */
	private freeAt = 0;

	constructor(
		bandwidthMbps = 0,
		private readonly now: () => number = () => performance.now(),
		private readonly pause: (ms: number) => Promise<void> = sleep,
	) {
		this.setBandwidth(bandwidthMbps);
	}

	/** Megabits per second (10^6 bits, as links are rated); 0 removes the limit. */
	get bandwidthMbps(): number {
		return (this.bytesPerMs * 8) / 1000;
	}

	setBandwidth(mbps: number): void {
		if (!Number.isFinite(mbps) || mbps < 0) throw new Error(`bandwidth must be a number of Mbit/s ≥ 0, got ${mbps}`);
		this.bytesPerMs = (mbps * 1000) / 8;
		this.freeAt = 0;
	}

	/** Waits until `bytes` more have crossed the link. */
	async carry(bytes: number): Promise<void> {
		if (this.bytesPerMs === 0 || bytes === 0) return;
		const now = this.now();
		this.freeAt = Math.max(now, this.freeAt) + bytes / this.bytesPerMs;
		const wait = this.freeAt - now;
		// Timers are coarse: pause only once a millisecond or more is owed; the booking keeps the average exact.
		if (wait >= 1) await this.pause(wait);
	}

	/** The request body as it comes off the link: the body itself while the link is unlimited. */
	through(body: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
		return this.bytesPerMs === 0 ? body : this.paced(body);
	}

	private async *paced(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
		for await (const chunk of body) {
			await this.carry(chunk.length);
			yield chunk;
		}
	}
}
