/** Persisted record shapes. Plain JSON-able data so the store can be written as one file. */

export type FieldValue = string | number | null;

/** Content file attached to an entry; `file` is relative to the data dir. */
export interface ContentRef {
	file: string;
	size: number;
	fileName: string;
}

/** What an entry is waiting for. Persisted so a restarted sandbox resumes the work. */
export type PendingWork =
	| { kind: 'token'; tokenId: string }
	| { kind: 'url'; url: string; headers: string[] }
	| { kind: 'process'; readyAt: number };

export interface LiveState {
	streamPassword: string;
	isLive: boolean;
	wasBroadcast: boolean;
}

export interface EntryRecord {
	id: string;
	partnerId: number;
	/** Monotonic creation order; breaks createdAt ties (seconds resolution) in sorting. */
	seq: number;
	/** KalturaEntryType: '1' media clip, '7' live stream. */
	type: string;
	status: number;
	createdAt: number;
	updatedAt: number;
	version: number;
	/** Writable fields as the client set them (name, tags, mediaType, ...). */
	fields: Record<string, FieldValue>;
	content: ContentRef | null;
	/** Content that is being imported/processed and not yet serving. */
	incoming: ContentRef | null;
	pending: PendingWork | null;
	duration: number | null;
	replacingEntryId: string | null;
	replacedEntryId: string | null;
	replacementStatus: number;
	live: LiveState | null;
}

export interface UploadTokenRecord {
	id: string;
	partnerId: number;
	userId: string;
	status: number;
	fileName: string | null;
	fileSize: number | null;
	uploadedFileSize: number;
	createdAt: number;
	updatedAt: number;
	autoFinalize: number | null;
	/** Bytes received in total (incl. parked and overlapping), drives autoFinalize. */
	receivedBytes: number;
	/** Offsets of chunks parked on disk waiting for the gap before them to fill. */
	parked: Array<{ offset: number; size: number }>;
	/**
	 * Chunks appended after the base upload file, kept as their own files in offset order
	 * (engine/uploads.ts): appending is a rename, not a copy. Absent in older state files.
	 */
	segments?: Array<{ offset: number; size: number }>;
	hasFile: boolean;
	attachedObjectType: string | null;
	attachedObjectId: string | null;
}

export interface AppTokenRecord {
	id: string;
	token: string;
	partnerId: number;
	createdAt: number;
	updatedAt: number;
	status: number;
	expiry: number | null;
	sessionType: number | null;
	sessionUserId: string | null;
	sessionDuration: number;
	sessionPrivileges: string | null;
	hashType: string;
	description: string | null;
}

/**
 * A category (KalturaCategory). Its full name, full ids and depth follow from the chain of
 * parents and are derived when read, so renaming or moving a category needs no cascade.
 */
export interface CategoryRecord {
	id: number;
	partnerId: number;
	/** 0 for a top-level category. */
	parentId: number;
	name: string;
	/** KalturaCategoryStatus: 2 active, 3 deleted (deleted records are kept, as Kaltura does). */
	status: number;
	createdAt: number;
	updatedAt: number;
	deletedAt: number | null;
	/** The other writable fields as the client set them (description, tags, referenceId, privacy, ...). */
	fields: Record<string, FieldValue>;
}

export interface PartnerData {
	entries: Record<string, EntryRecord>;
	/** Keyed by the category id in decimal. */
	categories: Record<string, CategoryRecord>;
	uploadTokens: Record<string, UploadTokenRecord>;
	appTokens: Record<string, AppTokenRecord>;
	/** sha1 of KSs ended with session.end → validUntil, so expired ones can be pruned. */
	endedSessions: Record<string, number>;
}

export interface PersistedState {
	version: 1;
	seq: number;
	/** Last category id handed out; category ids are global integers, as in Kaltura. */
	lastCategoryId: number;
	partners: Record<string, PartnerData>;
}
