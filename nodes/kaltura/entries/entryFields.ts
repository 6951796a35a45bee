import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { KalturaObject } from '../client/types';

/**
 * Entry fields shared by every node that creates media entries. Put `entryFieldsCollection`
 * in a node's properties (adding displayOptions as needed) and read it with readEntryFields.
 */
export const mediaTypeParameter: INodeProperties = {
	displayName: 'Media Type',
	name: 'mediaType',
	type: 'options',
	options: [
		{ name: 'Automatic', value: 'auto', description: 'From the MIME type or file extension' },
		{ name: 'Video', value: 1 },
		{ name: 'Audio', value: 5 },
		{ name: 'Image', value: 2 },
	],
	default: 'auto',
	description: 'The kind of media; Automatic works for almost every file',
};

/**
 * The single fields, for nodes that put them in a collection of their own (Live Stream's
 * Additional Fields); override the placeholder or description where an example fits better.
 */
export const categoriesField: INodeProperties = {
	displayName: 'Category Names or IDs',
	name: 'categories',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCategories' },
	default: [],
	description:
		'Categories to publish the entry in, by full name (levels joined with >, e.g. Training>Onboarding). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const conversionProfileIdField: INodeProperties = {
	displayName: 'Conversion Profile Name or ID',
	name: 'conversionProfileId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getConversionProfiles' },
	default: 0,
	description:
		'The transcoding profile (KMC → Settings → Transcoding Settings); Account Default leaves it to the account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Conversion Profile for replaced content (an option of the replace operations). */
export const replacementConversionProfileOption: INodeProperties = {
	displayName: 'Conversion Profile Name or ID',
	name: 'conversionProfileId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getReplacementConversionProfiles' },
	default: 0,
	description:
		'The transcoding profile for the new media; Keep the Entry\'s Profile uses the one the entry has. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
};

export const ownerUserIdField: INodeProperties = {
	displayName: 'Owner User ID',
	name: 'userId',
	type: 'string',
	default: '',
	description: 'The Kaltura user who owns the entry; empty means the user of the credential',
};

export const referenceIdField: INodeProperties = {
	displayName: 'Reference ID',
	name: 'referenceId',
	type: 'string',
	default: '',
	placeholder: 'crm-asset-1234',
	description:
		'Your own ID for the entry (at least 2 characters), e.g. the ID of the record in the system the media comes from',
};

export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'webinar, 2026',
	description: 'Comma-separated tags',
};

export const entryFieldsCollection: INodeProperties = {
	displayName: 'Entry Fields',
	name: 'entryFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [categoriesField, conversionProfileIdField, descriptionField, ownerUserIdField, referenceIdField, tagsField],
};

export interface EntryFieldValues {
	name?: string;
	description?: string;
	tags?: string;
	categories?: string;
	referenceId?: string;
	userId?: string;
	conversionProfileId?: number;
}

/** The named text fields of a collection, trimmed; empty ones left out (Kaltura keeps its defaults). */
export function pickTextFields<K extends string>(
	raw: Record<string, unknown>,
	keys: readonly K[],
): Partial<Record<K, string>> {
	const picked: Partial<Record<K, string>> = {};
	for (const key of keys) {
		const value = raw[key] === undefined || raw[key] === null ? '' : String(raw[key]).trim();
		if (value !== '') picked[key] = value;
	}
	return picked;
}

/**
 * The Categories field as Kaltura's `categories` text: chosen names (a list), or the text of an
 * expression ("A, B>C"), joined with commas; undefined when none.
 */
export function categoriesText(raw: unknown): string | undefined {
	const names = Array.isArray(raw)
		? raw.map((value) => String(value))
		: raw === undefined || raw === null
			? []
			: String(raw).split(',');
	const text = names
		.map((name) => name.trim())
		.filter((name) => name !== '')
		.join(',');
	return text === '' ? undefined : text;
}

/** A conversion profile ID from its field: a positive whole number, else undefined (account default). */
export function conversionProfileIdOf(raw: unknown): number | undefined {
	const profile = Number(raw ?? 0);
	return Number.isInteger(profile) && profile > 0 ? profile : undefined;
}

/** Reads the entry fields of an item, trimmed, empty values dropped. */
export function readEntryFields(context: IExecuteFunctions, itemIndex: number): EntryFieldValues {
	const raw = context.getNodeParameter('entryFields', itemIndex, {}) as Record<string, unknown>;
	const values: EntryFieldValues = pickTextFields(raw, ['description', 'tags', 'referenceId', 'userId']);
	const categories = categoriesText(raw.categories);
	if (categories) values.categories = categories;
	const profile = conversionProfileIdOf(raw.conversionProfileId);
	if (profile !== undefined) values.conversionProfileId = profile;
	return values;
}

/** Reads the Media Type parameter: a number, or undefined for Automatic. */
export function readMediaTypeChoice(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const value = context.getNodeParameter('mediaType', itemIndex, 'auto') as string | number;
	return value === 'auto' || value === '' ? undefined : Number(value);
}

/** A KalturaMediaEntry for media.add with only the writable fields that have values. */
export function buildMediaEntry(values: EntryFieldValues & { name: string; mediaType?: number }): KalturaObject {
	const entry: KalturaObject = { objectType: 'KalturaMediaEntry', name: values.name };
	const copy: Array<keyof EntryFieldValues | 'mediaType'> = [
		'description',
		'tags',
		'categories',
		'referenceId',
		'userId',
		'conversionProfileId',
		'mediaType',
	];
	for (const key of copy) {
		const value = values[key];
		if (value !== undefined && value !== '') entry[key] = value;
	}
	return entry;
}
