/**
 * Atomic, debounced JSON persistence: state is written to a temp file and renamed over
 * the target, so a crash never leaves a half-written state file behind.
 */
import { promises as fsp } from 'fs';

export class DebouncedWriter {
	private timer: NodeJS.Timeout | null = null;
	private writing: Promise<void> = Promise.resolve();

	constructor(
		private readonly file: string,
		private readonly snapshot: () => unknown,
		private readonly delayMs: number,
	) {}

	schedule(): void {
		if (this.timer) return;
		this.timer = setTimeout(() => {
			this.timer = null;
			void this.writeNow();
		}, this.delayMs);
	}

	/** Serialises writes so an older snapshot never overtakes a newer one. */
	writeNow(): Promise<void> {
		const data = JSON.stringify(this.snapshot());
		this.writing = this.writing.then(async () => {
			const tmp = `${this.file}.${process.pid}.tmp`;
			await fsp.writeFile(tmp, data);
			await fsp.rename(tmp, this.file);
		});
		return this.writing.catch((err: unknown) => {
			process.stderr.write(`kaltura sandbox: failed to persist state: ${String(err)}\n`);
		});
	}

	async flush(): Promise<void> {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = null;
		}
		await this.writeNow();
	}

	cancel(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}
