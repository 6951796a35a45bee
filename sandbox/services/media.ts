/** media service (reference §4.3): entries of type MEDIA_CLIP and their content. */
import { apiError } from '../api/errors';
import type { ActionContext, ServiceDef } from '../api/types';
import { ENTRY_STATUS, REPLACEMENT } from '../engine/lifecycle';
import { entryToApi } from '../model/entryView';
import { MEDIA_ENTRY_SCHEMA, readObject } from '../model/schema';
import { assertConversionProfile, PROFILE_TYPE } from './conversionProfile';
import type { EntryRecord } from '../store/types';
import {
	assertCanEdit,
	attachResource,
	countEntries,
	createEntry,
	deleteEntry,
	getEntry,
	listEntries,
	updateFields,
} from './entryCommon';

const MEDIA = ['1'];
const isMedia = (e: EntryRecord): boolean => e.type === '1';

async function addContent(ctx: ActionContext): Promise<unknown> {
	const e = getEntry(ctx, ctx.args.str('entryId'), MEDIA);
	assertCanEdit(ctx, e);
	if (e.status !== ENTRY_STATUS.NO_CONTENT) throw apiError('ENTRY_ALREADY_WITH_CONTENT');
	const resource = ctx.args.obj('resource');
	if (resource) await attachResource(ctx, e, resource);
	return entryToApi(ctx.rt, e);
}

/** approveReplace / cancelReplace: the entry named by `entryId` and its pending replacement, if any. */
function replacementOf(ctx: ActionContext): { orig: EntryRecord; temp: EntryRecord | undefined } {
	const orig = getEntry(ctx, ctx.args.str('entryId'), MEDIA);
	assertCanEdit(ctx, orig);
	const temp = orig.replacingEntryId ? ctx.rt.store.partner(ctx.partnerId).entries[orig.replacingEntryId] : undefined;
	return { orig, temp };
}

/**
 * Replacement (KalturaEntryService::replaceResource): the original keeps serving while a
 * hidden temp entry ingests the new content; partners without the approval feature get
 * APPROVED_BUT_NOT_READY, i.e. the swap happens automatically when the temp entry is READY.
 */
async function updateContent(ctx: ActionContext): Promise<unknown> {
	const { rt, args } = ctx;
	const orig = getEntry(ctx, args.str('entryId'), MEDIA);
	assertCanEdit(ctx, orig);
	const resource = args.obj('resource', true)!;
	if (orig.status === ENTRY_STATUS.NO_CONTENT) {
		await attachResource(ctx, orig, resource);
		return entryToApi(rt, orig);
	}
	if (orig.replacingEntryId) throw apiError('ENTRY_REPLACEMENT_ALREADY_EXISTS');
	const fields = { ...orig.fields, displayInSearch: -1 };
	const temp = createEntry({ ...ctx, session: null }, orig.type, fields, ENTRY_STATUS.NO_CONTENT);
	temp.replacedEntryId = orig.id;
	const convProfile = args.optInt('conversionProfileId');
	if (convProfile !== null) temp.fields.conversionProfileId = convProfile;
	orig.replacingEntryId = temp.id;
	orig.replacementStatus = REPLACEMENT.APPROVED_BUT_NOT_READY;
	orig.updatedAt = rt.now();
	try {
		await attachResource(ctx, temp, resource);
	} catch (err) {
		orig.replacingEntryId = null;
		orig.replacementStatus = REPLACEMENT.NONE;
		delete rt.store.partner(ctx.partnerId).entries[temp.id];
		throw err;
	}
	rt.store.changed();
	return entryToApi(rt, orig);
}

export const mediaService: ServiceDef = {
	id: 'media',
	actions: {
		add: {
			access: 'user',
			run(ctx) {
				const input = ctx.args.obj('entry', true)!;
				const fields = readObject(input, MEDIA_ENTRY_SCHEMA, 'KalturaMediaEntry', 'insert', ctx.rt.now());
				assertConversionProfile(fields.conversionProfileId, PROFILE_TYPE.MEDIA);
				return entryToApi(ctx.rt, createEntry(ctx, '1', fields, ENTRY_STATUS.NO_CONTENT));
			},
		},
		get: {
			access: 'user',
			widget: true,
			run: (ctx) => entryToApi(ctx.rt, getEntry(ctx, ctx.args.str('entryId'), MEDIA)),
		},
		update: {
			access: 'user',
			run(ctx) {
				const e = getEntry(ctx, ctx.args.str('entryId'), MEDIA);
				assertCanEdit(ctx, e);
				const input = ctx.args.obj('mediaEntry', true)!;
				updateFields(ctx, e, readObject(input, MEDIA_ENTRY_SCHEMA, 'KalturaMediaEntry', 'update', ctx.rt.now()));
				return entryToApi(ctx.rt, e);
			},
		},
		delete: {
			access: 'user',
			run: (ctx) => deleteEntry(ctx, MEDIA),
		},
		list: {
			access: 'user',
			widget: true,
			run: (ctx) =>
				listEntries(ctx, 'KalturaMediaListResponse', isMedia, ctx.args.obj('filter'), ctx.args.obj('pager')),
		},
		count: {
			access: 'user',
			widget: true,
			run: (ctx) => countEntries(ctx, isMedia, ctx.args.obj('filter')),
		},
		addContent: { access: 'user', run: addContent },
		updateContent: { access: 'user', run: updateContent },
		approveReplace: {
			access: 'user',
			async run(ctx) {
				const { orig, temp } = replacementOf(ctx);
				if (!temp) throw apiError('INVALID_ENTRY_STATUS');
				if (orig.replacementStatus === REPLACEMENT.READY_BUT_NOT_APPROVED) await ctx.rt.lifecycle.swapIn(orig, temp);
				else if (orig.replacementStatus === REPLACEMENT.NOT_READY_AND_NOT_APPROVED) {
					orig.replacementStatus = REPLACEMENT.APPROVED_BUT_NOT_READY;
					ctx.rt.store.changed();
				}
				return entryToApi(ctx.rt, orig);
			},
		},
		cancelReplace: {
			access: 'user',
			async run(ctx) {
				const { orig, temp } = replacementOf(ctx);
				if (temp) await ctx.rt.lifecycle.remove(temp);
				orig.replacingEntryId = null;
				orig.replacementStatus = REPLACEMENT.NONE;
				orig.updatedAt = ctx.rt.now();
				ctx.rt.store.changed();
				return entryToApi(ctx.rt, orig);
			},
		},
	},
};
