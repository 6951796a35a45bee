/**
 * The sandbox's state: per-partner entries, upload tokens, app tokens and ended
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

export class Store {
	private state: PersistedState = { version: 1, seq: 0, partners: {} };
	private readonly writer: DebouncedWriter;

	constructor(
		readonly dataDir: string,
		persistDelayMs = 50,
	) {
		this.writer = new DebouncedWriter(path.join(dataDir, 'state.json'), () => this.state, persistDelayMs);
	}

	/** Creates the directory layout and loads a previous state if there is one. */
	async open(partnerIds: number[]): Promise<void> {
		for (const dir of ['content', 'uploads', 'tmp']) await fsp.mkdir(path.join(this.dataDir, dir), { recursive: true });
		// Temp parts of requests that died with a previous process are garbage.
		for (const f of await fsp.readdir(this.tmpDir)) await fsp.rm(path.join(this.tmpDir, f), { force: true, recursive: true });
		const file = path.join(this.dataDir, 'state.json');
		if (fs.existsSync(file)) {
			const loaded = JSON.parse(await fsp.readFile(file, 'utf8')) as PersistedState;
			if (loaded.version === 1) this.state = loaded;
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
			p = { entries: {}, uploadTokens: {}, appTokens: {}, endedSessions: {} };
			this.state.partners[key] = p;
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

	/** Test helper: forget everything (files included). */
	async clear(): Promise<void> {
		const pids = this.partnerIds();
		this.state = { version: 1, seq: 0, partners: {} };
		for (const dir of ['content', 'uploads']) {
			await fsp.rm(path.join(this.dataDir, dir), { recursive: true, force: true });
			await fsp.mkdir(path.join(this.dataDir, dir), { recursive: true });
		}
		for (const pid of pids) this.partner(pid);
		await this.flush();
	}
}
