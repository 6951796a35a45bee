import type { KalturaLogger } from '../client/client';

export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = -1;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/**
 * Progress lines for long uploads: one when a quarter more is done, and at least one per interval
 * in between (default 15 s), never more often than a fifth of the interval. A short upload logs
 * nothing here, only its summary.
 */
export class ProgressLog {
	private lastAt: number;
	private lastQuarter: number;

	constructor(
		private readonly logger: KalturaLogger | undefined,
		private readonly fileName: string,
		private readonly total: number,
		private readonly now: () => number,
		private readonly intervalMs: number,
		private readonly startedAt: number,
		private readonly startBytes: number,
	) {
		this.lastAt = startedAt;
		this.lastQuarter = Math.floor((startBytes / total) * 4);
	}

	update(confirmed: number): void {
		if (!this.logger || confirmed >= this.total) return;
		const at = this.now();
		const quarter = Math.floor((confirmed / this.total) * 4);
		const since = at - this.lastAt;
		const due = since >= this.intervalMs || (quarter > this.lastQuarter && since >= this.intervalMs / 5);
		if (!due) return;
		this.lastAt = at;
		this.lastQuarter = quarter;
		const seconds = Math.max(0.001, (at - this.startedAt) / 1000);
		const rate = (confirmed - this.startBytes) / seconds;
		this.logger.info(
			`Uploading "${this.fileName}" to Kaltura: ${Math.floor((confirmed / this.total) * 100)}% ` +
				`(${formatBytes(confirmed)} of ${formatBytes(this.total)}, ${formatBytes(rate)}/s)`,
		);
	}
}
