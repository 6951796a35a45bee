/** Sandbox settings, their defaults, and the resolved form every module reads. */

export interface SandboxOptions {
	/** TCP port; 0 (the in-process default) picks a free one. */
	port?: number;
	/** Interface to bind. Defaults to 127.0.0.1: the sandbox is a dev tool with fixed secrets. */
	host?: string;
	partnerId?: number;
	adminSecret?: string;
	userSecret?: string;
	/** State + content directory. In-process default: a fresh temp dir, removed on close(). */
	dataDir?: string;
	/** Time an entry spends in PRECONVERT before READY/ERROR_CONVERTING. */
	processingMs?: number;
	/** Added before every API response (benchmarks, timeout tests). */
	latencyMs?: number;
	/** Bandwidth of the emulated link request bodies arrive through, in Mbit/s; 0 = unlimited. */
	bandwidthMbps?: number;
	/** Final-chunk wait loop of kUploadTokenMgr: iterations × interval (Kaltura: 45 × 1 s). */
	finalChunkWaitIterations?: number;
	finalChunkWaitIntervalMs?: number;
	/** Parked out-of-order chunks allowed per token before MAX_ALLOWED_CHUNK_COUNT_EXCEEDED. */
	maxParkedChunks?: number;
	/** KS format produced by session.start & co (both are always accepted). */
	ksVersion?: 1 | 2;
	/** Partner ksMaxExpiryInSeconds: caps session.start expiry. */
	ksMaxExpirySeconds?: number;
	/** Data-center prefix of generated ids (`{dc}_xxxxxxxx`). */
	dc?: number;
	/** Base URL used in dataUrl/downloadUrl/thumbnailUrl; defaults to the listening address. */
	publicUrl?: string;
	/** Give up on URL imports that stall longer than this. */
	importTimeoutMs?: number;
	/** Debounce for state.json writes. */
	persistDelayMs?: number;
	/** Log one line per request to stderr. */
	verbose?: boolean;
}

export const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	partnerId: 100,
	adminSecret: 'sandbox-admin-secret',
	userSecret: 'sandbox-user-secret',
	processingMs: 2000,
	latencyMs: 0,
	bandwidthMbps: 0,
	finalChunkWaitIterations: 45,
	finalChunkWaitIntervalMs: 1000,
	maxParkedChunks: 1000,
	ksVersion: 2 as 1 | 2,
	ksMaxExpirySeconds: 86400,
	dc: 0,
	importTimeoutMs: 30000,
	persistDelayMs: 50,
	verbose: false,
};

export type ResolvedOptions = typeof DEFAULTS & { dataDir: string; publicUrl: string | null };

export function resolveOptions(o: SandboxOptions, dataDir: string): ResolvedOptions {
	const pick = <K extends keyof typeof DEFAULTS>(k: K): (typeof DEFAULTS)[K] =>
		(o[k] === undefined ? DEFAULTS[k] : o[k]) as (typeof DEFAULTS)[K];
	return {
		port: pick('port'),
		host: pick('host'),
		partnerId: pick('partnerId'),
		adminSecret: pick('adminSecret'),
		userSecret: pick('userSecret'),
		processingMs: pick('processingMs'),
		latencyMs: pick('latencyMs'),
		bandwidthMbps: pick('bandwidthMbps'),
		finalChunkWaitIterations: pick('finalChunkWaitIterations'),
		finalChunkWaitIntervalMs: pick('finalChunkWaitIntervalMs'),
		maxParkedChunks: pick('maxParkedChunks'),
		ksVersion: pick('ksVersion'),
		ksMaxExpirySeconds: pick('ksMaxExpirySeconds'),
		dc: pick('dc'),
		importTimeoutMs: pick('importTimeoutMs'),
		persistDelayMs: pick('persistDelayMs'),
		verbose: pick('verbose'),
		dataDir,
		publicUrl: o.publicUrl ?? null,
	};
}
