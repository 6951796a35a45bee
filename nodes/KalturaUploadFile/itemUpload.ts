import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { settle } from '../kaltura/client/outcome';
import type { KalturaMediaEntry, KalturaObject } from '../kaltura/client/types';
import {
	buildMediaEntry,
	conversionProfileIdOf,
	readEntryFields,
	readMediaTypeChoice,
} from '../kaltura/entries/entryFields';
import { readEntryId } from '../kaltura/entries/entryLocator';
import { guessMediaType } from '../kaltura/entries/mediaType';
import { findEntryByReferenceId } from '../kaltura/entries/referenceId';
import { readSkipIfReferenceIdExists } from '../kaltura/entries/skipExisting';
import { binaryUploadSource, EMPTY_FILE_MESSAGE, uploadFile, type UploadReport } from '../kaltura/upload';
import { DEFAULT_CHUNK_SIZE_MIB, DEFAULT_PARALLEL_CHUNKS, OPERATION_CREATE, type UploadOperation } from './description';

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
	binaryPropertyName: string;
	chunkSize: number;
	concurrency: number;
	adaptive: boolean;
	autoResume: boolean;
	resumeUploadTokenId?: string;
	conversionProfileId?: number;
}

function readSettings(context: IExecuteFunctions, itemIndex: number): UploadSettings {
	const binaryPropertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const options = context.getNodeParameter('options', itemIndex, {}) as {
		chunkSizeMiB?: number;
		parallelChunks?: number;
		adaptiveChunkSize?: boolean;
		resumeInterruptedUploads?: boolean;
		resumeUploadId?: string;
		conversionProfileId?: number;
	};
	const chunkSizeMiB = Number(options.chunkSizeMiB ?? DEFAULT_CHUNK_SIZE_MIB);
	const concurrency = Number(options.parallelChunks ?? DEFAULT_PARALLEL_CHUNKS);
	const resumeId = String(options.resumeUploadId ?? '').trim();
	return {
		binaryPropertyName: binaryPropertyName === '' ? 'data' : binaryPropertyName,
		chunkSize: Math.round(
			(Number.isFinite(chunkSizeMiB) && chunkSizeMiB > 0 ? chunkSizeMiB : DEFAULT_CHUNK_SIZE_MIB) * MiB,
		),
		concurrency: Number.isFinite(concurrency) && concurrency >= 1 ? Math.floor(concurrency) : DEFAULT_PARALLEL_CHUNKS,
		adaptive: options.adaptiveChunkSize === true,
		autoResume: options.resumeInterruptedUploads !== false,
		resumeUploadTokenId: resumeId === '' ? undefined : resumeId,
		conversionProfileId: conversionProfileIdOf(options.conversionProfileId),
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
		const name = String(context.getNodeParameter('name', itemIndex, '')).trim() || source.fileName;
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
		return { entry: attached.value, report, fileName: source.fileName, skipped: false };
	}

	const params: Record<string, string | number | typeof resource> = { entryId: entryId as string, resource };
	if (settings.conversionProfileId !== undefined) params.conversionProfileId = settings.conversionProfileId;
	const entry = await client.call<KalturaMediaEntry>('media', 'updateContent', params);
	return { entry, report, fileName: source.fileName, skipped: false };
}
