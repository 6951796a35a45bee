/**
 * The chunked upload engine: streams a file into a Kaltura upload token, in parallel, with
 * retries and safe resume. Every node that sends bytes uses it through `uploadFile`.
 *
 * Protocol (Kaltura's own recipe for parallel uploads, wire reference §3.4):
 *   1. the first chunk alone, `resume=false, resumeAt=0` (it creates the file on the server);
 *   2. the middle chunks in parallel, `resume=true, resumeAt=<offset>, finalChunk=false`: the
 *      server writes a chunk that touches its contiguous end and parks the others until the
 *      gap before them fills;
 *   3. the last chunk once all others succeeded, `finalChunk=true`; if the server cannot match
 *      the expected size it says UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE, and the missing bytes
 *      are sent again before the final chunk is repeated;
 *   4. `uploadToken.get` must show FULL_UPLOAD and `uploadedFileSize` = file size.
 * A file that fits in one chunk is one request (`resume=false, finalChunk=true`).
 *
 * Memory: chunks in flight plus one read ahead; no chunk is sent whose end lies more than
 * (parallel + 1) chunks past what Kaltura holds contiguously, so parked chunks stay few.
 * Resume safety: see resumeMarkers.ts.
 */
import type { KalturaClient, KalturaLogger } from '../client/client';
import { KalturaApiError, KalturaCancelledError } from '../client/errors';
import { settle } from '../client/outcome';
import type { KalturaUploadToken } from '../client/types';
import { MULTIPART_HEADROOM, MULTIPART_TAILROOM } from '../client/multipart';
import { BufferPool } from './bufferPool';
import { ChunkReader } from './chunkReader';
import { ChunkSizer, defaultAdaptiveSettings } from './chunkSizer';
import { FileHash } from './fileHash';
import { ProgressLog, formatBytes } from './progressLog';
import { deleteMarkers, MarkerWriter, prefixMatches } from './resumeMarkers';
import { planAutomaticResume, planExplicitResume, type ResumePlan } from './resumePlan';
import { addUploadToken, getUploadToken, heldBytes, isComplete, tokenStatusName, uploadChunk } from './tokenCalls';
import type { AdaptiveChunkSettings, UploadOptions, UploadReport, UploadSource } from './types';
import { EMPTY_FILE_MESSAGE, UploadError } from './uploadError';

const MiB = 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 10 * MiB;
export const DEFAULT_CONCURRENCY = 4;
/**
 * How long a chunk request may go without any traffic. The HTTP timeout counts silence on the
 * socket, so a slow link that keeps sending never trips it; the allowance is for the final chunk,
 * after which Kaltura joins the chunks before it answers.
 */
export const DEFAULT_CHUNK_TIMEOUT_MS = 180_000;
export const MAX_CONCURRENCY = 16;
/** Kaltura counts chunks under 1 MiB (kUploadTokenMgr::MIN_CHUNK_SIZE_IN_BYTES). */
export const KALTURA_MIN_CHUNK_SIZE = MiB;
/** Rounds of "re-send what is missing, then the final chunk again". */
const FINAL_CHUNK_ATTEMPTS = 3;

/** Bytes read for one request, in a pooled buffer to hand back once the request is over. */
interface Chunk {
	data: Buffer;
	/** The pooled buffer around `data`, with room for the multipart framing: no copy per request. */
	frame: Buffer;
	release: () => void;
}

interface Settings {
	chunkSize: number;
	concurrency: number;
	adaptive?: AdaptiveChunkSettings;
	autoResume: boolean;
	keepCompletionMarker: boolean;
	resumeUploadTokenId?: string;
	logger?: KalturaLogger;
	now: () => number;
	progressIntervalMs: number;
	markerIntervalMs?: number;
	callOptions: Pick<UploadOptions, 'retry'> & { timeoutMs?: number };
	onProgress?: UploadOptions['onProgress'];
	onUploadToken?: UploadOptions['onUploadToken'];
}

function resolveSettings(options: UploadOptions): Settings {
	const minimum = Math.max(1, options.minimumChunkSize ?? KALTURA_MIN_CHUNK_SIZE);
	const chunkSize = Math.max(minimum, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
	const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)));
	let adaptive: AdaptiveChunkSettings | undefined;
	if (options.adaptive) {
		const defaults = defaultAdaptiveSettings(chunkSize, concurrency, minimum);
		const given = options.adaptive === true ? {} : options.adaptive;
		const minChunkSize = Math.max(minimum, given.minChunkSize ?? defaults.minChunkSize);
		adaptive = {
			minChunkSize,
			maxChunkSize: Math.max(minChunkSize, given.maxChunkSize ?? defaults.maxChunkSize),
			targetChunkMs: Math.max(1, given.targetChunkMs ?? defaults.targetChunkMs),
		};
	}
	const resumeId = options.resumeUploadTokenId?.trim();
	return {
		chunkSize,
		concurrency,
		adaptive,
		autoResume: options.autoResume ?? true,
		keepCompletionMarker: options.keepCompletionMarker === true,
		resumeUploadTokenId: resumeId === '' ? undefined : resumeId,
		logger: options.logger,
		now: options.now ?? Date.now,
		progressIntervalMs: options.progressIntervalMs ?? 15_000,
		markerIntervalMs: options.markerIntervalMs,
		callOptions: { retry: options.retry, timeoutMs: options.chunkTimeoutMs ?? DEFAULT_CHUNK_TIMEOUT_MS },
		onProgress: options.onProgress,
		onUploadToken: options.onUploadToken,
	};
}

/** Uploads a file into a Kaltura upload token and returns what it did. See the module comment. */
export async function uploadFile(
	client: KalturaClient,
	source: UploadSource,
	options: UploadOptions = {},
): Promise<UploadReport> {
	if (!Number.isSafeInteger(source.size) || source.size < 0) {
		throw new UploadError(`The file size ${source.size} is not a valid number of bytes.`);
	}
	if (source.size === 0) throw new UploadError(EMPTY_FILE_MESSAGE);
	return await new ChunkedUpload(client, source, resolveSettings(options)).run();
}

/**
 * The token of an upload with keepCompletionMarker has been used (an entry holds its file): its
 * completion marker is no longer needed.
 */
export async function forgetCompletedUpload(
	client: KalturaClient,
	report: UploadReport,
	logger?: KalturaLogger,
): Promise<void> {
	await deleteMarkers(client, report.completionMarkerIds ?? [], logger);
}

class ChunkedUpload {
	private readonly size: number;
	private readonly signal?: AbortSignal;
	private readonly sizer: ChunkSizer;
	private hash = new FileHash();
	private startedAt = 0;
	private bytesSent = 0;
	private chunks = 0;
	private retries = 0;
	private resumedFrom = 0;
	/** Bytes Kaltura holds contiguously from the start, as last reported. */
	private held = 0;
	/**
	 * How far past `held` a chunk of this run may end. It bounds the parked chunks, and it is what
	 * the markers record: a resumed run must cover that far to outrun leftovers of this one.
	 */
	private readonly lead: number;
	/** SHA-256 of the file up to each chunk end not yet confirmed, for the markers. */
	private readonly digests = new Map<number, string>();
	private readonly inFlight = new Set<Promise<void>>();
	private failure: { error: unknown } | undefined;
	private markers?: MarkerWriter;
	private progress?: ProgressLog;
	private readonly pool: BufferPool;

	constructor(
		private readonly client: KalturaClient,
		private readonly source: UploadSource,
		private readonly settings: Settings,
	) {
		this.size = source.size;
		this.signal = client.cancelSignal;
		this.sizer = new ChunkSizer(settings.chunkSize, settings.adaptive);
		const largestChunk = settings.adaptive?.maxChunkSize ?? settings.chunkSize;
		this.lead = (settings.concurrency + 1) * largestChunk;
		// In flight, one read ahead, and the final chunk held back while the others finish.
		this.pool = new BufferPool(settings.concurrency + 2, 2 * largestChunk);
	}

	async run(): Promise<UploadReport> {
		this.startedAt = this.settings.now();
		const explicitId = this.settings.resumeUploadTokenId;
		const plan = explicitId
			? await planExplicitResume(this.client, explicitId, this.size)
			: this.size > this.sizer.current && this.settings.autoResume
				? await planAutomaticResume(this.client, this.source.fileName, this.size)
				: undefined;
		if (plan?.complete) return await this.reuseComplete(plan);
		if (this.size <= this.sizer.current) return await this.runSingle(plan);
		return await this.runChunked(plan);
	}

	/**
	 * A complete token an earlier run left (its use failed): the whole file is read and hashed,
	 * and if it matches the token's marker nothing is sent at all.
	 */
	private async reuseComplete(plan: ResumePlan): Promise<UploadReport> {
		const reader = await this.openReader();
		const checked = await settle(async () => {
			const matches = await this.verifyPrefix(reader, plan);
			if (matches) await this.expectEnd(reader);
			return matches;
		});
		await reader.close();
		if (!checked.ok) throw checked.error;
		if (!checked.value) {
			if (plan.explicit) throw this.differentFile(plan);
			this.settings.logger?.warn(
				`Kaltura upload token ${plan.token.id} has the name and size of "${this.source.fileName}" but other content; starting a new upload`,
			);
			this.hash = new FileHash();
			return await this.runChunked(undefined);
		}
		const tokenId = plan.token.id;
		this.settings.onUploadToken?.(tokenId);
		this.resumedFrom = this.size;
		this.held = this.size;
		this.settings.logger?.info(
			`Kaltura upload token ${tokenId} already holds all of "${this.source.fileName}" (${formatBytes(this.size)}, checked against its SHA-256): nothing to send`,
		);
		const report = await this.finish(tokenId);
		if (this.settings.keepCompletionMarker) report.completionMarkerIds = plan.markerIds;
		else await deleteMarkers(this.client, plan.markerIds, this.settings.logger);
		return report;
	}

	private differentFile(plan: ResumePlan): UploadError {
		const what = plan.complete
			? 'holds a different file'
			: `holds the start of a different file: its first ${plan.marker?.offset} bytes do not match this file`;
		return new UploadError(
			`Upload token ${plan.token.id} ${what}. Clear "Resume Upload Token ID" to start a new upload.`,
		);
	}

	/**
	 * A file that fits in one chunk: one request that creates and completes the upload. A named
	 * token is simply overwritten (`resume=false` replaces whatever it held).
	 */
	private async runSingle(plan: ResumePlan | undefined): Promise<UploadReport> {
		const token = plan?.token ?? (await addUploadToken(this.client, this.source.fileName, this.size));
		this.settings.onUploadToken?.(token.id);
		const reader = await this.openReader();
		const settled = await settle(async () => {
			const chunk = await this.readChunk(reader, 0, this.size);
			await this.expectEnd(reader);
			const answer = await this.send(token.id, chunk.data, 0, { resume: false, final: true }, chunk.frame);
			chunk.release();
			this.advance(heldBytes(answer));
		});
		await reader.close();
		if (!settled.ok) throw settled.error;
		const report = await this.finish(token.id);
		if (plan && plan.markerIds.length > 0) await new MarkerWriter(this.client, token.id, plan.markerIds).clear();
		return report;
	}

	private async runChunked(plan: ResumePlan | undefined): Promise<UploadReport> {
		const reading = { reader: await this.openReader() };
		try {
			return await this.uploadChunks(reading, plan);
		} finally {
			await reading.reader.close(); // also when it failed: releases the file or connection
		}
	}

	private async uploadChunks(reading: { reader: ChunkReader }, plan: ResumePlan | undefined): Promise<UploadReport> {
		let token: KalturaUploadToken | undefined;
		let from = 0;
		if (plan?.marker) {
			if (await this.verifyPrefix(reading.reader, plan)) {
				token = plan.token;
				from = plan.marker.offset;
			} else {
				if (plan.explicit) throw this.differentFile(plan);
				this.settings.logger?.warn(
					`Kaltura upload token ${plan.token.id} has the name and size of "${this.source.fileName}" but other content; starting a new upload`,
				);
				await reading.reader.close();
				reading.reader = await this.openReader();
				this.hash = new FileHash();
				plan = undefined;
			}
		} else if (plan) {
			token = plan.token; // an empty token named by the user: fill it from the start
		}
		token ??= await addUploadToken(this.client, this.source.fileName, this.size);
		this.settings.onUploadToken?.(token.id);
		const markers = new MarkerWriter(this.client, token.id, plan?.markerIds ?? [], {
			logger: this.settings.logger,
			now: this.settings.now,
			intervalMs: this.settings.markerIntervalMs,
		});
		this.markers = markers;
		this.resumedFrom = from;
		this.held = from;
		this.progress = new ProgressLog(
			this.settings.logger,
			this.source.fileName,
			this.size,
			this.settings.now,
			this.settings.progressIntervalMs,
			this.startedAt,
			from,
		);
		this.settings.logger?.info(
			from > 0
				? `Resuming Kaltura upload token ${token.id} of "${this.source.fileName}" at ${formatBytes(from)} of ${formatBytes(this.size)}`
				: `Uploading "${this.source.fileName}" (${formatBytes(this.size)}) to Kaltura upload token ${token.id}: chunks of ${formatBytes(this.sizer.current)}, ${this.settings.concurrency} in parallel`,
		);

		const tokenId = token.id;
		const pumped = await settle(async () => await this.pump(reading.reader, tokenId, from, plan));
		if (!pumped.ok) {
			// Let the chunks in flight end and the latest marker land: a re-run resumes from there.
			await this.waitForInFlight();
			await markers.flush();
			throw pumped.error;
		}
		const report = await this.finish(tokenId);
		if (this.settings.keepCompletionMarker)
			report.completionMarkerIds = await markers.complete(this.size, report.sha256);
		else await markers.clear();
		return report;
	}

	/**
	 * Reads bytes [0, marker.offset) of this file into the hash and compares them with the marker.
	 * Nothing is sent before this check passes.
	 */
	private async verifyPrefix(reader: ChunkReader, plan: ResumePlan): Promise<boolean> {
		const marker = plan.marker;
		if (!marker || marker.offset > plan.held) return false;
		const skipped = await reader.skip(marker.offset, (piece) => {
			this.throwIfCancelled();
			this.hash.update(piece);
		});
		if (skipped < marker.offset) throw this.sizeMismatch(skipped);
		return prefixMatches(marker, this.hash.digestSoFar());
	}

	/** Sends everything from `from` on: a first request alone, the middle in parallel, the final last. */
	private async pump(reader: ChunkReader, tokenId: string, from: number, plan: ResumePlan | undefined): Promise<void> {
		// The first request goes alone. Fresh: the first chunk creates the file. Resumed: one chunk
		// from the verified offset past anything an earlier run may have left parked (see
		// resumeMarkers.ts), so that every byte after the verified prefix comes from this file.
		const firstEnd =
			from === 0 || !plan?.marker
				? Math.min(this.size, this.sizer.current)
				: Math.min(this.size, Math.max(from + this.sizer.current, plan.held + plan.marker.lead));
		const first = await this.readChunk(reader, from, firstEnd - from);
		const firstIsFinal = firstEnd === this.size;
		if (firstIsFinal) await this.expectEnd(reader);
		const answer = await this.send(tokenId, first.data, from, { resume: from > 0, final: firstIsFinal }, first.frame);
		first.release();
		this.advance(heldBytes(answer));
		if (firstIsFinal) return;

		let offset = firstEnd;
		while (offset < this.size) {
			this.throwIfCancelled();
			const length = Math.min(this.sizer.current, this.size - offset);
			const end = offset + length;
			// Read before waiting, so reading the next chunk overlaps with the chunks in flight.
			const chunk = await this.readChunk(reader, offset, length);
			if (end === this.size) {
				await this.expectEnd(reader);
				await this.waitForInFlight();
				this.throwIfFailed();
				await this.sendFinal(tokenId, chunk, offset);
				chunk.release();
				return;
			}
			await this.waitForRoom(tokenId, offset, end);
			this.dispatch(tokenId, chunk, offset);
			offset = end;
		}
	}

	/** Starts a middle chunk without waiting for it. */
	private dispatch(tokenId: string, chunk: Chunk, offset: number): void {
		const task = (async () => {
			const sent = await settle(
				async () => await this.send(tokenId, chunk.data, offset, { resume: true, final: false }, chunk.frame),
			);
			chunk.release();
			if (sent.ok) this.advance(heldBytes(sent.value));
			else this.failure ??= { error: sent.error };
		})();
		this.inFlight.add(task);
		void task.finally(() => this.inFlight.delete(task));
	}

	/**
	 * Waits until a chunk ending at `end` may go: a free slot, and not too far ahead of what Kaltura
	 * holds (that bounds parked chunks and what a resume must cover).
	 */
	private async waitForRoom(tokenId: string, nextOffset: number, end: number): Promise<void> {
		for (;;) {
			this.throwIfCancelled();
			if (this.failure) {
				await this.waitForInFlight();
				this.throwIfFailed();
			}
			if (this.inFlight.size < this.settings.concurrency && end <= this.held + this.lead) return;
			if (this.inFlight.size > 0) {
				await Promise.race(this.inFlight);
				continue;
			}
			// Nothing in flight, yet Kaltura holds less than everything sent: it lost bytes.
			await this.recover(tokenId, nextOffset);
			if (end > this.held + this.lead) {
				throw new UploadError(
					`Kaltura holds only ${this.held} bytes of upload token ${tokenId} after ${nextOffset} bytes were sent, even after sending them again.`,
				);
			}
		}
	}

	/** Re-reads what Kaltura holds and sends bytes [held, upTo) again if some are missing. */
	private async recover(tokenId: string, upTo: number): Promise<void> {
		const token = await getUploadToken(this.client, tokenId);
		this.advance(heldBytes(token));
		if (this.held >= upTo) return;
		this.settings.logger?.warn(
			`Kaltura upload token ${tokenId} holds ${this.held} of ${upTo} bytes sent; sending the missing bytes again`,
		);
		const reader = await this.openReader();
		const resent = await settle(async () => {
			const start = this.held;
			if ((await reader.skip(start, () => this.throwIfCancelled())) < start) throw this.sizeMismatch(reader.position);
			for (let offset = start; offset < upTo; ) {
				this.throwIfCancelled();
				const data = await reader.read(Math.min(this.sizer.current, upTo - offset));
				if (data.length === 0) throw this.sizeMismatch(reader.position);
				const answer = await this.send(tokenId, data, offset, { resume: true, final: false });
				this.advance(heldBytes(answer));
				offset += data.length;
			}
		});
		await reader.close();
		if (!resent.ok) throw resent.error;
	}

	/**
	 * The last chunk, after all others succeeded. Kaltura then waits for parked chunks to fill any
	 * gap; if it cannot, the missing bytes are sent again and the final chunk repeated.
	 */
	private async sendFinal(tokenId: string, chunk: Chunk, offset: number): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			const sent = await settle(
				async () => await this.send(tokenId, chunk.data, offset, { resume: true, final: true }, chunk.frame),
			);
			if (sent.ok) {
				this.advance(heldBytes(sent.value));
				return;
			}
			const error = sent.error;
			if (!(error instanceof KalturaApiError)) throw error;
			if (error.code === 'UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD') {
				// A retried final chunk whose first attempt did arrive: the token is complete already.
				const token = await getUploadToken(this.client, tokenId);
				if (isComplete(token, this.size)) return;
				throw error;
			}
			if (error.code !== 'UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE' || attempt >= FINAL_CHUNK_ATTEMPTS) throw error;
			this.retries++;
			this.settings.logger?.warn(
				`Kaltura could not complete upload token ${tokenId} (${error.code}); checking for missing bytes (attempt ${attempt + 1} of ${FINAL_CHUNK_ATTEMPTS})`,
			);
			await this.recover(tokenId, offset);
		}
	}

	private async send(
		tokenId: string,
		data: Buffer,
		offset: number,
		kind: { resume: boolean; final: boolean },
		frame?: Buffer,
	): Promise<KalturaUploadToken> {
		this.throwIfCancelled();
		const started = this.settings.now();
		const answer = await uploadChunk(
			this.client,
			{
				uploadTokenId: tokenId,
				data,
				frame,
				fileName: this.source.fileName,
				mimeType: this.source.mimeType,
				resume: kind.resume,
				resumeAt: offset,
				finalChunk: kind.final,
			},
			{ ...this.settings.callOptions, onRetry: () => this.retries++ },
		);
		this.bytesSent += data.length;
		this.chunks++;
		this.sizer.observe(data.length, this.settings.now() - started);
		return answer;
	}

	/** Kaltura reported how much it holds: note it, record a resume marker, log progress. */
	private advance(held: number): void {
		if (held <= this.held) return;
		this.held = held;
		const digest = this.digests.get(held);
		for (const end of this.digests.keys()) if (end <= held) this.digests.delete(end);
		if (digest !== undefined && held < this.size) this.markers?.record(held, this.lead, digest);
		this.progress?.update(held);
		this.settings.onProgress?.({ fileName: this.source.fileName, confirmedBytes: held, totalBytes: this.size });
	}

	/** Reads one chunk into a pooled buffer, feeds the hash, and remembers the hash at its end for a marker. */
	private async readChunk(reader: ChunkReader, offset: number, length: number): Promise<Chunk> {
		const buffer = this.pool.acquire(MULTIPART_HEADROOM + length + MULTIPART_TAILROOM);
		const data = buffer.subarray(MULTIPART_HEADROOM, MULTIPART_HEADROOM + length);
		const got = await reader.readInto(data, length, (piece) => this.hash.update(piece));
		if (got < length) {
			this.pool.release(buffer);
			throw this.sizeMismatch(offset + got);
		}
		if (offset + length < this.size) this.digests.set(offset + length, this.hash.digestSoFar());
		return { data, frame: buffer, release: () => this.pool.release(buffer) };
	}

	private async expectEnd(reader: ChunkReader): Promise<void> {
		if (!(await reader.atEnd())) {
			throw new UploadError(
				`The binary data of "${this.source.fileName}" is longer than its stated size of ${this.size} bytes; nothing was completed in Kaltura.`,
			);
		}
	}

	private sizeMismatch(got: number): UploadError {
		return new UploadError(
			`The binary data of "${this.source.fileName}" ended after ${got} bytes, but its stated size is ${this.size} bytes.`,
		);
	}

	/** Checks with Kaltura that the token is complete, then builds the report. */
	private async finish(tokenId: string): Promise<UploadReport> {
		const token = await getUploadToken(this.client, tokenId);
		if (!isComplete(token, this.size)) {
			throw new UploadError(
				`Kaltura upload token ${tokenId} is ${tokenStatusName(token.status)} with ${heldBytes(token)} of ${this.size} bytes after the upload; it was not used.`,
			);
		}
		const durationMs = Math.max(1, this.settings.now() - this.startedAt);
		const report: UploadReport = {
			uploadTokenId: tokenId,
			fileName: this.source.fileName,
			bytes: this.size,
			bytesSent: this.bytesSent,
			chunks: this.chunks,
			retries: this.retries,
			resumedFrom: this.resumedFrom,
			durationMs,
			mbPerSecond: Math.round((this.bytesSent / 1e6 / (durationMs / 1000)) * 100) / 100,
			sha256: this.hash.digestSoFar(),
			chunkSize: this.sizer.current,
			concurrency: this.settings.concurrency,
		};
		this.settings.logger?.info(
			`Uploaded "${this.source.fileName}" (${formatBytes(this.size)}) to Kaltura upload token ${tokenId} in ${(durationMs / 1000).toFixed(1)} s` +
				` (${report.mbPerSecond} MB/s, ${report.chunks} chunks, ${report.retries} retries${this.resumedFrom > 0 ? `, resumed at ${formatBytes(this.resumedFrom)}` : ''})`,
		);
		return report;
	}

	private async openReader(): Promise<ChunkReader> {
		this.throwIfCancelled();
		return new ChunkReader(await this.source.open());
	}

	private async waitForInFlight(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.race(this.inFlight);
	}

	private throwIfFailed(): void {
		if (this.failure) throw this.failure.error;
	}

	private throwIfCancelled(): void {
		if (this.signal?.aborted) throw new KalturaCancelledError();
	}
}
