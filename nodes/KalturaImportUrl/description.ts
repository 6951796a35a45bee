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

export const OPERATION_CREATE = 'createFromUrl';
export const OPERATION_REPLACE = 'replaceContentFromUrl';
export type ImportOperation = typeof OPERATION_CREATE | typeof OPERATION_REPLACE;

/** Entries per multirequest: 50 creates are 100 calls in one HTTP request. */
export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 100;

const { onCreate, onReplace, optionOnCreate, optionOnReplace } = createOrReplaceDisplay(
	OPERATION_CREATE,
	OPERATION_REPLACE,
);

export const importUrlProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create Entry From URL',
				value: 'createFromUrl',
				action: 'Create an entry from a URL',
				description: 'Create a new media entry; Kaltura downloads the media from the URL',
			},
			{
				name: 'Replace Entry Content From URL',
				value: 'replaceContentFromUrl',
				action: 'Replace entry content from a URL',
				description:
					'Give an existing entry new media from a URL; the old media keeps playing until the new one is ready',
			},
		],
		default: 'createFromUrl',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/media/video.mp4',
		description:
			'Where Kaltura downloads the media from (http, https, ftp, ftps or sftp). Kaltura fetches it itself, so the address must be reachable from the internet; signed links must stay valid for a few minutes.',
	},
	entryLocator('The entry whose media is replaced', ENTRY_SEARCH.media, onReplace),
	{
		displayName: 'Entry Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Quarterly review',
		description: 'The title of the new entry. Empty uses the file name at the end of the URL.',
		displayOptions: onCreate,
	},
	{
		...mediaTypeParameter,
		description:
			'The kind of media; Automatic guesses from the URL file extension (Kaltura detects it if the URL has none)',
		displayOptions: onCreate,
	},
	{ ...entryFieldsCollection, displayOptions: onCreate },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: 50,
				description:
					'How many items go to Kaltura in one request (a Kaltura multirequest). 1,000 URLs at 50 per request take 20 requests.',
			},
			{ ...replacementConversionProfileOption, displayOptions: optionOnReplace },
			{
				displayName: 'Force Async Download',
				name: 'forceAsyncDownload',
				type: 'boolean',
				default: false,
				description:
					'Whether Kaltura must always download in the background. Without it Kaltura may fetch small images while the request waits.',
			},
			{
				displayName: 'HTTP Headers',
				name: 'urlHeaders',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'Authorization: Bearer abc123',
				description:
					'Headers Kaltura sends when it downloads the URL, one "Name: value" per line (for servers that need a token)',
			},
			{ ...skipIfReferenceIdExistsOption, displayOptions: optionOnCreate },
			...waitUntilReadyOptions,
		],
	},
];
