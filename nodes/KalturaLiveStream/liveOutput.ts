import type { IDataObject } from 'n8n-workflow';

import {
	KalturaLiveStreamBroadcastStatus,
	KalturaRecordStatus,
	KalturaSourceType,
	entryStatusName,
} from '../kaltura/client/enums';
import type { KalturaLiveStreamEntry } from '../kaltura/client/types';
import { ingestEndpoints, playbackUrl, rawBroadcastFields } from './ingest';

function nameOf(table: Record<string, string | number>, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const found = Object.entries(table).find(([, v]) => String(v) === String(value));
	return found ? found[0] : String(value);
}

const RECORDING_NAMES: Record<string, string> = {
	[KalturaRecordStatus.DISABLED]: 'off',
	[KalturaRecordStatus.PER_SESSION]: 'perSession',
	[KalturaRecordStatus.APPENDED]: 'append',
};

/** The settings a producer cares about, in words rather than Kaltura enum numbers. */
function settingsOf(entry: KalturaLiveStreamEntry): IDataObject {
	const settings: IDataObject = {
		sourceType: nameOf(KalturaSourceType, entry.sourceType),
		conversionProfileId: entry.conversionProfileId,
		dvr: Number(entry.dvrStatus) === 1,
		dvrWindowMinutes: Number(entry.dvrStatus) === 1 ? entry.dvrWindow : undefined,
		recording:
			entry.recordStatus === undefined
				? undefined
				: (RECORDING_NAMES[String(entry.recordStatus)] ?? String(entry.recordStatus)),
		previewMode: Number(entry.explicitLive) === 1,
		segmentDurationMs: entry.segmentDuration as number | undefined,
		offlineMessage: entry.offlineMessage as string | undefined,
	};
	for (const key of Object.keys(settings))
		if (settings[key] === undefined || settings[key] === null) delete settings[key];
	return settings;
}

export interface LiveOutputContext {
	serviceUrl: string;
	partnerId: number;
}

/**
 * A live entry as the node outputs it — an entry, so with Kaltura's field names (`id`, `name`,
 * `status`) like every entry this package outputs — then the encoder settings (server URL and stream key
 * as separate fields, and as one URL), then playback, settings and the raw broadcast fields.
 * The stream token is part of the server URLs by design: it is what the encoder needs.
 */
export function formatLiveStream(entry: KalturaLiveStreamEntry, where: LiveOutputContext): IDataObject {
	const out: IDataObject = {
		id: entry.id,
		name: entry.name,
		status: entryStatusName(entry.status),
		statusCode: String(entry.status),
	};
	for (const key of ['description', 'tags', 'categories', 'referenceId', 'userId'] as const) {
		const value = entry[key];
		if (value !== undefined && value !== null && value !== '') out[key] = value;
	}
	out.ingest = ingestEndpoints(entry);
	out.playbackUrl = playbackUrl(where.serviceUrl, where.partnerId, entry.id);
	out.settings = settingsOf(entry);
	out.broadcast = rawBroadcastFields(entry);
	return out;
}

/** KalturaLiveStreamDetails.broadcastStatus as a word. */
export function broadcastStatusName(value: unknown): string | undefined {
	return nameOf(KalturaLiveStreamBroadcastStatus, value);
}
