import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../kaltura/entries/operationDisplay';
import { kalturaMethods } from '../kaltura/methods';
import { liveStreamProperties } from './description';
import { executeLiveStream } from './execute';

/**
 * Kaltura Live Stream: creates Kaltura-hosted live entries, and for existing ones hands out what an encoder needs
 * (server URL and stream key for RTMP/RTMPS, SRT URL and stream ID), the playback URL, and the
 * on-air status.
 */
export class KalturaLiveStream implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaltura Live Stream',
		name: 'kalturaLiveStream',
		icon: { light: 'file:../../icons/kaltura.svg', dark: 'file:../../icons/kaltura.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(liveStreamProperties),
		description: 'Create Kaltura live streams and get the encoder settings, playback URL and live status',
		defaults: { name: 'Kaltura Live Stream' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kalturaApi', required: true }],
		properties: liveStreamProperties,
	};

	methods = kalturaMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeLiveStream(this);
	}
}
