import type { IDisplayOptions } from 'n8n-workflow';

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
