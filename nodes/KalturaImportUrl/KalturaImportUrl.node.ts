import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../kaltura/entries/operationDisplay';
import { kalturaMethods } from '../kaltura/methods';
import { importUrlProperties } from './description';
import { executeImportUrl } from './execute';

/**
 * Kaltura Import URL: Kaltura itself downloads media from a URL into a new entry or as new
 * content of an existing one. Many items travel together as Kaltura multirequests.
 */
export class KalturaImportUrl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaltura Import URL',
		name: 'kalturaImportUrl',
		icon: { light: 'file:../../icons/kaltura.svg', dark: 'file:../../icons/kaltura.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(importUrlProperties),
		description: 'Have Kaltura download media from a URL into a new or existing entry',
		defaults: { name: 'Kaltura Import URL' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kalturaApi', required: true }],
		properties: importUrlProperties,
	};

	methods = kalturaMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeImportUrl(this);
	}
}
