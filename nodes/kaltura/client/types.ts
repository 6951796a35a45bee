/**
 * The Kaltura API objects this package sends and reads, with the field names of the official
 * generated clients. Only the fields we use are typed; Kaltura may return more.
 */

export type KalturaValue = string | number | boolean | null | undefined | KalturaObject | KalturaValue[];

/** A nested request object: Kaltura needs `objectType` to pick the concrete class. */
export interface KalturaObject {
	objectType?: string;
	[field: string]: KalturaValue;
}

export type KalturaParams = Record<string, KalturaValue>;

export interface KalturaBaseEntry {
	objectType?: string;
	id: string;
	partnerId?: number;
	name?: string;
	description?: string;
	tags?: string;
	categories?: string;
	categoriesIds?: string;
	userId?: string;
	creatorId?: string;
	referenceId?: string;
	status: string | number;
	type?: string | number;
	createdAt?: number;
	updatedAt?: number;
	conversionProfileId?: number;
	replacingEntryId?: string;
	replacedEntryId?: string;
	replacementStatus?: number | string;
	downloadUrl?: string;
	thumbnailUrl?: string;
	dataUrl?: string;
	[field: string]: unknown;
}

export interface KalturaMediaEntry extends KalturaBaseEntry {
	mediaType?: number;
	sourceType?: string;
	duration?: number;
	msDuration?: number;
	flavorParamsIds?: string;
}

export interface KalturaLiveStreamEntry extends KalturaBaseEntry {
	mediaType?: number;
	sourceType?: string;
	streamName?: string;
	streamPassword?: string;
	primaryBroadcastingUrl?: string;
	secondaryBroadcastingUrl?: string;
	primarySecuredBroadcastingUrl?: string;
	secondarySecuredBroadcastingUrl?: string;
	primarySrtBroadcastingUrl?: string;
	secondarySrtBroadcastingUrl?: string;
	primarySrtStreamId?: string;
	secondarySrtStreamId?: string;
	srtPass?: string;
	dvrStatus?: number;
	dvrWindow?: number;
	recordStatus?: number;
	explicitLive?: number | boolean;
	viewMode?: number;
	lowLatency?: boolean;
}

export interface KalturaUploadToken {
	objectType?: string;
	id: string;
	partnerId?: number;
	userId?: string;
	status: number;
	fileName?: string;
	fileSize?: number;
	uploadedFileSize?: number;
	createdAt?: number;
	updatedAt?: number;
	uploadUrl?: string;
	autoFinalize?: number;
	attachedObjectType?: string;
	attachedObjectId?: string;
}

export interface KalturaListResponse<T> {
	objectType?: string;
	objects?: T[];
	totalCount: number;
}

export interface KalturaFilterPager {
	objectType: 'KalturaFilterPager';
	pageSize?: number;
	pageIndex?: number;
}

export interface KalturaMediaEntryFilter extends KalturaObject {
	objectType: 'KalturaMediaEntryFilter';
	idEqual?: string;
	idIn?: string;
	statusIn?: string;
	statusEqual?: string;
	referenceIdEqual?: string;
	referenceIdIn?: string;
	updatedAtGreaterThanOrEqual?: number;
	createdAtGreaterThanOrEqual?: number;
	orderBy?: string;
}

export interface KalturaUploadTokenFilter extends KalturaObject {
	objectType: 'KalturaUploadTokenFilter';
	idEqual?: string;
	idIn?: string;
	statusEqual?: number;
	statusIn?: string;
	fileNameEqual?: string;
	fileSizeEqual?: number;
	orderBy?: string;
}

export interface KalturaUploadedFileTokenResource extends KalturaObject {
	objectType: 'KalturaUploadedFileTokenResource';
	token: string;
}

export interface KalturaUrlResource extends KalturaObject {
	objectType: 'KalturaUrlResource';
	url: string;
	forceAsyncDownload?: boolean;
}

export interface KalturaSessionInfo {
	objectType?: string;
	ks: string;
	sessionType?: number;
	partnerId?: number;
	userId?: string;
	expiry?: number;
	privileges?: string;
}

export interface KalturaStartWidgetSessionResponse {
	objectType?: string;
	partnerId: number;
	ks: string;
	userId?: string;
}

export interface KalturaBulkUpload {
	objectType?: string;
	id: number;
	status: number;
	fileName?: string;
	numOfObjects?: number;
	logFileUrl?: string;
	bulkFileUrl?: string;
	bulkUploadType?: string;
	error?: string;
	uploadedOn?: number;
}

/** The JSON body of a KalturaAPIException, as the server returns it (HTTP 200). */
export interface KalturaApiExceptionBody {
	objectType: 'KalturaAPIException';
	code: string;
	message: string;
	args?: Record<string, string> | unknown[];
}

export function isKalturaApiException(value: unknown): value is KalturaApiExceptionBody {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as { objectType?: unknown }).objectType === 'KalturaAPIException'
	);
}
