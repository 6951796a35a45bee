import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KalturaEntryStatus, entryStatusName } from '../kaltura/client/enums';
import type { WatchResult } from '../kaltura/entries/watcher';

/** Why a URL import ends in a given failed status, in words a workflow builder can act on. */
function failureHint(status: string): string {
	if (status === KalturaEntryStatus.ERROR_IMPORTING) {
		return 'Kaltura could not download the URL. Check that it is reachable from the internet, not expired (signed links) and not behind a login.';
	}
	if (status === KalturaEntryStatus.ERROR_CONVERTING) {
		return 'Kaltura downloaded the file but could not process it. Check that the URL points to the media file itself and not to a web page.';
	}
	return 'See the entry in the Kaltura Management Console for details.';
}

/**
 * The error for an entry that did not become ready while we waited. The entry ID is in the
 * message, so it can be looked up in Kaltura even when the item's output is an error.
 */
export function waitFailure(
	node: INode,
	result: WatchResult,
	kind: 'content' | 'replacement',
	timeoutMs: number,
	itemIndex: number,
): NodeOperationError {
	const id = result.entryId;
	if (result.outcome === 'timedOut') {
		const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
		const status = result.entry ? entryStatusName(result.entry.status) : 'unknown';
		return new NodeOperationError(node, `Entry ${id} was not ready after ${minutes} minutes (status ${status})`, {
			itemIndex,
			description:
				'Kaltura is still working on it. Raise Max Wait, or check the entry later with Get or the status trigger.',
		});
	}
	if (result.outcome === 'deleted') {
		return new NodeOperationError(node, `Entry ${id} was deleted while waiting for it to be ready`, { itemIndex });
	}
	const status = result.entry ? String(result.entry.status) : '';
	if (kind === 'replacement' && status === KalturaEntryStatus.READY) {
		return new NodeOperationError(node, `The new content for entry ${id} failed; the entry keeps its old media`, {
			itemIndex,
			description: 'Kaltura could not download or process the URL. Check that it is reachable and points to a media file.',
		});
	}
	return new NodeOperationError(node, `Entry ${id} failed with status ${entryStatusName(status)}`, {
		itemIndex,
		description: failureHint(status),
	});
}
