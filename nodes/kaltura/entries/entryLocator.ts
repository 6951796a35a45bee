import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ENTRY_ID_PATTERN, entryIdFromUrl, isEntryId } from './entryId';

/**
 * The entry picker used wherever a node works on an existing entry: pick it from a searchable
 * list (newest first; `searchListMethod` is one of the shared methods, see methods/index.ts),
 * type its ID, or paste the address of its page in the KMC, MediaSpace or KAF. The parameter keeps the name `entryId`, so expressions such as `{{ $json.id }}` work in
 * every mode.
 */
export function entryLocator(
	description: string,
	searchListMethod: string,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		displayName: 'Entry',
		name: 'entryId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		// n8n matches each mode's validation regex against the whole value (it adds ^ and $).
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an entry...',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1_abcd1234',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `\\s*${ENTRY_ID_PATTERN}\\s*`,
							errorMessage: 'Not a Kaltura entry ID (it looks like 1_abcd1234)',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://kmc.kaltura.com/index.php/kmcng/content/entries/entry/1_abcd1234/metadata',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `https?://.*${ENTRY_ID_PATTERN}.*`,
							errorMessage:
								'Paste the address of the entry in the KMC, MediaSpace or KAF (it contains an ID like 1_abcd1234)',
						},
					},
				],
			},
		],
		...(displayOptions ? { displayOptions } : {}),
	};
}

interface LocatorValue {
	mode?: unknown;
	value?: unknown;
}

/** Why a value is not an entry ID, for the message; undefined when it is one. */
function typeProblem(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return 'is empty';
	if (typeof value === 'object') return `is ${Array.isArray(value) ? 'a list' : 'an object'}, not an entry ID`;
	if (typeof value !== 'string') return `is a ${typeof value}, not an entry ID`;
	return undefined;
}

export type EntryIdParse = { ok: true; entryId: string } | { ok: false; message: string; description: string };

/**
 * The entry ID in an Entry parameter's value, whichever way it was given: from the list, by ID,
 * by URL, or (older workflows, expressions) as plain text.
 */
export function parseEntryParameter(raw: unknown): EntryIdParse {
	const locator = raw !== null && typeof raw === 'object' && 'mode' in raw ? (raw as LocatorValue) : undefined;
	const value = locator ? locator.value : raw;
	const problem = typeProblem(typeof value === 'string' ? value.trim() : value);
	if (problem) {
		return {
			ok: false,
			message: `The entry ${problem}`,
			description:
				'Pick an entry from the list, enter its ID (like 1_abcd1234), or map it with an expression such as {{ $json.id }}.',
		};
	}
	const text = (value as string).trim();
	if (isEntryId(text)) return { ok: true, entryId: text };
	// A pasted page address works in any mode; in By URL mode it is the expected input.
	if (locator?.mode === 'url' || /^https?:\/\//i.test(text)) {
		const parsed = entryIdFromUrl(text);
		if (parsed.ok) return parsed;
		return {
			ok: false,
			message: parsed.message,
			description: 'Paste the address of the entry page in the KMC, MediaSpace or KAF, or enter the entry ID itself.',
		};
	}
	return {
		ok: false,
		message: `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}" is not a Kaltura entry ID`,
		description: 'An entry ID looks like 1_abcd1234: a number, an underscore and eight letters or digits.',
	};
}

/** Reads an item's Entry parameter as an entry ID; bad input fails the item with what to fix. */
export function readEntryId(context: IExecuteFunctions, itemIndex: number, name = 'entryId'): string {
	const parsed = parseEntryParameter(context.getNodeParameter(name, itemIndex, '') as unknown);
	if (parsed.ok) return parsed.entryId;
	throw new NodeOperationError(context.getNode(), parsed.message, { itemIndex, description: parsed.description });
}
