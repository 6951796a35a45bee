import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../kaltura/entries/operationDisplay';
import { kalturaMethods } from '../kaltura/methods';
import { uploadFileProperties } from './description';
import { executeUploadFile } from './execute';

/**
 * Kaltura Upload File: sends an item's binary file to Kaltura in parallel, resumable chunks and
 * creates an entry with it, or replaces the media of an existing entry.
 */
export class KalturaUploadFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaltura Upload File',
		name: 'kalturaUploadFile',
		icon: { light: 'file:../../icons/kaltura.svg', dark: 'file:../../icons/kaltura.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(uploadFileProperties),
		description: 'Upload a file to Kaltura as a new entry or as new content of an existing entry',
		defaults: { name: 'Kaltura Upload File' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kalturaApi', required: true }],
		properties: uploadFileProperties,
	};

	methods = kalturaMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUploadFile(this);
	}
}
