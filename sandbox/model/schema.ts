/**
 * Declarative field tables for request objects: type, access (rw / insert-only /
 * read-only) and enum domain. One generic reader (`readObject`) then gives every
 * service Kaltura's validateForInsert / validateForUpdate behaviour.
 */
import { toBool, toFloat, toInt, toStr, toTime } from '../api/args';
import { apiError } from '../api/errors';
import { isTree, ParamTree, ParamValue } from '../http/paramTree';
import type { FieldValue } from '../store/types';

export type FieldType = 'string' | 'int' | 'float' | 'time' | 'bool';
export type Access = 'rw' | 'insert' | 'ro';

export interface FieldSpec {
	type: FieldType;
	access: Access;
	enumName?: string;
	enumValues?: ReadonlyArray<number | string>;
}

export type Schema = Record<string, FieldSpec>;

const rw = (type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type, access: 'rw', ...extra });
const ins = (type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type, access: 'insert', ...extra });
const ro = (type: FieldType): FieldSpec => ({ type, access: 'ro' });

export const MEDIA_TYPES = [1, 2, 5, 201, 202, 203, 204];
export const SOURCE_TYPES = [
	'1',
	'2',
	'5',
	'6',
	'29',
	'30',
	'31',
	'32',
	'33',
	'34',
	'35',
	'36',
	'37',
	'42',
	'limeLight.LIVE_STREAM',
	'velocix.VELOCIX_LIVE',
];
export const NULLABLE_BOOLEAN = [-1, 0, 1];

export function schemaFor(...parts: Schema[]): Schema {
	return Object.assign({}, ...parts) as Schema;
}

export const BASE_ENTRY: Schema = {
	id: ro('string'),
	name: rw('string'),
	description: rw('string'),
	partnerId: ro('int'),
	userId: rw('string'),
	creatorId: ins('string'),
	tags: rw('string'),
	adminTags: rw('string'),
	categories: rw('string'),
	categoriesIds: rw('string'),
	status: ro('string'),
	moderationStatus: ro('int'),
	moderationCount: ro('int'),
	type: ro('string'),
	createdAt: ro('time'),
	updatedAt: ro('time'),
	rank: ro('float'),
	totalRank: ro('int'),
	votes: ro('int'),
	groupId: rw('int'),
	partnerData: rw('string'),
	downloadUrl: ro('string'),
	searchText: ro('string'),
	licenseType: rw('int'),
	version: ro('int'),
	thumbnailUrl: ro('string'),
	accessControlId: rw('int'),
	startDate: rw('time'),
	endDate: rw('time'),
	referenceId: rw('string'),
	replacingEntryId: ro('string'),
	replacedEntryId: ro('string'),
	replacementStatus: ro('string'),
	partnerSortValue: rw('int'),
	conversionProfileId: rw('int'),
	redirectEntryId: rw('string'),
	rootEntryId: ro('string'),
	parentEntryId: rw('string'),
	entitledUsersEdit: rw('string'),
	entitledUsersPublish: rw('string'),
	entitledUsersView: rw('string'),
	capabilities: ro('string'),
	templateEntryId: ins('string'),
	displayInSearch: rw('int', { enumName: 'KalturaEntryDisplayInSearchType', enumValues: [-2, -1, 0, 1, 2] }),
	application: rw('string'),
	applicationVersion: rw('string'),
	blockAutoTranscript: rw('bool'),
};

export const PLAYABLE_ENTRY: Schema = {
	plays: ro('int'),
	views: ro('int'),
	lastPlayedAt: ro('time'),
	width: ro('int'),
	height: ro('int'),
	duration: ro('int'),
	msDuration: rw('int'),
	durationType: ro('string'),
};

export const MEDIA_ENTRY: Schema = {
	mediaType: ins('int', { enumName: 'KalturaMediaType', enumValues: MEDIA_TYPES }),
	conversionQuality: rw('string'),
	sourceType: ins('string', { enumName: 'KalturaSourceType', enumValues: SOURCE_TYPES }),
	searchProviderType: rw('int'),
	searchProviderId: rw('string'),
	creditUserName: rw('string'),
	creditUrl: rw('string'),
	mediaDate: ro('time'),
	dataUrl: ro('string'),
	flavorParamsIds: ro('string'),
	isTrimDisabled: ro('int'),
	sourceVersion: rw('string'),
};

export const LIVE_ENTRY: Schema = {
	offlineMessage: rw('string'),
	recordStatus: rw('int', { enumName: 'KalturaRecordStatus', enumValues: [0, 1, 2] }),
	dvrStatus: rw('int', { enumName: 'KalturaDVRStatus', enumValues: [0, 1] }),
	dvrWindow: rw('int'),
	lastElapsedRecordingTime: rw('int'),
	recordedEntryId: rw('string'),
	pushPublishEnabled: rw('int'),
	firstBroadcast: ro('time'),
	lastBroadcast: ro('time'),
	currentBroadcastStartTime: rw('float'),
	liveStatus: ro('int'),
	segmentDuration: rw('int'),
	explicitLive: rw('int', { enumName: 'KalturaNullableBoolean', enumValues: NULLABLE_BOOLEAN }),
	viewMode: rw('int', { enumName: 'KalturaViewMode', enumValues: [0, 1] }),
	recordingStatus: rw('int', { enumName: 'KalturaRecordingStatus', enumValues: [0, 1, 2, 3] }),
	lastBroadcastEndTime: ro('int'),
	broadcastTime: ro('int'),
	streamName: rw('string'),
	streamUrl: rw('string'),
	hlsStreamUrl: rw('string'),
	urlManager: rw('string'),
	encodingIP1: rw('string'),
	encodingIP2: rw('string'),
	streamPassword: rw('string'),
	streamUsername: ro('string'),
	srtPass: rw('string'),
	primaryBroadcastingUrl: ro('string'),
	secondaryBroadcastingUrl: ro('string'),
	primarySecuredBroadcastingUrl: ro('string'),
	secondarySecuredBroadcastingUrl: ro('string'),
	primaryRtspBroadcastingUrl: ro('string'),
	secondaryRtspBroadcastingUrl: ro('string'),
	primarySrtBroadcastingUrl: ro('string'),
	secondarySrtBroadcastingUrl: ro('string'),
	primarySrtStreamId: ro('string'),
	secondarySrtStreamId: ro('string'),
	streamRemoteId: ro('string'),
	streamRemoteBackupId: ro('string'),
	primaryServerNodeId: ro('int'),
	sipToken: ro('string'),
	sipSourceType: ro('int'),
};

export const MEDIA_ENTRY_SCHEMA = schemaFor(BASE_ENTRY, PLAYABLE_ENTRY, MEDIA_ENTRY);
export const LIVE_STREAM_ENTRY_SCHEMA = schemaFor(BASE_ENTRY, PLAYABLE_ENTRY, MEDIA_ENTRY, LIVE_ENTRY);

function cast(spec: FieldSpec, v: ParamValue, now: number): FieldValue {
	switch (spec.type) {
		case 'int':
			return toInt(v);
		case 'float':
			return toFloat(v);
		case 'time':
			return toTime(v, now);
		case 'bool':
			return toBool(v) ? 1 : 0;
		default:
			return toStr(v);
	}
}

/**
 * Read a request object: unknown properties are ignored, `prop__null` clears a property,
 * a non-null read-only property (or insert-only one on update) is rejected with
 * PROPERTY_VALIDATION_NOT_UPDATABLE, enums are checked with INVALID_ENUM_VALUE.
 */
export function readObject(
	input: ParamTree,
	schema: Schema,
	className: string,
	mode: 'insert' | 'update',
	now: number,
): Record<string, FieldValue> {
	const out: Record<string, FieldValue> = {};
	for (const [rawKey, value] of Object.entries(input)) {
		if (rawKey === 'objectType') continue;
		const nulling = rawKey.endsWith('__null');
		const key = nulling ? rawKey.slice(0, -'__null'.length) : rawKey;
		const spec = schema[key];
		if (!spec) continue;
		if (!nulling && (value === null || value === undefined || isTree(value) || Array.isArray(value))) continue;
		if (spec.access === 'ro' || (mode === 'update' && spec.access === 'insert')) {
			throw apiError('PROPERTY_VALIDATION_NOT_UPDATABLE', { PROP_NAME: `${className}::${key}` });
		}
		if (nulling) {
			out[key] = null;
			continue;
		}
		const cv = cast(spec, value, now);
		if (spec.enumValues && !spec.enumValues.map(String).includes(String(cv))) {
			throw apiError('INVALID_ENUM_VALUE', { ENUM_VAL: toStr(value), PARAM_NAME: key, ENUM_TYPE: spec.enumName ?? '' });
		}
		out[key] = cv;
	}
	return out;
}
