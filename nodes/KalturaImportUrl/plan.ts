import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildMediaEntry,
	conversionProfileValue,
	readEntryFields,
	readMediaTypeChoice,
} from '../kaltura/entries/entryFields';
import { readEntryId } from '../kaltura/entries/entryLocator';
import { guessMediaType } from '../kaltura/entries/mediaType';
import type { WaitOptions, WaitOptionValues } from '../kaltura/entries/waitOptions';
import { waitOptionsFrom } from '../kaltura/entries/waitOptions';
import type { ItemDetails } from '../kaltura/runner/itemRun';
import { readText, valueOrThrow, wholeNumberValue } from '../kaltura/runner/parameterValues';
import type { ImportJob } from './batch';
import type { ImportOperation } from './description';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, OPERATION_CREATE } from './description';
import { checkImportUrl, displayRawUrl, displayUrl, entryNameFromUrl, parseHeaderLines, urlResource } from './urlInput';

/** One input item, read and checked, ready to be sent. */
export interface ImportPlan {
	/** The URL for the output (a password in it masked). */
	url: string;
	job: ImportJob;
	/** Set when the item asked to skip an existing entry with this reference ID. */
	skipReferenceId?: string;
	wait: WaitOptions;
}

interface ImportOptions extends WaitOptionValues {
	skipIfReferenceIdExists?: boolean;
	forceAsyncDownload?: boolean;
	urlHeaders?: unknown;
	conversionProfileId?: unknown;
	batchSize?: unknown;
}

/**
 * Reads and checks one item before anything is sent. Bad input throws, failing this item only;
 * `details.url` tells which URL it was (a password in it masked).
 */
export function planItem(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: ImportOperation,
	details: ItemDetails,
): ImportPlan {
	const rawUrl = context.getNodeParameter('url', itemIndex, '') as unknown;
	details.url = displayRawUrl(rawUrl);
	const checked = checkImportUrl(rawUrl);
	if (!checked.ok) {
		throw new NodeOperationError(context.getNode(), checked.message, { itemIndex, description: checked.description });
	}
	const url = displayUrl(checked.parsed);
	details.url = url;
	// Read once per item: with a thousand items, every parameter read counts.
	const options = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as ImportOptions;
	const resource = urlResource(checked.parsed, {
		forceAsyncDownload: options.forceAsyncDownload === true,
		headers: valueOrThrow(context, itemIndex, parseHeaderLines(options.urlHeaders)),
	});
	const wait = valueOrThrow(context, itemIndex, waitOptionsFrom(options));
	valueOrThrow(context, itemIndex, batchSizeValue(options.batchSize));

	if (operation === OPERATION_CREATE) {
		const fields = readEntryFields(context, itemIndex);
		const givenName = readText(context, itemIndex, 'name', 'Entry Name');
		const mediaType = readMediaTypeChoice(context, itemIndex) ?? guessMediaType(undefined, checked.parsed.pathname);
		const entry = buildMediaEntry({ ...fields, name: givenName || entryNameFromUrl(checked.parsed), mediaType });
		const skip = options.skipIfReferenceIdExists === true && fields.referenceId !== undefined;
		return {
			url,
			job: { kind: 'create', entry, resource },
			skipReferenceId: skip ? fields.referenceId : undefined,
			wait,
		};
	}

	const entryId = readEntryId(context, itemIndex);
	details.entryId = entryId;
	return {
		url,
		job: {
			kind: 'replace',
			entryId,
			resource,
			conversionProfileId: valueOrThrow(context, itemIndex, conversionProfileValue(options.conversionProfileId)),
		},
		wait,
	};
}

/** The Batch Size option (a node-wide setting, read from the first item). */
export function readBatchSize(context: IExecuteFunctions): number {
	const options = (context.getNodeParameter('options', 0, {}) ?? {}) as { batchSize?: unknown };
	const size = batchSizeValue(options.batchSize);
	// A bad value has failed every item already (planItem checks it), so nothing is sent with it.
	return size.ok ? size.value : DEFAULT_BATCH_SIZE;
}

function batchSizeValue(raw: unknown) {
	return wholeNumberValue(raw, 'Batch Size', { min: 1, max: MAX_BATCH_SIZE, fallback: DEFAULT_BATCH_SIZE });
}
