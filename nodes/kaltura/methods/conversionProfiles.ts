import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { KalturaListResponse } from '../client/types';
import { loadWithClient } from './loadWithClient';

/** KalturaConversionProfileType: MEDIA = '1', LIVE_STREAM = '2'. */
const PROFILE_TYPE = { media: '1', live: '2' } as const;
/** Kaltura's pager maximum; accounts have a handful of profiles, rarely more than a few dozen. */
const PAGE_SIZE = 500;

interface ConversionProfile {
	id: number;
	name?: string;
	systemName?: string;
	description?: string;
	isDefault?: boolean | number;
}

/** First choices (value 0: no profile sent), in words that fit where the field is. */
const NO_PROFILE = {
	accountDefault: { name: 'Account Default', value: 0, description: "The account's default transcoding profile" },
	keepEntryProfile: { name: "Keep the Entry's Profile", value: 0, description: 'The profile the entry already has' },
} satisfies Record<string, INodePropertyOptions>;

function profileLister(type: string, firstChoice?: INodePropertyOptions) {
	return async function load(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await loadWithClient(this, async (client) => {
			const page = await client.call<KalturaListResponse<ConversionProfile>>('conversionProfile', 'list', {
				filter: { objectType: 'KalturaConversionProfileFilter', typeEqual: type, orderBy: '+createdAt' },
				pager: { objectType: 'KalturaFilterPager', pageSize: PAGE_SIZE, pageIndex: 1 },
			});
			const options = (page.objects ?? []).map((profile) => {
				const isDefault = profile.isDefault === true || Number(profile.isDefault) === 1;
				const option: INodePropertyOptions = {
					name: `${profile.name || profile.systemName || 'Profile'} (${profile.id})${isDefault ? ' · account default' : ''}`,
					value: profile.id,
				};
				if (profile.description) option.description = profile.description;
				return option;
			});
			return firstChoice ? [firstChoice, ...options] : options;
		});
	};
}

/** Media transcoding profiles for a new entry, after an "Account Default" choice. */
export const getConversionProfiles = profileLister(PROFILE_TYPE.media, NO_PROFILE.accountDefault);

/** Media transcoding profiles for replaced content, after a "Keep the Entry's Profile" choice. */
export const getReplacementConversionProfiles = profileLister(PROFILE_TYPE.media, NO_PROFILE.keepEntryProfile);

/** Live transcoding profiles (for a live stream with a profile of its own). */
export const getLiveConversionProfiles = profileLister(PROFILE_TYPE.live);
