import type { INodeProperties } from 'n8n-workflow';

import {
	entryFieldsCollection,
	mediaTypeParameter,
	replacementConversionProfileOption,
} from '../kaltura/entries/entryFields';
import { entryLocator } from '../kaltura/entries/entryLocator';
import { createOrReplaceDisplay } from '../kaltura/entries/operationDisplay';
import { ENTRY_SEARCH } from '../kaltura/methods';
import { skipIfReferenceIdExistsOption } from '../kaltura/entries/skipExisting';
import { waitUntilReadyOptions } from '../kaltura/entries/waitOptions';

export const OPERATION_CREATE = 'createEntry';
export const OPERATION_REPLACE = 'replaceContent';
export type UploadOperation = typeof OPERATION_CREATE | typeof OPERATION_REPLACE;

export const DEFAULT_CHUNK_SIZE_MIB = 10;
export const MAX_CHUNK_SIZE_MIB = 256;
export const DEFAULT_PARALLEL_CHUNKS = 4;
export const MAX_PARALLEL_CHUNKS = 16;

const { onCreate, onReplace, optionOnCreate, optionOnReplace } = createOrReplaceDisplay(
	OPERATION_CREATE,
	OPERATION_REPLACE,
);

export const uploadFileProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create Entry',
				value: 'createEntry',
				action: 'Upload a file as a new entry',
				description: 'Upload the file and create a new media entry with it',
			},
			{
				name: 'Replace Entry Content',
				value: 'replaceContent',
				action: 'Upload a file as new content of an entry',
				description:
					'Upload the file as the new media of an existing entry; the old media keeps playing until the new one is ready',
			},
		],
		default: 'createEntry',
	},
	entryLocator('The entry whose media is replaced', ENTRY_SEARCH.media, onReplace),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		description: 'The binary property of the incoming item that holds the file',
	},
	{
		displayName: 'Entry Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Quarterly review',
		description: 'The title of the new entry. Empty uses the file name.',
		displayOptions: onCreate,
	},
	{ ...mediaTypeParameter, displayOptions: onCreate },
	{ ...entryFieldsCollection, displayOptions: onCreate },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Adaptive Chunk Size',
				name: 'adaptiveChunkSize',
				type: 'boolean',
				default: false,
				description:
					'Whether to adjust the chunk size to the measured speed (aiming at about 5 seconds per chunk), starting from Chunk Size (MiB)',
			},
			{
				displayName: 'Chunk Size (MiB)',
				name: 'chunkSizeMiB',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CHUNK_SIZE_MIB },
				default: DEFAULT_CHUNK_SIZE_MIB,
				description:
					'The file is sent in pieces of this size. Files up to this size go in one request. Memory use is about chunk size × parallel chunks × 2.',
			},
			{ ...replacementConversionProfileOption, displayOptions: optionOnReplace },
			{
				displayName: 'Parallel Chunks',
				name: 'parallelChunks',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_CHUNKS },
				default: DEFAULT_PARALLEL_CHUNKS,
				description: 'How many chunks are sent at the same time. More helps on links with high latency.',
			},
			{
				displayName: 'Resume Interrupted Uploads',
				name: 'resumeInterruptedUploads',
				type: 'boolean',
				default: true,
				description:
					'Whether to continue a partial upload of the same file that an earlier, interrupted run left in Kaltura instead of starting over. The bytes already in Kaltura are checked against the file first.',
			},
			{
				displayName: 'Resume Upload Token ID',
				// Not "…TokenId": n8n's lint takes parameters named *token* for secrets; this is an identifier.
				name: 'resumeUploadId',
				type: 'string',
				default: '',
				placeholder: '0_3f5a9c2e7b1d4e6f8a0b2c4d6e8f0a1b',
				description:
					'Continue this Kaltura upload token (for example from the error of an earlier run). It must be empty or hold the start of this same file.',
			},
			{ ...skipIfReferenceIdExistsOption, displayOptions: optionOnCreate },
			...waitUntilReadyOptions,
		],
	},
];
