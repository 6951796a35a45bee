import type { INodeProperties } from 'n8n-workflow';

import { KalturaRecordStatus, KalturaSourceType } from '../kaltura/client/enums';
import {
	categoriesField,
	descriptionField,
	ownerUserIdField,
	referenceIdField,
	tagsField,
} from '../kaltura/entries/entryFields';
import { entryLocator } from '../kaltura/entries/entryLocator';
import { ENTRY_SEARCH } from '../kaltura/methods';

/** Kaltura's bounds for segmentDuration (KalturaLiveEntry: 2,000 to 20,000 ms). */
export const MIN_SEGMENT_SECONDS = 2;
export const MAX_SEGMENT_SECONDS = 20;

export const OPERATION = {
	CREATE: 'create',
	GET: 'get',
	REGENERATE: 'regenerateStreamKey',
	STATUS: 'getStatus',
} as const;
export type LiveOperation = (typeof OPERATION)[keyof typeof OPERATION];

export const TRANSCODING = { CLOUD: 'cloud', PASSTHROUGH: 'passthrough', CUSTOM: 'custom' } as const;

const onCreate = { show: { operation: [OPERATION.CREATE] } };
const onExisting = { show: { operation: [OPERATION.GET, OPERATION.REGENERATE, OPERATION.STATUS] } };

export const liveStreamProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: OPERATION.CREATE,
				action: 'Create a live stream',
				description: 'Create a live entry and return the server URLs and stream key for the encoder',
			},
			{
				name: 'Get',
				value: OPERATION.GET,
				action: 'Get a live stream',
				description: 'Return the encoder settings and playback URL of an existing live entry',
			},
			{
				name: 'Get Status',
				value: OPERATION.STATUS,
				action: 'Get the status of a live stream',
				description: 'Whether the live entry is broadcasting right now',
			},
			{
				name: 'Regenerate Stream Key',
				value: OPERATION.REGENERATE,
				action: 'Regenerate the stream key of a live stream',
				description: 'Issue a new secret stream token; encoders using the old server URLs are locked out',
			},
		],
		default: 'create',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Town hall, March',
		description: 'The title of the live entry',
		displayOptions: onCreate,
	},
	entryLocator('The live stream entry', ENTRY_SEARCH.live, onExisting),
	{
		displayName: 'Transcoding',
		name: 'transcoding',
		type: 'options',
		options: [
			{
				name: 'Cloud Transcode',
				value: TRANSCODING.CLOUD,
				description: 'Send one stream; Kaltura makes several qualities for viewers (account default)',
			},
			{
				name: 'Passthrough',
				value: TRANSCODING.PASSTHROUGH,
				description:
					"Kaltura forwards the encoder's stream(s) unchanged; uses the account's passthrough profile (Passthrough_Live)",
			},
			{
				name: 'Custom Conversion Profile',
				value: TRANSCODING.CUSTOM,
				description: 'Use a live conversion profile of your own by its ID',
			},
		],
		default: 'cloud',
		displayOptions: onCreate,
	},
	{
		displayName: 'Conversion Profile Name or ID',
		name: 'conversionProfileId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLiveConversionProfiles' },
		required: true,
		default: '',
		description:
			'A live conversion profile (KMC → Settings → Transcoding Settings → Live). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { operation: [OPERATION.CREATE], transcoding: [TRANSCODING.CUSTOM] } },
	},
	{
		displayName: 'DVR',
		name: 'dvr',
		type: 'boolean',
		default: false,
		description: 'Whether viewers can pause and rewind the live stream',
		displayOptions: onCreate,
	},
	{
		displayName: 'DVR Window (Minutes)',
		name: 'dvrWindowMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		description: 'How far back viewers can rewind',
		displayOptions: { show: { operation: [OPERATION.CREATE], dvr: [true] } },
	},
	{
		displayName: 'Recording',
		name: 'recording',
		type: 'options',
		options: [
			{ name: 'Off', value: KalturaRecordStatus.DISABLED, description: 'Do not record' },
			{
				name: 'Per Session',
				value: KalturaRecordStatus.PER_SESSION,
				description: 'Each broadcast becomes its own recorded entry',
			},
			{
				name: 'Append',
				value: KalturaRecordStatus.APPENDED,
				description: 'All broadcasts are appended to one recorded entry',
			},
		],
		default: 0,
		description: 'Whether Kaltura keeps a recording of the broadcast as a video entry',
		displayOptions: onCreate,
	},
	{
		displayName: 'Preview Mode',
		name: 'explicitLive',
		type: 'boolean',
		default: false,
		description:
			'Whether the stream starts in preview: you can check it before making it public (Kaltura "explicit live")',
		displayOptions: onCreate,
	},
	{
		displayName: 'Playback Protocol',
		name: 'protocol',
		type: 'options',
		options: [
			{ name: 'HLS', value: 'hls' },
			{ name: 'MPEG-DASH', value: 'mpegdash' },
			{ name: 'Apple HTTP (Legacy HLS)', value: 'applehttp' },
			{ name: 'RTMP', value: 'rtmp' },
		],
		default: 'hls',
		description: 'The delivery format whose live status Kaltura checks',
		displayOptions: { show: { operation: [OPERATION.STATUS] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: onCreate,
		options: [
			categoriesField,
			descriptionField,
			{
				displayName: 'HLS Segment Duration (Seconds)',
				name: 'segmentDurationSeconds',
				type: 'number',
				typeOptions: { minValue: MIN_SEGMENT_SECONDS, maxValue: MAX_SEGMENT_SECONDS },
				default: 2,
				description:
					'Shorter segments lower the delay viewers see (low latency). Kaltura applies it only when the account has the dynamic segment duration feature; otherwise the field is ignored.',
			},
			{
				displayName: 'Offline Message',
				name: 'offlineMessage',
				type: 'string',
				default: '',
				description: 'Shown to viewers while the stream is not broadcasting',
			},
			ownerUserIdField,
			{
				...referenceIdField,
				placeholder: 'webinar-2026-03',
				description: 'Your own ID for the entry (at least 2 characters), e.g. the calendar event ID',
			},
			{
				displayName: 'Source Type',
				name: 'sourceType',
				type: 'options',
				options: [
					{ name: 'Kaltura Live', value: KalturaSourceType.LIVE_STREAM },
					{
						name: 'Kaltura Live With Embedded Captions',
						value: KalturaSourceType.LIVE_STREAM_ONTEXTDATA_CAPTIONS,
						description: 'For encoders that send 608/708 captions inside the stream',
					},
				],
				default: '32',
				description: 'Kaltura-hosted live ingest (RTMP, RTMPS and SRT)',
			},
			{
				displayName: 'SRT Passphrase',
				name: 'srtPass',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Encrypts SRT ingest; 10 to 79 characters. The encoder needs the same passphrase.',
			},
			tagsField,
		],
	},
];
