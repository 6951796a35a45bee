/** Entry record → KalturaMediaEntry / KalturaLiveStreamEntry wire object. */
import type { ApiObject } from '../api/types';
import type { Runtime } from '../runtime';
import type { EntryRecord } from '../store/types';
import { liveUrls } from './live';

/** Fake but stable ids the real partner would have configured. */
export const DEFAULT_CONVERSION_PROFILE_ID = 1001;
export const DEFAULT_LIVE_CONVERSION_PROFILE_ID = 1002;
export const DEFAULT_ACCESS_CONTROL_ID = 1;
export const FLAVOR_PARAMS_IDS = '0,487041,487051';

export function entryToApi(rt: Runtime, e: EntryRecord): ApiObject {
	const base = rt.baseUrl();
	const pid = e.partnerId;
	const isLive = e.type === '7';
	const o: ApiObject = {
		objectType: isLive ? 'KalturaLiveStreamEntry' : 'KalturaMediaEntry',
		...e.fields,
		id: e.id,
		partnerId: pid,
		status: e.status,
		moderationStatus: 6,
		moderationCount: 0,
		type: Number(e.type),
		createdAt: e.createdAt,
		updatedAt: e.updatedAt,
		rank: 0,
		totalRank: 0,
		votes: 0,
		version: e.version,
		licenseType: e.fields.licenseType ?? -1,
		displayInSearch: e.fields.displayInSearch ?? 1,
		partnerSortValue: e.fields.partnerSortValue ?? 0,
		accessControlId: e.fields.accessControlId ?? DEFAULT_ACCESS_CONTROL_ID,
		conversionProfileId:
			e.fields.conversionProfileId ?? (isLive ? DEFAULT_LIVE_CONVERSION_PROFILE_ID : DEFAULT_CONVERSION_PROFILE_ID),
		rootEntryId: e.id,
		replacementStatus: e.replacementStatus,
		replacingEntryId: e.replacingEntryId,
		replacedEntryId: e.replacedEntryId,
		plays: 0,
		views: 0,
		sourceType:
			e.fields.sourceType !== undefined && e.fields.sourceType !== null
				? Number(e.fields.sourceType) || e.fields.sourceType
				: 1,
		thumbnailUrl: `${base}/p/${pid}/sp/${pid}00/thumbnail/entry_id/${e.id}/version/${100000 + e.version}`,
		isTrimDisabled: 1,
		searchText: undefined,
		streamPassword: undefined,
		srtPass: e.fields.srtPass ?? undefined,
	};
	if (e.content && !isLive) {
		const flavorUrl = `${base}/p/${pid}/sp/${pid}00/playManifest/entryId/${e.id}`;
		o.dataUrl = `${flavorUrl}/format/url/protocol/http`;
		o.downloadUrl = `${flavorUrl}/format/download/protocol/http/flavorParamsIds/0`;
		o.flavorParamsIds = FLAVOR_PARAMS_IDS;
		if (e.duration !== null) {
			o.duration = e.duration;
			o.msDuration = e.duration * 1000;
			if (e.fields.mediaType === 1) {
				o.width = 1280;
				o.height = 720;
			}
		}
	}
	if (isLive && e.live) Object.assign(o, liveUrls(e, pid, base));
	return o;
}
