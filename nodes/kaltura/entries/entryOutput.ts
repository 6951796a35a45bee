import type { IDataObject } from 'n8n-workflow';

import { entryStatusName, mediaTypeName } from '../client/enums';
import type { KalturaBaseEntry } from '../client/types';

function isoTime(seconds: unknown): string | undefined {
	return typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
}

/**
 * The entry as nodes output it: status as text and number, times as ISO dates. URLs that embed
 * a session (downloadUrl, dataUrl) are left out on purpose.
 */
export function formatEntry(entry: KalturaBaseEntry): IDataObject {
	const out: IDataObject = {
		id: entry.id,
		name: entry.name,
		status: entryStatusName(entry.status),
		statusCode: String(entry.status),
	};
	const optional: IDataObject = {
		mediaType: mediaTypeName(entry.mediaType),
		mediaTypeCode: typeof entry.mediaType === 'number' ? entry.mediaType : undefined,
		referenceId: entry.referenceId,
		description: entry.description,
		tags: entry.tags,
		categories: entry.categories,
		userId: entry.userId,
		conversionProfileId: entry.conversionProfileId,
		duration: entry.duration as number | undefined,
		thumbnailUrl: entry.thumbnailUrl,
		replacingEntryId: entry.replacingEntryId,
		createdAt: isoTime(entry.createdAt),
		updatedAt: isoTime(entry.updatedAt),
	};
	for (const [key, value] of Object.entries(optional)) {
		if (value !== undefined && value !== null && value !== '') out[key] = value;
	}
	return out;
}
