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
import { categoriesText, pickTextFields } from '../kaltura/entries/entryFields';
import { TRANSCODING } from './description';

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

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Reads the Create parameters of one item into a liveStream.add request; bad input throws for that item. */
export function readLiveStreamRequest(context: IExecuteFunctions, itemIndex: number): LiveStreamRequest {
	const node = context.getNode();
	const name = text(context.getNodeParameter('name', itemIndex, ''));
	if (name === '') {
		throw new NodeOperationError(node, 'The live stream needs a name', { itemIndex });
	}
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const dvr = context.getNodeParameter('dvr', itemIndex, false) === true;
	const recording = Number(context.getNodeParameter('recording', itemIndex, KalturaRecordStatus.DISABLED));
	const preview = context.getNodeParameter('explicitLive', itemIndex, false) === true;
	const transcoding = text(context.getNodeParameter('transcoding', itemIndex, TRANSCODING.CLOUD));

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
		const window = Number(context.getNodeParameter('dvrWindowMinutes', itemIndex, 120));
		if (!Number.isInteger(window) || window < 1) {
			throw new NodeOperationError(node, 'The DVR window must be a whole number of minutes, at least 1', { itemIndex });
		}
		entry.dvrWindow = window;
	}
	Object.assign(
		entry,
		pickTextFields(extra as Record<string, unknown>, [
			'description',
			'tags',
			'referenceId',
			'userId',
			'offlineMessage',
		]),
	);
	const categories = categoriesText(extra.categories);
	if (categories) entry.categories = categories;
	const srtPass = text(extra.srtPass);
	if (srtPass !== '') {
		if (srtPass.length < 10 || srtPass.length > 79) {
			throw new NodeOperationError(node, 'The SRT passphrase must be 10 to 79 characters long', { itemIndex });
		}
		entry.srtPass = srtPass;
	}
	if (extra.segmentDurationSeconds !== undefined) {
		const seconds = Number(extra.segmentDurationSeconds);
		if (!(seconds > 0)) {
			throw new NodeOperationError(node, 'The HLS segment duration must be more than 0 seconds', { itemIndex });
		}
		entry.segmentDuration = Math.round(seconds * 1000);
	}
	if (transcoding === TRANSCODING.CUSTOM) {
		const profile = Number(context.getNodeParameter('conversionProfileId', itemIndex, 0));
		if (!Number.isInteger(profile) || profile <= 0) {
			throw new NodeOperationError(node, 'Enter the ID of the live conversion profile to use', {
				itemIndex,
				description: 'Find it in the KMC under Settings → Transcoding Settings → Live.',
			});
		}
		entry.conversionProfileId = profile;
	}
	return {
		liveStreamEntry: entry,
		sourceType: text(extra.sourceType) || KalturaSourceType.LIVE_STREAM,
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
