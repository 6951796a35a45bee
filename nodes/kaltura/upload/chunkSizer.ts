import type { AdaptiveChunkSettings } from './types';

const MiB = 1024 * 1024;
/** Weight of the newest measurement in the moving average. */
const SMOOTHING = 0.3;

/**
 * Picks the size of the next chunk. Fixed unless adaptive sizing is on; then it aims at a fixed
 * time per chunk request, as Kaltura's own browser uploader does: slow links get smaller chunks
 * (a failed chunk costs less to repeat, progress stays visible), fast links bigger ones (fewer
 * requests, less per-request overhead). It changes at most by a factor of two per step.
 */
export class ChunkSizer {
	current: number;
	private rate?: number;
	private readonly step: number;

	constructor(
		initial: number,
		private readonly adaptive?: AdaptiveChunkSettings,
	) {
		this.current = adaptive ? Math.min(adaptive.maxChunkSize, Math.max(adaptive.minChunkSize, initial)) : initial;
		this.step = adaptive ? Math.min(64 * 1024, adaptive.minChunkSize) : 1;
	}

	/** Told about every chunk request: its size and how long it took. */
	observe(bytes: number, durationMs: number): void {
		const settings = this.adaptive;
		if (!settings || durationMs <= 0 || bytes < this.current / 2) return;
		const rate = bytes / durationMs; // bytes per ms of one request stream
		this.rate = this.rate === undefined ? rate : this.rate * (1 - SMOOTHING) + rate * SMOOTHING;
		const wanted = this.rate * settings.targetChunkMs;
		const bounded = Math.min(this.current * 2, Math.max(this.current / 2, wanted));
		const clamped = Math.min(settings.maxChunkSize, Math.max(settings.minChunkSize, bounded));
		this.current = Math.max(settings.minChunkSize, Math.floor(clamped / this.step) * this.step);
	}
}

/** Bounds for adaptive sizing around a starting chunk size, keeping memory in check. */
export function defaultAdaptiveSettings(
	chunkSize: number,
	concurrency: number,
	minimumChunkSize: number,
): AdaptiveChunkSettings {
	return {
		minChunkSize: Math.max(minimumChunkSize, Math.min(chunkSize, Math.floor(chunkSize / 4))),
		// Chunks in flight are held in memory (twice while a request is built), and a resumed upload
		// sends (parallel + 1) of the largest chunks in one request: cap them.
		maxChunkSize: Math.max(chunkSize, Math.min(32 * MiB, Math.floor((64 * MiB) / concurrency))),
		targetChunkMs: 5000,
	};
}
