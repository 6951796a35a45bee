import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { KalturaMediaType } from '../client/enums';
import type { KalturaObject } from '../client/types';
import { describeValue, textValue, valueOrThrow, type ValueCheck } from '../runner/parameterValues';

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

/** Display names of the text fields nodes put in their entry collections, for messages. */
export const ENTRY_FIELD_LABELS: Record<string, string> = {
	description: 'Description',
	tags: 'Tags',
	referenceId: 'Reference ID',
	userId: 'Owner User ID',
	offlineMessage: 'Offline Message',
	categories: 'Categories',
	conversionProfileId: 'Conversion Profile',
};

/** Kaltura refuses shorter reference IDs when the entry is added (KalturaBaseEntry::validateForInsert). */
export const MIN_REFERENCE_ID_LENGTH = 2;

/**
 * The named text fields of a collection, trimmed; empty ones left out (Kaltura keeps its
 * defaults). A list or an object in a field, or a reference ID Kaltura would refuse, fails here,
 * before anything is sent.
 */
export function pickTextFields<K extends string>(
	raw: Record<string, unknown>,
	keys: readonly K[],
): ValueCheck<Partial<Record<K, string>>> {
	const picked: Partial<Record<K, string>> = {};
	for (const key of keys) {
		const label = ENTRY_FIELD_LABELS[key] ?? key;
		const checked = textValue(raw[key], label);
		if (!checked.ok) return checked;
		if (checked.value === '') continue;
		if (key === 'referenceId' && checked.value.length < MIN_REFERENCE_ID_LENGTH) {
			return {
				ok: false,
				message: `Reference ID must be at least ${MIN_REFERENCE_ID_LENGTH} characters, but it is ${describeValue(checked.value)}`,
				description: 'Kaltura refuses shorter reference IDs. Use a longer ID, or leave the field empty.',
			};
		}
		picked[key] = checked.value;
	}
	return { ok: true, value: picked };
}

/**
 * The Categories field as Kaltura's `categories` text: chosen names (a list), or the text of an
 * expression ("A, B>C"), joined with commas; undefined when none.
 */
export function categoriesText(raw: unknown): ValueCheck<string | undefined> {
	const parts = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
	const names: string[] = [];
	for (const part of parts) {
		const checked = textValue(part, 'Categories');
		if (!checked.ok) {
			return {
				ok: false,
				message: `Categories must be names or IDs, but one of them is ${describeValue(part)}`,
				description:
					'Choose categories from the list, or map text such as "Training>Onboarding, Marketing" (full names, comma-separated) or category IDs.',
			};
		}
		names.push(...checked.value.split(','));
	}
	const text = names
		.map((name) => name.trim())
		.filter((name) => name !== '')
		.join(',');
	return { ok: true, value: text === '' ? undefined : text };
}

/**
 * A conversion profile ID from its field: empty or 0 mean the default (undefined), a positive
 * whole number (or its text) is an ID; anything else is refused.
 */
export function conversionProfileValue(raw: unknown): ValueCheck<number | undefined> {
	if (raw === undefined || raw === null || raw === '' || raw === 0 || raw === '0')
		return { ok: true, value: undefined };
	const profile = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
	if (Number.isInteger(profile) && profile > 0) return { ok: true, value: profile };
	return {
		ok: false,
		message: `Conversion Profile must be a profile from the list or its ID (a whole number), but it is ${describeValue(raw)}`,
		description: 'Find profile IDs in the KMC under Settings → Transcoding Settings, or choose from the list.',
	};
}

/** The entry fields of a collection, checked (see pickTextFields, categoriesText, conversionProfileValue). */
export function entryFieldValues(raw: Record<string, unknown>): ValueCheck<EntryFieldValues> {
	const texts = pickTextFields(raw, ['description', 'tags', 'referenceId', 'userId']);
	if (!texts.ok) return texts;
	const values: EntryFieldValues = texts.value;
	const categories = categoriesText(raw.categories);
	if (!categories.ok) return categories;
	if (categories.value) values.categories = categories.value;
	const profile = conversionProfileValue(raw.conversionProfileId);
	if (!profile.ok) return profile;
	if (profile.value !== undefined) values.conversionProfileId = profile.value;
	return { ok: true, value: values };
}

/** Reads the entry fields of an item, trimmed, empty values dropped; bad values fail the item. */
export function readEntryFields(context: IExecuteFunctions, itemIndex: number): EntryFieldValues {
	const raw = context.getNodeParameter('entryFields', itemIndex, {}) as Record<string, unknown>;
	return valueOrThrow(context, itemIndex, entryFieldValues(raw ?? {}));
}

const MEDIA_TYPE_NAMES: Record<string, number> = {
	video: KalturaMediaType.VIDEO,
	audio: KalturaMediaType.AUDIO,
	image: KalturaMediaType.IMAGE,
};

/**
 * The Media Type field: undefined for Automatic, else Kaltura's number. An expression may give
 * the number or the name ("video"); anything else is refused before any byte is sent.
 */
export function mediaTypeValue(raw: unknown): ValueCheck<number | undefined> {
	if (raw === undefined || raw === null || raw === '' || raw === 'auto') return { ok: true, value: undefined };
	const named = typeof raw === 'string' ? MEDIA_TYPE_NAMES[raw.trim().toLowerCase()] : undefined;
	if (named !== undefined) return { ok: true, value: named };
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
	if (Object.values(MEDIA_TYPE_NAMES).includes(value)) return { ok: true, value };
	return {
		ok: false,
		message: `Media Type must be Automatic, Video (1), Audio (5) or Image (2), but it is ${describeValue(raw)}`,
		description: 'Choose a media type from the list, or map "video", "audio", "image" (or 1, 5, 2).',
	};
}

/** Reads the Media Type parameter: a number, or undefined for Automatic. */
export function readMediaTypeChoice(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return valueOrThrow(context, itemIndex, mediaTypeValue(context.getNodeParameter('mediaType', itemIndex, 'auto')));
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
