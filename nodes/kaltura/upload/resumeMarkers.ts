/**
 * Resume markers: the proof, kept in Kaltura itself, that an upload token holds the start of a
 * given file.
 *
 * Why: a re-run (maybe on another n8n worker, so nothing in memory or on local disk survives)
 * must continue a partial upload only if the bytes Kaltura already holds are the bytes of *this*
 * file. Name and size are not enough, and neither is a hash of the first few MiB (two exports of
 * the same recording differ only in the middle). Kaltura offers no way to read a partial upload
 * back, and the only free-text field of an upload token, `fileName`, is insert-only, so it cannot
 * carry a hash that grows with the upload.
 *
 * How: every time Kaltura confirms that the token holds the file contiguously up to offset N,
 * the uploader creates a tiny *marker* upload token (never given any data) whose `fileName` is
 * `n8n-resume-v1.<tokenId>.<N>.<lead>.<sha256 of bytes 0..N, first 32 hex>` and deletes the
 * previous marker (one multirequest). Markers are found again with `uploadToken.list`
 * (`fileSizeEqual` = a 48-bit key derived from the token id, far above any real file size,
 * `statusEqual` = PENDING). A later run streams bytes 0..N of its own file (it has to read them
 * anyway, and they go into the file's SHA-256), compares the hash, and continues only on a match.
 * So the check covers every byte that is not sent again, whatever the file type.
 *
 * `lead` is how far ahead of Kaltura's contiguous size this run ever sent a chunk: chunks that
 * were parked out of order and never joined lie below `uploadedFileSize + lead`. A resumed run
 * sends its first request as one chunk from N to past that bound, so those leftovers can no
 * longer be appended (Kaltura only appends parked chunks that make the file longer).
 *
 * Markers are written at most once per `MARKER_INTERVAL_MS` while the upload runs (each is a
 * request Kaltura must answer, and a fast upload confirms a chunk every few milliseconds), and the
 * latest confirmed offset is always written when an upload fails. A process killed outright loses
 * at most that interval of progress: the re-run resumes from the last marker, not from zero.
 *
 * Markers are deleted when the upload completes; those of an abandoned upload stay behind as
 * empty PENDING tokens (a few hundred bytes of metadata each, at most two per upload). A caller
 * that uses the token after the upload (creates an entry with it) may ask for one last marker
 * covering the whole file instead, and delete it once the token is used: if using it fails, the
 * next run finds the complete token, checks the file against that marker, and sends nothing.
 */
import { createHash } from 'crypto';

import type { KalturaClient, KalturaLogger } from '../client/client';
import { KalturaUploadTokenStatus } from '../client/enums';
import { settle } from '../client/outcome';
import type { KalturaListResponse, KalturaUploadToken } from '../client/types';

const PREFIX = 'n8n-resume-v1';
/** Hex characters of the prefix hash kept in a marker: 128 bits. */
const HASH_CHARS = 32;
/** Least time between two marker writes while an upload runs. */
export const MARKER_INTERVAL_MS = 1000;

export interface ResumeMarker {
	/** The marker token's own id (to delete it). */
	markerId: string;
	/** The upload token the marker vouches for. */
	tokenId: string;
	/** Kaltura held the file contiguously up to here when the marker was written. */
	offset: number;
	/** Farthest a chunk of that run reached past Kaltura's contiguous size. */
	lead: number;
	/** Leading hex characters of the SHA-256 of bytes [0, offset). */
	prefixHash: string;
}

/** The marker lookup key: a number no real file size reaches (2^47 … 2^48 bytes). */
export function markerKey(tokenId: string): number {
	const digest = createHash('sha256').update(`${PREFIX}:${tokenId}`).digest('hex');
	return 2 ** 47 + (parseInt(digest.slice(0, 12), 16) % 2 ** 47);
}

export function markerFileName(tokenId: string, offset: number, lead: number, prefixSha256: string): string {
	return `${PREFIX}.${tokenId}.${offset}.${lead}.${prefixSha256.slice(0, HASH_CHARS)}`;
}

/** Whether a full SHA-256 (hex) of a prefix matches the one a marker recorded. */
export function prefixMatches(marker: ResumeMarker, prefixSha256: string): boolean {
	return prefixSha256.slice(0, HASH_CHARS) === marker.prefixHash;
}

export function parseMarker(token: KalturaUploadToken, tokenId: string): ResumeMarker | undefined {
	const parts = (token.fileName ?? '').split('.');
	if (parts.length !== 5 || parts[0] !== PREFIX || parts[1] !== tokenId) return undefined;
	const offset = Number(parts[2]);
	const lead = Number(parts[3]);
	const prefixHash = parts[4];
	if (!Number.isSafeInteger(offset) || offset <= 0 || !Number.isSafeInteger(lead) || lead < 0) return undefined;
	if (!/^[0-9a-f]+$/.test(prefixHash) || prefixHash.length !== HASH_CHARS) return undefined;
	return { markerId: token.id, tokenId, offset, lead, prefixHash };
}

function markerFilter(tokenId: string) {
	return {
		filter: {
			objectType: 'KalturaUploadTokenFilter',
			statusEqual: KalturaUploadTokenStatus.PENDING,
			fileSizeEqual: markerKey(tokenId),
		},
		pager: { objectType: 'KalturaFilterPager', pageSize: 50, pageIndex: 1 },
	};
}

function markersIn(page: unknown, tokenId: string): ResumeMarker[] {
	const objects = (page as KalturaListResponse<KalturaUploadToken> | undefined)?.objects ?? [];
	return objects.map((t) => parseMarker(t, tokenId)).filter((m): m is ResumeMarker => m !== undefined);
}

/** The markers of several tokens, in one request. */
export async function listMarkers(client: KalturaClient, tokenIds: string[]): Promise<Map<string, ResumeMarker[]>> {
	const found = new Map<string, ResumeMarker[]>();
	if (tokenIds.length === 0) return found;
	const results = await client.multirequest(
		tokenIds.map((id) => ({ service: 'uploadToken', action: 'list', params: markerFilter(id) })),
	);
	results.forEach((result, i) => {
		if (result.ok) found.set(tokenIds[i], markersIn(result.value, tokenIds[i]));
	});
	return found;
}

export interface MarkerWriterOptions {
	logger?: KalturaLogger;
	/** Clock for the write interval (the upload's own, so tests can drive it). */
	now?: () => number;
	/** Least time between two writes while recording (default MARKER_INTERVAL_MS). */
	intervalMs?: number;
}

/**
 * Writes markers while an upload runs: at most one write in flight and at most one per interval,
 * later offsets replace earlier ones still waiting, and a failed write only costs resumability
 * (it is logged, never fatal). `flush` writes the latest offset at once, whatever the interval
 * (a failing upload leaves it behind); `clear` deletes every marker once the upload is complete.
 */
export class MarkerWriter {
	private live: string[];
	private waiting?: { offset: number; lead: number; prefixSha256: string };
	private writing?: Promise<void>;
	private lastOffset = 0;
	private lastWriteAt = -Infinity;
	private closed = false;
	private readonly logger?: KalturaLogger;
	private readonly now: () => number;
	private readonly intervalMs: number;

	constructor(
		private readonly client: KalturaClient,
		private readonly tokenId: string,
		existingMarkerIds: string[],
		options: MarkerWriterOptions = {},
	) {
		this.live = [...existingMarkerIds];
		this.logger = options.logger;
		this.now = options.now ?? Date.now;
		this.intervalMs = options.intervalMs ?? MARKER_INTERVAL_MS;
	}

	record(offset: number, lead: number, prefixSha256: string): void {
		if (this.closed || offset <= this.lastOffset) return;
		this.lastOffset = offset;
		this.waiting = { offset, lead, prefixSha256 };
		if (this.now() - this.lastWriteAt >= this.intervalMs) this.writing ??= this.drain(false);
	}

	/** Writes the latest recorded offset now and waits for it (a failing upload leaves it behind). */
	async flush(): Promise<void> {
		while (this.writing) await this.writing;
		if (this.waiting && !this.closed) {
			this.writing = this.drain(true);
			await this.writing;
		}
	}

	/**
	 * The upload is complete: one marker for the whole file replaces the others, so a run that
	 * fails after the upload (creating or updating the entry) can be repeated without sending the
	 * file again. Returns the ids of the markers left (to delete once the token is used).
	 */
	async complete(size: number, sha256: string): Promise<string[]> {
		this.closed = true;
		this.waiting = undefined;
		while (this.writing) await this.writing;
		await this.write(size, 0, sha256);
		return [...this.live];
	}

	/** Deletes all markers of this token: the upload is complete, nothing is left to resume. */
	async clear(): Promise<void> {
		this.closed = true;
		this.waiting = undefined;
		while (this.writing) await this.writing;
		if (this.live.length === 0) return;
		const ids = this.live;
		const outcome = await settle(
			async () =>
				await this.client.multirequest(
					ids.map((uploadTokenId) => ({ service: 'uploadToken', action: 'delete', params: { uploadTokenId } })),
				),
		);
		if (outcome.ok) this.live = ids.filter((_, i) => !outcome.value[i].ok);
		else this.logger?.debug(`Could not delete resume markers of upload token ${this.tokenId}`);
	}

	/** Writes what is waiting; while recording, stops once the interval has not passed since the last write. */
	private async drain(force: boolean): Promise<void> {
		while (this.waiting && (force || this.now() - this.lastWriteAt >= this.intervalMs)) {
			const next = this.waiting;
			this.waiting = undefined;
			this.lastWriteAt = this.now();
			await this.write(next.offset, next.lead, next.prefixSha256);
		}
		this.writing = undefined;
	}

	private async write(offset: number, lead: number, prefixSha256: string): Promise<void> {
		const previous = this.live;
		const calls = [
			{
				service: 'uploadToken',
				action: 'add',
				params: {
					uploadToken: {
						objectType: 'KalturaUploadToken',
						fileName: markerFileName(this.tokenId, offset, lead, prefixSha256),
						fileSize: markerKey(this.tokenId),
					},
				},
			},
			...previous.map((uploadTokenId) => ({ service: 'uploadToken', action: 'delete', params: { uploadTokenId } })),
		];
		const outcome = await settle(async () => await this.client.multirequest(calls));
		if (!outcome.ok) {
			this.logger?.debug(`Could not record resume point ${offset} of upload token ${this.tokenId}`);
			return;
		}
		const [added, ...deleted] = outcome.value;
		const stillLive = previous.filter((_, i) => !deleted[i].ok);
		if (added.ok) stillLive.push((added.value as KalturaUploadToken).id);
		this.live = stillLive;
	}
}

/**
 * Deletes markers that are no longer needed (the complete token they vouch for has been used).
 * A failure only leaves a few hundred bytes of metadata behind, so it is logged, not thrown.
 */
export async function deleteMarkers(client: KalturaClient, markerIds: string[], logger?: KalturaLogger): Promise<void> {
	if (markerIds.length === 0) return;
	const outcome = await settle(
		async () =>
			await client.multirequest(
				markerIds.map((uploadTokenId) => ({ service: 'uploadToken', action: 'delete', params: { uploadTokenId } })),
			),
	);
	if (!outcome.ok || outcome.value.some((r) => !r.ok)) logger?.debug('Could not delete every resume marker');
}
