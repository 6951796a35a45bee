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

/**
 * A node's subtitle on the canvas: the chosen operation by its display name ("Create Entry From
 * URL"), not its internal value ("createFromUrl").
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const operation = properties.find((property) => property.name === 'operation');
	const names: Record<string, string> = {};
	for (const option of operation?.options ?? []) {
		if ('value' in option && typeof option.value === 'string') names[option.value] = option.name;
	}
	return `={{ (${JSON.stringify(names)})[$parameter["operation"]] }}`;
}
