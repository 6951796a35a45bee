/**
 * The sandbox's state: per-partner entries, categories, upload tokens, app tokens and ended
 * sessions (live streams are entries of type '7', as in Kaltura's entry table).
 * Metadata lives in memory and is persisted to `state.json`; content bytes only ever
 * live in files under the data dir.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { promises as fsp } from 'fs';
import * as path from 'path';
import { DebouncedWriter } from './persist';
import type { EntryRecord, PartnerData, PersistedState } from './types';

/** Fills a partner's fresh data with what every partner starts with (the sample categories). */
export type PartnerSeeder = (partnerId: number, data: PartnerData, nextCategoryId: () => number) => void;

/** Category ids count up from here, so they look like the large integers Kaltura hands out. */
const CATEGORY_ID_BASE = 10000;

function emptyState(): PersistedState {
	return { version: 1, seq: 0, lastCategoryId: CATEGORY_ID_BASE, partners: {} };
}

export class Store {
	private state: PersistedState = emptyState();
	private readonly writer: DebouncedWriter;

	constructor(
		readonly dataDir: string,
		persistDelayMs = 50,
		private readonly seedPartner: PartnerSeeder = () => undefined,
	) {
		this.writer = new DebouncedWriter(path.join(dataDir, 'state.json'), () => this.state, persistDelayMs);
	}

	/** Creates the directory layout and loads a previous state if there is one. */
	async open(partnerIds: number[]): Promise<void> {
		for (const dir of ['content', 'uploads', 'tmp']) await fsp.mkdir(path.join(this.dataDir, dir), { recursive: true });
		// Temp parts of requests that died with a previous process are garbage.
		for (const f of await fsp.readdir(this.tmpDir))
			await fsp.rm(path.join(this.tmpDir, f), { force: true, recursive: true });
		const file = path.join(this.dataDir, 'state.json');
		if (fs.existsSync(file)) {
			const loaded = JSON.parse(await fsp.readFile(file, 'utf8')) as PersistedState;
			if (loaded.version === 1) this.state = loaded;
		}
		// State written before categories existed: give those partners the starting tree.
		this.state.lastCategoryId ??= CATEGORY_ID_BASE;
		for (const [pid, p] of Object.entries(this.state.partners)) {
			if (p.categories) continue;
			p.categories = {};
			this.seedPartner(Number(pid), p, () => this.nextCategoryId());
			this.changed();
		}
		for (const pid of partnerIds) this.partner(pid);
	}

	get tmpDir(): string {
		return path.join(this.dataDir, 'tmp');
	}

	hasPartner(pid: number): boolean {
		return Object.prototype.hasOwnProperty.call(this.state.partners, String(pid));
	}

	partner(pid: number): PartnerData {
		const key = String(pid);
		let p = this.state.partners[key];
		if (!p) {
			p = { entries: {}, categories: {}, uploadTokens: {}, appTokens: {}, endedSessions: {} };
			this.state.partners[key] = p;
			this.seedPartner(pid, p, () => this.nextCategoryId());
			this.changed();
		}
		return p;
	}

	partnerIds(): number[] {
		return Object.keys(this.state.partners).map(Number);
	}

	allEntries(): EntryRecord[] {
		return Object.values(this.state.partners).flatMap((p) => Object.values(p.entries));
	}

	findEntry(entryId: string): EntryRecord | null {
		for (const p of Object.values(this.state.partners)) if (p.entries[entryId]) return p.entries[entryId];
		return null;
	}

	nextSeq(): number {
		this.state.seq += 1;
		return this.state.seq;
	}

	nextCategoryId(): number {
		this.state.lastCategoryId += 1;
		return this.state.lastCategoryId;
	}

	/** Absolute path of a data-dir relative file reference. */
	abs(rel: string): string {
		return path.join(this.dataDir, rel);
	}

	/** Each ingest gets its own file, so a replacement never overwrites bytes still being served. */
	contentRel(entryId: string): string {
		return path.join('content', `${entryId}.${crypto.randomBytes(4).toString('hex')}.bin`);
	}

	uploadRel(tokenId: string): string {
		return path.join('uploads', `${tokenId}.bin`);
	}

	parkedRel(tokenId: string, offset: number): string {
		return path.join('uploads', `${tokenId}.chunk.${offset}`);
	}

	/** Mark state dirty; the writer coalesces bursts of changes into one atomic write. */
	changed(): void {
		this.writer.schedule();
	}

	async flush(): Promise<void> {
		await this.writer.flush();
	}

	/** Test helper: forget everything (files included); partners start again from their seed. */
	async clear(): Promise<void> {
		const pids = this.partnerIds();
		this.state = emptyState();
		for (const dir of ['content', 'uploads']) {
			await fsp.rm(path.join(this.dataDir, dir), { recursive: true, force: true });
			await fsp.mkdir(path.join(this.dataDir, dir), { recursive: true });
		}
		for (const pid of pids) this.partner(pid);
		await this.flush();
	}
}
