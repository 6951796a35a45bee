import type { KalturaLogger } from '../client/client';
import type { RetryPolicy } from '../client/retry';

/** Bytes in any shape a stream may yield them. */
export type ByteChunk = Buffer | Uint8Array;

/**
 * The file to upload. `open` gives the bytes from the first one on; the engine may call it again
 * (after a failed resume check, or to re-send bytes Kaltura lost), so it must start over each time.
 * In n8n it wraps `helpers.getBinaryStream` (see binarySource.ts), so nothing is loaded whole.
 */
export interface UploadSource {
	size: number;
	fileName: string;
	mimeType?: string;
	open(): Promise<AsyncIterable<ByteChunk>>;
}

export interface AdaptiveChunkSettings {
	/** Smallest and largest chunk the sizer may choose, in bytes. */
	minChunkSize: number;
	maxChunkSize: number;
	/** The time one chunk request should take; the sizer aims at it from measured throughput. */
	targetChunkMs: number;
}

export interface UploadOptions {
	/** Bytes per chunk (default 10 MiB). With adaptive sizing this is the starting size. */
	chunkSize?: number;
	/** Chunks in flight at once (default 4). */
	concurrency?: number;
	/** Grow or shrink the chunk size from measured throughput; `true` picks bounds from chunkSize. */
	adaptive?: boolean | Partial<AdaptiveChunkSettings>;
	/** Continue this upload token instead of looking for one (must hold this file or nothing). */
	resumeUploadTokenId?: string;
	/** Look for a partial upload of this same file in Kaltura and continue it (default true). */
	autoResume?: boolean;
	/**
	 * Leave a marker for the whole file on the complete token (default false). For callers that use
	 * the token afterwards: if that fails, the next run reuses the token without sending the file
	 * again. Delete the marker with forgetCompletedUpload once the token is used.
	 */
	keepCompletionMarker?: boolean;
	/** Per-chunk retry policy (network errors, timeouts, 5xx); defaults to the client's. */
	retry?: Partial<RetryPolicy>;
	/** How long a chunk request may go without traffic (default 3 minutes). */
	chunkTimeoutMs?: number;
	logger?: KalturaLogger;
	/** Told the upload token's id as soon as it is known (so a failed upload can name it). */
	onUploadToken?: (uploadTokenId: string) => void;
	/** Called whenever Kaltura confirms more bytes (this run's and resumed ones). */
	onProgress?: (progress: UploadProgress) => void;
	/** Clock, for tests. */
	now?: () => number;
	/**
	 * Internal: the smallest chunk size accepted. Kaltura counts chunks under 1 MiB and may refuse
	 * too many of them, so only tests lower this to keep their files small.
	 */
	minimumChunkSize?: number;
	/** Internal: how often progress is logged at most. */
	progressIntervalMs?: number;
	/** Internal: least time between two resume-marker writes (default one second). */
	markerIntervalMs?: number;
}

export interface UploadProgress {
	fileName: string;
	/** Bytes Kaltura holds contiguously from the start of the file. */
	confirmedBytes: number;
	totalBytes: number;
}

/** What an upload did: the output of the Upload File node and of every node that sends bytes. */
export interface UploadReport {
	uploadTokenId: string;
	fileName: string;
	/** Size of the file, all of which Kaltura now holds. */
	bytes: number;
	/** Bytes this run sent (retries not counted twice). */
	bytesSent: number;
	/** Upload requests that carried data (retries not counted). */
	chunks: number;
	retries: number;
	/** The offset this run continued from; 0 for a fresh upload. */
	resumedFrom: number;
	durationMs: number;
	/** Average throughput of this run, in MB (10^6 bytes) per second. */
	mbPerSecond: number;
	/** SHA-256 (hex) of the whole file, computed while streaming it. */
	sha256: string;
	/** The chunk size at the end of the upload (it changes when adaptive sizing is on). */
	chunkSize: number;
	concurrency: number;
	/** Markers left on the complete token (keepCompletionMarker), to delete once the token is used. */
	completionMarkerIds?: string[];
}
