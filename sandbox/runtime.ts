/**
 * Shared runtime handed to every service: options, store, clock and the engines that
 * drive asynchronous behaviour (entry lifecycle, upload assembly). One object instead of
 * module globals so several sandboxes can run in one test process.
 */
import type { ResolvedOptions } from './options';
import type { Store } from './store/store';
import type { Lifecycle } from './engine/lifecycle';
import type { UploadEngine } from './engine/uploads';

export interface Runtime {
	readonly options: ResolvedOptions;
	readonly store: Store;
	readonly lifecycle: Lifecycle;
	readonly uploads: UploadEngine;
	/** Unix seconds, the unit of every Kaltura time field. */
	now(): number;
	/** Base URL for URLs we hand out (dataUrl, downloadUrl, thumbnails, playback). */
	baseUrl(): string;
	/** Admin secret of a hosted partner, null for unknown partners. */
	adminSecretFor(partnerId: number): string | null;
	userSecretFor(partnerId: number): string | null;
}
