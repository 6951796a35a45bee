import { KalturaEntryType } from '../client/enums';
import type { KalturaBaseEntry } from '../client/types';

const TYPE_WORDS: Record<string, string> = {
	[KalturaEntryType.MEDIA_CLIP]: 'media',
	[KalturaEntryType.MIX]: 'mix',
	[KalturaEntryType.PLAYLIST]: 'playlist',
	[KalturaEntryType.DATA]: 'data',
	[KalturaEntryType.LIVE_STREAM]: 'live stream',
	[KalturaEntryType.LIVE_CHANNEL]: 'live channel',
	[KalturaEntryType.DOCUMENT]: 'document',
};
const MEDIA_TYPE_WORDS: Record<string, string> = { '1': 'video', '2': 'image', '5': 'audio' };

/** What an entry is, in a word or two a user knows: "video", "audio", "live stream", "document". */
export function entryKind(entry: KalturaBaseEntry): string {
	const type = String(entry.type ?? KalturaEntryType.MEDIA_CLIP);
	if (type === KalturaEntryType.MEDIA_CLIP && entry.mediaType !== undefined) {
		return MEDIA_TYPE_WORDS[String(entry.mediaType)] ?? 'media';
	}
	return TYPE_WORDS[type] ?? `type ${type}`;
}
