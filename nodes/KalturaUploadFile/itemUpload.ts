import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { settle } from '../kaltura/client/outcome';
import type { KalturaMediaEntry, KalturaObject } from '../kaltura/client/types';
import {
	buildMediaEntry,
	conversionProfileValue,
	readEntryFields,
	readMediaTypeChoice,
} from '../kaltura/entries/entryFields';
import { readEntryId } from '../kaltura/entries/entryLocator';
import { guessMediaType } from '../kaltura/entries/mediaType';
import { findEntryByReferenceId } from '../kaltura/entries/referenceId';
import { readSkipIfReferenceIdExists } from '../kaltura/entries/skipExisting';
import {
	binaryUploadSource,
	EMPTY_FILE_MESSAGE,
	forgetCompletedUpload,
	isFileValue,
	uploadFile,
	type UploadReport,
} from '../kaltura/upload';
import {
	numberValue,
	readText,
	textValue,
	valueOrThrow,
	wholeNumberValue,
	type ValueCheck,
} from '../kaltura/runner/parameterValues';
import {
	DEFAULT_CHUNK_SIZE_MIB,
	DEFAULT_PARALLEL_CHUNKS,
	MAX_CHUNK_SIZE_MIB,
	MAX_PARALLEL_CHUNKS,
	OPERATION_CREATE,
	type UploadOperation,
} from './description';

const MiB = 1024 * 1024;

export interface UploadedItem {
	entry: KalturaMediaEntry;
	/** Absent when the item was skipped (its reference ID already existed). */
	report?: UploadReport;
	fileName: string;
	skipped: boolean;
}

/** Where a failed item got to: shown with its error so the upload can be resumed. */
export interface ItemProgress {
	fileName?: string;
	uploadTokenId?: string;
	/** The bytes are all in Kaltura (what failed came after the upload). */
	uploaded?: boolean;
	entryId?: string;
}

interface UploadSettings {
	/** The binary field's name, or the file an expression returned. */
	binaryPropertyName: string | IBinaryData;
	chunkSize: number;
	concurrency: number;
	adaptive: boolean;
	autoResume: boolean;
	resumeUploadTokenId?: string;
	conversionProfileId?: number;
}

function readSettings(context: IExecuteFunctions, itemIndex: number): UploadSettings {
	const check = <T>(value: ValueCheck<T>): T => valueOrThrow(context, itemIndex, value);
	const binaryField = context.getNodeParameter('binaryPropertyName', itemIndex, 'data');
	const binaryPropertyName = isFileValue(binaryField)
		? binaryField
		: check(textValue(binaryField, 'Input Binary Field')) || 'data';
	const options = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as Record<string, unknown>;
	const chunkSizeMiB = check(
		numberValue(options.chunkSizeMiB, 'Chunk Size (MiB)', {
			min: 1,
			max: MAX_CHUNK_SIZE_MIB,
			fallback: DEFAULT_CHUNK_SIZE_MIB,
			hint: `Kaltura takes chunks of at least 1 MiB. Enter 1 to ${MAX_CHUNK_SIZE_MIB}, or remove the option for ${DEFAULT_CHUNK_SIZE_MIB} MiB.`,
		}),
	);
	return {
		binaryPropertyName,
		chunkSize: Math.round(chunkSizeMiB * MiB),
		concurrency: check(
			wholeNumberValue(options.parallelChunks, 'Parallel Chunks', {
				min: 1,
				max: MAX_PARALLEL_CHUNKS,
				fallback: DEFAULT_PARALLEL_CHUNKS,
			}),
		),
		adaptive: options.adaptiveChunkSize === true,
		autoResume: options.resumeInterruptedUploads !== false,
		resumeUploadTokenId: check(textValue(options.resumeUploadId, 'Resume Upload Token ID')) || undefined,
		conversionProfileId: check(conversionProfileValue(options.conversionProfileId)),
	};
}

/**
 * One item, start to end: read the binary, check it, then either find the existing entry (Skip If
 * Reference ID Exists) or upload the bytes and create the entry / replace its content.
 * `progress` is filled in as the work goes, for the error message if it fails.
 */
export async function uploadItem(
	context: IExecuteFunctions,
	client: KalturaClient,
	itemIndex: number,
	operation: UploadOperation,
	progress: ItemProgress,
): Promise<UploadedItem> {
	const node = context.getNode();
	const settings = readSettings(context, itemIndex);
	const { source, binary } = await binaryUploadSource(context, itemIndex, settings.binaryPropertyName);
	progress.fileName = source.fileName;
	if (source.size === 0) {
		throw new NodeOperationError(node, `The file "${source.fileName}" is empty (0 bytes)`, {
			itemIndex,
			description: EMPTY_FILE_MESSAGE,
		});
	}

	let entryId: string | undefined;
	let createFields: KalturaObject | undefined;
	if (operation === OPERATION_CREATE) {
		const fields = readEntryFields(context, itemIndex);
		if (fields.referenceId && readSkipIfReferenceIdExists(context, itemIndex)) {
			const existing = await findEntryByReferenceId(client, fields.referenceId);
			if (existing) return { entry: existing, fileName: source.fileName, skipped: true };
		}
		const name = readText(context, itemIndex, 'name', 'Entry Name') || source.fileName;
		const mediaType = readMediaTypeChoice(context, itemIndex) ?? guessMediaType(binary.mimeType, source.fileName);
		createFields = buildMediaEntry({ ...fields, name, mediaType });
	} else {
		entryId = readEntryId(context, itemIndex);
		progress.entryId = entryId;
		// Before sending any byte: an unknown entry fails now, not after a long upload.
		await client.call<KalturaMediaEntry>('media', 'get', { entryId });
	}

	const report = await uploadFile(client, source, {
		chunkSize: settings.chunkSize,
		concurrency: settings.concurrency,
		adaptive: settings.adaptive,
		autoResume: settings.autoResume,
		resumeUploadTokenId: settings.resumeUploadTokenId,
		// If creating or updating the entry fails, a re-run reuses the complete token as it is.
		keepCompletionMarker: true,
		logger: context.logger,
		onUploadToken: (id) => (progress.uploadTokenId = id),
	});
	progress.uploaded = true;
	const resource = { objectType: 'KalturaUploadedFileTokenResource', token: report.uploadTokenId };

	if (createFields) {
		const entry = await client.call<KalturaMediaEntry>('media', 'add', { entry: createFields });
		progress.entryId = entry.id;
		const attached = await settle(
			async () => await client.call<KalturaMediaEntry>('media', 'addContent', { entryId: entry.id, resource }),
		);
		if (!attached.ok) {
			// An entry without content would be found by Skip If Reference ID Exists next time: remove it.
			const removed = await settle(async () => await client.call('media', 'delete', { entryId: entry.id }));
			if (removed.ok) progress.entryId = undefined;
			throw attached.error;
		}
		await forgetCompletedUpload(client, report, context.logger);
		return { entry: attached.value, report, fileName: source.fileName, skipped: false };
	}

	const params: Record<string, string | number | typeof resource> = { entryId: entryId as string, resource };
	if (settings.conversionProfileId !== undefined) params.conversionProfileId = settings.conversionProfileId;
	const entry = await client.call<KalturaMediaEntry>('media', 'updateContent', params);
	await forgetCompletedUpload(client, report, context.logger);
	return { entry, report, fileName: source.fileName, skipped: false };
}
