import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import {
	KalturaDVRStatus,
	KalturaMediaType,
	KalturaNullableBoolean,
	KalturaRecordStatus,
	KalturaSourceType,
} from '../kaltura/client/enums';
import type { KalturaListResponse, KalturaObject } from '../kaltura/client/types';
import { categoriesText, conversionProfileValue, pickTextFields } from '../kaltura/entries/entryFields';
import { numberValue, readText, textValue, valueOrThrow, wholeNumberValue } from '../kaltura/runner/parameterValues';
import { MAX_SEGMENT_SECONDS, MIN_SEGMENT_SECONDS, TRANSCODING } from './description';

/** KalturaConversionProfileType.LIVE_STREAM */
const LIVE_PROFILE_TYPE = '2';
/** The system name Kaltura gives every account's passthrough live profile (cloud transcode is Default_Live). */
export const PASSTHROUGH_SYSTEM_NAME = 'Passthrough_Live';

export interface LiveStreamRequest {
	liveStreamEntry: KalturaObject;
	sourceType: string;
	/** Set when the passthrough profile still has to be looked up. */
	needsPassthroughProfile: boolean;
}

interface AdditionalFields {
	description?: string;
	tags?: string;
	categories?: string | string[];
	referenceId?: string;
	userId?: string;
	offlineMessage?: string;
	srtPass?: string;
	sourceType?: string;
	segmentDurationSeconds?: number;
}

/** Reads the Create parameters of one item into a liveStream.add request; bad input throws for that item. */
export function readLiveStreamRequest(context: IExecuteFunctions, itemIndex: number): LiveStreamRequest {
	const node = context.getNode();
	const text = (raw: unknown, label: string): string => valueOrThrow(context, itemIndex, textValue(raw, label));
	const name = readText(context, itemIndex, 'name', 'Name');
	if (name === '') {
		throw new NodeOperationError(node, 'The live stream needs a name', { itemIndex });
	}
	const extra = (context.getNodeParameter('additionalFields', itemIndex, {}) ?? {}) as AdditionalFields;
	const dvr = context.getNodeParameter('dvr', itemIndex, false) === true;
	const recording = Number(context.getNodeParameter('recording', itemIndex, KalturaRecordStatus.DISABLED));
	const preview = context.getNodeParameter('explicitLive', itemIndex, false) === true;
	const transcoding = text(context.getNodeParameter('transcoding', itemIndex, TRANSCODING.CLOUD), 'Transcoding');

	const entry: KalturaObject = {
		objectType: 'KalturaLiveStreamEntry',
		name,
		// What the KMC sends for Kaltura-hosted live (kaltura-api.md §6.1).
		mediaType: KalturaMediaType.LIVE_STREAM_FLASH,
		dvrStatus: dvr ? KalturaDVRStatus.ENABLED : KalturaDVRStatus.DISABLED,
		recordStatus: recording,
		explicitLive: preview ? KalturaNullableBoolean.TRUE_VALUE : KalturaNullableBoolean.FALSE_VALUE,
	};
	if (dvr) {
		entry.dvrWindow = valueOrThrow(
			context,
			itemIndex,
			wholeNumberValue(context.getNodeParameter('dvrWindowMinutes', itemIndex, 120), 'DVR Window (Minutes)', {
				min: 1,
				fallback: 120,
			}),
		);
	}
	Object.assign(
		entry,
		valueOrThrow(
			context,
			itemIndex,
			pickTextFields(extra as Record<string, unknown>, [
				'description',
				'tags',
				'referenceId',
				'userId',
				'offlineMessage',
			]),
		),
	);
	const categories = valueOrThrow(context, itemIndex, categoriesText(extra.categories));
	if (categories) entry.categories = categories;
	const srtPass = text(extra.srtPass, 'SRT Passphrase');
	if (srtPass !== '') {
		if (srtPass.length < 10 || srtPass.length > 79) {
			throw new NodeOperationError(node, 'The SRT passphrase must be 10 to 79 characters long', { itemIndex });
		}
		entry.srtPass = srtPass;
	}
	if (extra.segmentDurationSeconds !== undefined) {
		const seconds = valueOrThrow(
			context,
			itemIndex,
			numberValue(extra.segmentDurationSeconds, 'HLS Segment Duration (Seconds)', {
				min: MIN_SEGMENT_SECONDS,
				max: MAX_SEGMENT_SECONDS,
				fallback: 2,
			}),
		);
		entry.segmentDuration = Math.round(seconds * 1000);
	}
	if (transcoding === TRANSCODING.CUSTOM) {
		const profile = valueOrThrow(
			context,
			itemIndex,
			conversionProfileValue(context.getNodeParameter('conversionProfileId', itemIndex, 0)),
		);
		if (profile === undefined) {
			throw new NodeOperationError(node, 'Enter the ID of the live conversion profile to use', {
				itemIndex,
				description: 'Find it in the KMC under Settings → Transcoding Settings → Live.',
			});
		}
		entry.conversionProfileId = profile;
	}
	return {
		liveStreamEntry: entry,
		sourceType: text(extra.sourceType, 'Source Type') || KalturaSourceType.LIVE_STREAM,
		needsPassthroughProfile: transcoding === TRANSCODING.PASSTHROUGH,
	};
}

/**
 * The ID of the account's passthrough live profile. Profile IDs differ per account, but the
 * system name is the same everywhere, so it is looked up once per run.
 */
export async function findPassthroughProfileId(client: KalturaClient): Promise<number | undefined> {
	const page = await client.call<KalturaListResponse<{ id: number }>>('conversionProfile', 'list', {
		filter: {
			objectType: 'KalturaConversionProfileFilter',
			systemNameEqual: PASSTHROUGH_SYSTEM_NAME,
			typeEqual: LIVE_PROFILE_TYPE,
		},
		pager: { objectType: 'KalturaFilterPager', pageSize: 1 },
	});
	return page.objects?.[0]?.id;
}
