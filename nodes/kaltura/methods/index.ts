import { KalturaEntryType } from '../client/enums';
import { getCategories } from './categories';
import {
	getConversionProfiles,
	getLiveConversionProfiles,
	getReplacementConversionProfiles,
} from './conversionProfiles';
import { entrySearch } from './entrySearch';

/** List-search method names, for the `searchListMethod` of an entry picker. */
export const ENTRY_SEARCH = {
	any: 'searchEntries',
	media: 'searchMediaEntries',
	live: 'searchLiveStreams',
} as const;

/**
 * The pickers and dropdowns every node of this package shares, loaded from Kaltura with the
 * node's credential. A node puts this object in its `methods`.
 */
export const kalturaMethods = {
	listSearch: {
		[ENTRY_SEARCH.any]: entrySearch(),
		[ENTRY_SEARCH.media]: entrySearch([KalturaEntryType.MEDIA_CLIP]),
		[ENTRY_SEARCH.live]: entrySearch([KalturaEntryType.LIVE_STREAM]),
	},
	loadOptions: {
		getCategories,
		getConversionProfiles,
		getLiveConversionProfiles,
		getReplacementConversionProfiles,
	},
};
