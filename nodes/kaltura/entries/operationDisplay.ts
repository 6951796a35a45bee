import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Display conditions of a node whose two operations create an entry or replace an existing
 * entry's media: parameters (`onCreate`, `onReplace`) and options inside a collection
 * (`optionOnCreate`, `optionOnReplace`: there, conditions on top-level parameters need a leading
 * slash).
 */
export function createOrReplaceDisplay(create: string, replace: string) {
	return {
		onCreate: { show: { operation: [create] } } satisfies IDisplayOptions,
		onReplace: { show: { operation: [replace] } } satisfies IDisplayOptions,
		optionOnCreate: { show: { '/operation': [create] } } satisfies IDisplayOptions,
		optionOnReplace: { show: { '/operation': [replace] } } satisfies IDisplayOptions,
	};
}

/** The Entry ID parameter of operations that work on an existing entry. */
export function entryIdParameter(description: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Entry ID',
		name: 'entryId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1_abcd1234',
		description,
		displayOptions,
	};
}
