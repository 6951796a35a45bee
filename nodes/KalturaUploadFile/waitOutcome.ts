import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KalturaEntryStatus, entryStatusName } from '../kaltura/client/enums';
import type { WatchResult, WatchTarget } from '../kaltura/entries/watcher';

/**
 * The error for an uploaded entry that did not become ready while we waited. The entry ID is in
 * the message, so it can be found in Kaltura even when the item's output is an error.
 */
export function waitFailure(
	node: INode,
	result: WatchResult,
	kind: WatchTarget['kind'],
	timeoutMs: number,
	itemIndex: number,
): NodeOperationError {
	const id = result.entryId;
	const status = result.entry ? String(result.entry.status) : '';
	if (result.outcome === 'timedOut') {
		const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
		return new NodeOperationError(
			node,
			`Entry ${id} was not ready after ${minutes} minutes (status ${status ? entryStatusName(status) : 'unknown'})`,
			{
				itemIndex,
				description:
					'The upload is complete and Kaltura is still processing it. Raise Max Wait, or check the entry later with the Watch Entry Status node.',
			},
		);
	}
	if (result.outcome === 'deleted') {
		return new NodeOperationError(node, `Entry ${id} was deleted while waiting for it to be ready`, { itemIndex });
	}
	if (kind === 'replacement' && status === KalturaEntryStatus.READY) {
		return new NodeOperationError(node, `The new content of entry ${id} failed to process; the entry keeps its old media`, {
			itemIndex,
			description: 'Kaltura could not process the uploaded file. Check that it is a media file Kaltura supports.',
		});
	}
	return new NodeOperationError(node, `Entry ${id} failed with status ${entryStatusName(status)}`, {
		itemIndex,
		description:
			status === KalturaEntryStatus.ERROR_CONVERTING
				? 'Kaltura received the whole file but could not process it. Check that it is a media file Kaltura supports (video, audio or image).'
				: 'See the entry in the Kaltura Management Console for details.',
	});
}
