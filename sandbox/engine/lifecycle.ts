/**
 * Entry status machine driven by time (reference §4.2):
 *   NO_CONTENT(7) → IMPORT(0) while an upload token fills or a URL downloads
 *   → PRECONVERT(1) for `processingMs` → READY(2), or ERROR_CONVERTING(-1) when the bytes
 *   are not media, or ERROR_IMPORTING(-2) when a URL cannot be fetched.
 * Also implements updateContent's replacement: a hidden temp entry takes the new content
 * and, once READY, its content is swapped into the original.
 */
import { promises as fsp } from 'fs';
import type { Runtime } from '../runtime';
import type { ContentRef, EntryRecord, UploadTokenRecord } from '../store/types';
import { mediaTypeFor, sniffFile } from './sniff';
import { importUrl } from './urlImport';
import { TOKEN_CLOSED, TOKEN_FULL } from './uploads';
import { moveFile } from './files';

export const ENTRY_STATUS = {
	ERROR_IMPORTING: -2,
	ERROR_CONVERTING: -1,
	IMPORT: 0,
	PRECONVERT: 1,
	READY: 2,
	DELETED: 3,
	PENDING: 4,
	NO_CONTENT: 7,
} as const;

/** KalturaEntryReplacementStatus */
export const REPLACEMENT = {
	NONE: 0,
	APPROVED_BUT_NOT_READY: 1,
	READY_BUT_NOT_APPROVED: 2,
	NOT_READY_AND_NOT_APPROVED: 3,
	FAILED: 4,
} as const;

/** Fake but deterministic duration: one second per 100 kB, at least one. */
export function stableDuration(bytes: number): number {
	return Math.max(1, Math.round(bytes / 100000));
}

export class Lifecycle {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly imports = new Map<string, AbortController>();
	private readonly running = new Set<Promise<unknown>>();

	constructor(private readonly rt: Runtime) {}

	setStatus(e: EntryRecord, status: number): void {
		// updatedAt moves on every status change, so pollers using updatedAt filters see it.
		e.status = status;
		e.updatedAt = this.rt.now();
		this.rt.store.changed();
	}

	/** Keep background work observable for close() and tests. */
	private track<T>(p: Promise<T>): void {
		const guarded = p.catch((err: unknown) =>
			process.stderr.write(`kaltura sandbox: background task failed: ${String(err)}\n`),
		);
		this.running.add(guarded);
		void guarded.finally(() => this.running.delete(guarded));
	}

	async attachToken(e: EntryRecord, t: UploadTokenRecord): Promise<void> {
		t.attachedObjectType = 'entry';
		t.attachedObjectId = e.id;
		e.pending = { kind: 'token', tokenId: t.id };
		if (t.status === TOKEN_FULL) {
			await this.consumeToken(e, t);
			return;
		}
		this.setStatus(e, ENTRY_STATUS.IMPORT);
	}

	/** Called by the upload engine when a token reaches FULL_UPLOAD. */
	onTokenComplete(t: UploadTokenRecord): void {
		if (t.attachedObjectType !== 'entry' || !t.attachedObjectId) return;
		const e = this.rt.store.partner(t.partnerId).entries[t.attachedObjectId];
		if (e && e.pending?.kind === 'token' && e.pending.tokenId === t.id) this.track(this.consumeToken(e, t));
	}

	private async consumeToken(e: EntryRecord, t: UploadTokenRecord): Promise<void> {
		const rel = this.rt.store.contentRel(e.id);
		const size = await this.rt.uploads.takeFile(t, this.rt.store.abs(rel));
		t.status = TOKEN_CLOSED;
		t.updatedAt = this.rt.now();
		e.incoming = { file: rel, size, fileName: t.fileName ?? 'upload' };
		await this.startProcessing(e);
	}

	attachUrl(e: EntryRecord, url: string, headers: string[]): void {
		e.pending = { kind: 'url', url, headers };
		if (e.fields.sourceType === undefined || e.fields.sourceType === null) e.fields.sourceType = '5';
		this.setStatus(e, ENTRY_STATUS.IMPORT);
		this.track(this.runImport(e, url, headers));
	}

	private async runImport(e: EntryRecord, url: string, headers: string[]): Promise<void> {
		const ctrl = new AbortController();
		this.imports.set(e.id, ctrl);
		const rel = this.rt.store.contentRel(e.id);
		const dest = this.rt.store.abs(rel);
		const res = await importUrl(url, dest, headers, this.rt.options.importTimeoutMs, ctrl.signal);
		this.imports.delete(e.id);
		if (ctrl.signal.aborted || e.pending?.kind !== 'url') {
			await fsp.rm(dest, { force: true });
			return;
		}
		if (!res.ok) {
			await fsp.rm(dest, { force: true });
			e.pending = null;
			this.setStatus(e, ENTRY_STATUS.ERROR_IMPORTING);
			this.replacementFailed(e);
			return;
		}
		e.incoming = { file: rel, size: res.size, fileName: res.fileName };
		await this.startProcessing(e);
	}

	private async startProcessing(e: EntryRecord): Promise<void> {
		const inc = e.incoming;
		if (!inc) return;
		const sniff = await sniffFile(this.rt.store.abs(inc.file));
		// Kaltura attaches images without a conversion step.
		if (sniff.kind === 'image') {
			await this.finish(e);
			return;
		}
		const readyAt = Date.now() + this.rt.options.processingMs;
		e.pending = { kind: 'process', readyAt };
		this.setStatus(e, ENTRY_STATUS.PRECONVERT);
		this.schedule(e, this.rt.options.processingMs);
	}

	private schedule(e: EntryRecord, delayMs: number): void {
		const prev = this.timers.get(e.id);
		if (prev) clearTimeout(prev);
		this.timers.set(
			e.id,
			setTimeout(
				() => {
					this.timers.delete(e.id);
					this.track(this.finish(e));
				},
				Math.max(0, delayMs),
			),
		);
	}

	private async finish(e: EntryRecord): Promise<void> {
		const inc = e.incoming;
		if (!inc || e.status === ENTRY_STATUS.DELETED) return;
		const sniff = await sniffFile(this.rt.store.abs(inc.file));
		e.pending = null;
		if (!sniff.kind) {
			this.setStatus(e, ENTRY_STATUS.ERROR_CONVERTING);
			this.replacementFailed(e);
			return;
		}
		if (e.fields.mediaType === undefined || e.fields.mediaType === null) e.fields.mediaType = mediaTypeFor(sniff.kind);
		this.promote(e, sniff.kind === 'image' ? null : stableDuration(inc.size));
		this.setStatus(e, ENTRY_STATUS.READY);
		if (e.replacedEntryId) await this.replacementReady(e);
	}

	/** incoming → content; the previous content file is dropped. */
	private promote(e: EntryRecord, duration: number | null): void {
		const inc = e.incoming;
		if (!inc) return;
		const old = e.content;
		e.content = inc;
		e.incoming = null;
		e.duration = duration;
		if (old && old.file !== inc.file) void fsp.rm(this.rt.store.abs(old.file), { force: true });
	}

	private original(temp: EntryRecord): EntryRecord | null {
		if (!temp.replacedEntryId) return null;
		return this.rt.store.partner(temp.partnerId).entries[temp.replacedEntryId] ?? null;
	}

	private replacementFailed(temp: EntryRecord): void {
		const orig = this.original(temp);
		if (orig && orig.replacingEntryId === temp.id) {
			orig.replacementStatus = REPLACEMENT.FAILED;
			orig.updatedAt = this.rt.now();
		}
	}

	private async replacementReady(temp: EntryRecord): Promise<void> {
		const orig = this.original(temp);
		if (!orig || orig.replacingEntryId !== temp.id) return;
		if (orig.replacementStatus === REPLACEMENT.APPROVED_BUT_NOT_READY) await this.swapIn(orig, temp);
		else if (orig.replacementStatus === REPLACEMENT.NOT_READY_AND_NOT_APPROVED) {
			orig.replacementStatus = REPLACEMENT.READY_BUT_NOT_APPROVED;
			orig.updatedAt = this.rt.now();
			this.rt.store.changed();
		}
	}

	/** Replace the original's content with the temp entry's and retire the temp entry. */
	async swapIn(orig: EntryRecord, temp: EntryRecord): Promise<void> {
		if (temp.content) {
			const rel = this.rt.store.contentRel(orig.id);
			await moveFile(this.rt.store.abs(temp.content.file), this.rt.store.abs(rel));
			const ref: ContentRef = { ...temp.content, file: rel };
			orig.incoming = ref;
			this.promote(orig, temp.duration);
			temp.content = null;
		}
		orig.version += 1;
		orig.replacingEntryId = null;
		orig.replacementStatus = REPLACEMENT.NONE;
		this.setStatus(temp, ENTRY_STATUS.DELETED);
		this.setStatus(orig, ENTRY_STATUS.READY);
	}

	/** Test hook: finish PRECONVERT now instead of waiting. Returns how many entries moved on. */
	async advance(entryId?: string): Promise<number> {
		const ids = [...this.timers.keys()].filter((id) => entryId === undefined || id === entryId);
		for (const id of ids) {
			clearTimeout(this.timers.get(id));
			this.timers.delete(id);
			const e = this.rt.store.findEntry(id);
			if (e) await this.finish(e);
		}
		return ids.length;
	}

	/** Test hook: force a status; READY promotes pending content without sniffing. */
	forceStatus(e: EntryRecord, status: number): void {
		this.cancel(e);
		e.pending = null;
		if (status === ENTRY_STATUS.READY && e.incoming) this.promote(e, stableDuration(e.incoming.size));
		this.setStatus(e, status);
	}

	/** Stop timers/imports for an entry (delete, forced status). */
	cancel(e: EntryRecord): void {
		const t = this.timers.get(e.id);
		if (t) clearTimeout(t);
		this.timers.delete(e.id);
		this.imports.get(e.id)?.abort();
		this.imports.delete(e.id);
	}

	async discard(e: EntryRecord): Promise<void> {
		this.cancel(e);
		e.pending = null;
		for (const ref of [e.content, e.incoming]) if (ref) await fsp.rm(this.rt.store.abs(ref.file), { force: true });
		e.content = null;
		e.incoming = null;
	}

	/** Deletion as Kaltura does it: content files go at once, the record stays as DELETED. */
	async remove(e: EntryRecord): Promise<void> {
		await this.discard(e);
		this.setStatus(e, ENTRY_STATUS.DELETED);
	}

	/** After a restart: pick up work the previous process had in flight. */
	resume(): void {
		for (const e of this.rt.store.allEntries()) {
			const p = e.pending;
			if (!p) continue;
			if (p.kind === 'process') this.schedule(e, p.readyAt - Date.now());
			else if (p.kind === 'url') this.track(this.runImport(e, p.url, p.headers));
			else {
				const t = this.rt.store.partner(e.partnerId).uploadTokens[p.tokenId];
				if (t && t.status === TOKEN_FULL) this.track(this.consumeToken(e, t));
			}
		}
	}

	async close(): Promise<void> {
		for (const t of this.timers.values()) clearTimeout(t);
		this.timers.clear();
		for (const c of this.imports.values()) c.abort();
		await Promise.all([...this.running]);
	}

	/** Resolves when no background work (imports, consumes) is running. For tests. */
	async idle(): Promise<void> {
		while (this.running.size) await Promise.all([...this.running]);
	}
}
