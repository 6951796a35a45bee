import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildMediaEntry, readEntryFields, readMediaTypeChoice } from '../kaltura/entries/entryFields';
import { guessMediaType } from '../kaltura/entries/mediaType';
import { readSkipIfReferenceIdExists } from '../kaltura/entries/skipExisting';
import type { WaitOptions } from '../kaltura/entries/waitOptions';
import { readWaitOptions } from '../kaltura/entries/waitOptions';
import { toNodeError } from '../kaltura/transport/nodeErrors';
import type { ImportJob } from './batch';
import type { ImportOperation } from './description';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, OPERATION_CREATE } from './description';
import { checkImportUrl, displayUrl, entryNameFromUrl, parseHeaderLines, urlResource } from './urlInput';

/** One input item, read and checked, ready to be sent. */
export interface ImportPlan {
	itemIndex: number;
	/** The URL for the output (a password in it masked). */
	url: string;
	job: ImportJob;
	/** Set when the item asked to skip an existing entry with this reference ID. */
	skipReferenceId?: string;
	wait: WaitOptions;
}

export type PlanOutcome =
	| { ok: true; plan: ImportPlan }
	| { ok: false; itemIndex: number; url: string; error: NodeOperationError | ReturnType<typeof toNodeError> };

interface ImportOptions {
	forceAsyncDownload?: boolean;
	urlHeaders?: string;
	conversionProfileId?: number;
}

/** Reads and validates one item; a bad item becomes an error value, never a thrown error. */
export function planItem(context: IExecuteFunctions, itemIndex: number, operation: ImportOperation): PlanOutcome {
	let rawUrl = '';
	try {
		rawUrl = String(context.getNodeParameter('url', itemIndex, '') ?? '');
		const checked = checkImportUrl(rawUrl);
		if (!checked.ok) {
			const error = new NodeOperationError(context.getNode(), checked.message, {
				itemIndex,
				description: checked.description,
			});
			return { ok: false, itemIndex, url: rawUrl, error };
		}
		const options = context.getNodeParameter('options', itemIndex, {}) as ImportOptions;
		const resource = urlResource(checked.parsed, {
			forceAsyncDownload: options.forceAsyncDownload === true,
			headers: parseHeaderLines(options.urlHeaders),
		});
		const wait = readWaitOptions(context, itemIndex);
		const shownUrl = displayUrl(checked.parsed);

		if (operation === OPERATION_CREATE) {
			const fields = readEntryFields(context, itemIndex);
			const givenName = String(context.getNodeParameter('name', itemIndex, '') ?? '').trim();
			const mediaType = readMediaTypeChoice(context, itemIndex) ?? guessMediaType(undefined, checked.parsed.pathname);
			const entry = buildMediaEntry({ ...fields, name: givenName || entryNameFromUrl(checked.parsed), mediaType });
			const skip = readSkipIfReferenceIdExists(context, itemIndex) && fields.referenceId !== undefined;
			return {
				ok: true,
				plan: {
					itemIndex,
					url: shownUrl,
					job: { kind: 'create', entry, resource },
					skipReferenceId: skip ? fields.referenceId : undefined,
					wait,
				},
			};
		}

		const entryId = String(context.getNodeParameter('entryId', itemIndex, '') ?? '').trim();
		if (entryId === '') {
			const error = new NodeOperationError(context.getNode(), 'The entry ID is empty', {
				itemIndex,
				description: 'Replace Entry Content From URL needs the ID of an existing entry, e.g. 1_abcd1234.',
			});
			return { ok: false, itemIndex, url: shownUrl, error };
		}
		const profile = Number(options.conversionProfileId ?? 0);
		return {
			ok: true,
			plan: {
				itemIndex,
				url: shownUrl,
				job: {
					kind: 'replace',
					entryId,
					resource,
					conversionProfileId: Number.isInteger(profile) && profile > 0 ? profile : undefined,
				},
				wait,
			},
		};
	} catch (error) {
		// Parameter expressions that fail to resolve end up here; they belong to this item only.
		return { ok: false, itemIndex, url: rawUrl, error: toNodeError(context.getNode(), error, itemIndex) };
	}
}

/** The Batch Size option (a node-wide setting, read from the first item). */
export function readBatchSize(context: IExecuteFunctions): number {
	const options = context.getNodeParameter('options', 0, {}) as { batchSize?: number };
	const size = Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE));
	if (!Number.isFinite(size) || size < 1) return DEFAULT_BATCH_SIZE;
	return Math.min(size, MAX_BATCH_SIZE);
}
