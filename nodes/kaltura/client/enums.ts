/**
 * Kaltura enum values, named as in the official generated clients (kaltura-client on npm).
 * Integer enums are numbers; string enums are strings, exactly as Kaltura sends and expects them.
 */

export const KalturaSessionType = { USER: 0, ADMIN: 2 } as const;
export type KalturaSessionTypeValue = (typeof KalturaSessionType)[keyof typeof KalturaSessionType];

export const KalturaAppTokenHashType = {
	MD5: 'MD5',
	SHA1: 'SHA1',
	SHA256: 'SHA256',
	SHA512: 'SHA512',
} as const;
export type KalturaAppTokenHashTypeValue = (typeof KalturaAppTokenHashType)[keyof typeof KalturaAppTokenHashType];

export const KalturaAppTokenStatus = { DISABLED: 1, ACTIVE: 2, DELETED: 3 } as const;

/** String enum: entries report their status as e.g. "2" (some servers send the number 2). */
export const KalturaEntryStatus = {
	ERROR_IMPORTING: '-2',
	ERROR_CONVERTING: '-1',
	IMPORT: '0',
	PRECONVERT: '1',
	READY: '2',
	DELETED: '3',
	PENDING: '4',
	MODERATE: '5',
	BLOCKED: '6',
	NO_CONTENT: '7',
	INFECTED: 'virusScan.Infected',
	SCAN_FAILURE: 'virusScan.ScanFailure',
} as const;
export type KalturaEntryStatusValue = (typeof KalturaEntryStatus)[keyof typeof KalturaEntryStatus];

/** Every entry status, for list filters: Kaltura's lists show READY entries only unless told otherwise. */
export const ALL_ENTRY_STATUSES: readonly string[] = Object.values(KalturaEntryStatus).filter(
	(status) => status !== KalturaEntryStatus.DELETED,
);

export const KalturaMediaType = {
	VIDEO: 1,
	IMAGE: 2,
	AUDIO: 5,
	LIVE_STREAM_FLASH: 201,
	LIVE_STREAM_WINDOWS_MEDIA: 202,
	LIVE_STREAM_REAL_MEDIA: 203,
	LIVE_STREAM_QUICKTIME: 204,
} as const;
export type KalturaMediaTypeValue = (typeof KalturaMediaType)[keyof typeof KalturaMediaType];

export const KalturaEntryType = {
	AUTOMATIC: '-1',
	MEDIA_CLIP: '1',
	MIX: '2',
	PLAYLIST: '5',
	DATA: '6',
	LIVE_STREAM: '7',
	LIVE_CHANNEL: '8',
	DOCUMENT: '10',
} as const;

export const KalturaSourceType = {
	FILE: '1',
	WEBCAM: '2',
	URL: '5',
	SEARCH_PROVIDER: '6',
	AKAMAI_LIVE: '29',
	MANUAL_LIVE_STREAM: '30',
	AKAMAI_UNIVERSAL_LIVE: '31',
	LIVE_STREAM: '32',
	LIVE_CHANNEL: '33',
	RECORDED_LIVE: '34',
	CLIP: '35',
	KALTURA_RECORDED_LIVE: '36',
	LECTURE_CAPTURE: '37',
	LIVE_STREAM_ONTEXTDATA_CAPTIONS: '42',
} as const;

export const KalturaUploadTokenStatus = {
	PENDING: 0,
	PARTIAL_UPLOAD: 1,
	FULL_UPLOAD: 2,
	CLOSED: 3,
	TIMED_OUT: 4,
	DELETED: 5,
} as const;
export type KalturaUploadTokenStatusValue = (typeof KalturaUploadTokenStatus)[keyof typeof KalturaUploadTokenStatus];

export const KalturaNullableBoolean = { NULL_VALUE: -1, FALSE_VALUE: 0, TRUE_VALUE: 1 } as const;

export const KalturaBatchJobStatus = {
	PENDING: 0,
	QUEUED: 1,
	PROCESSING: 2,
	PROCESSED: 3,
	MOVEFILE: 4,
	FINISHED: 5,
	FAILED: 6,
	ABORTED: 7,
	ALMOST_DONE: 8,
	RETRY: 9,
	FATAL: 10,
	DONT_PROCESS: 11,
	FINISHED_PARTIALLY: 12,
	SUSPEND: 13,
	SUSPEND_ALMOST_DONE: 14,
} as const;

export const KalturaBulkUploadType = {
	CSV: 'bulkUploadCsv.CSV',
	XML: 'bulkUploadXml.XML',
	FILTER: 'bulkUploadFilter.FILTER',
	DROP_FOLDER_XML: 'dropFolderXmlBulkUpload.DROP_FOLDER_XML',
} as const;

export const KalturaDVRStatus = { DISABLED: 0, ENABLED: 1 } as const;
export const KalturaRecordStatus = { DISABLED: 0, APPENDED: 1, PER_SESSION: 2 } as const;
export const KalturaLiveStreamBroadcastStatus = { OFFLINE: 1, PREVIEW: 2, LIVE: 3 } as const;

export const KalturaResponseType = { JSON: 1, XML: 2 } as const;

/** The statuses after which an entry no longer changes by itself. */
export const TERMINAL_ENTRY_STATUSES: readonly string[] = [
	KalturaEntryStatus.READY,
	KalturaEntryStatus.ERROR_CONVERTING,
	KalturaEntryStatus.ERROR_IMPORTING,
	KalturaEntryStatus.DELETED,
	KalturaEntryStatus.BLOCKED,
	KalturaEntryStatus.INFECTED,
	KalturaEntryStatus.SCAN_FAILURE,
];

const ENTRY_STATUS_NAMES: Record<string, string> = Object.fromEntries(
	Object.entries(KalturaEntryStatus).map(([name, value]) => [value, name]),
);

/** "2" or 2 → "READY"; unknown values are returned as they came. */
export function entryStatusName(status: unknown): string {
	const key = String(status);
	return ENTRY_STATUS_NAMES[key] ?? key;
}

const MEDIA_TYPE_NAMES: Record<string, string> = Object.fromEntries(
	Object.entries(KalturaMediaType).map(([name, value]) => [String(value), name]),
);

export function mediaTypeName(mediaType: unknown): string | undefined {
	if (mediaType === undefined || mediaType === null) return undefined;
	return MEDIA_TYPE_NAMES[String(mediaType)] ?? String(mediaType);
}
