/** Entry helpers shared by media, baseEntry and liveStream services. */
import { toStr } from '../api/args';
import { apiError, invalidKsType } from '../api/errors';
import { paginate } from '../api/pager';
import { listResponse, type ActionContext, type ApiObject } from '../api/types';
import { canEditEntry } from '../auth/session';
import { ENTRY_STATUS } from '../engine/lifecycle';
import { TOKEN_FULL, TOKEN_PARTIAL, TOKEN_PENDING } from '../engine/uploads';
import type { ParamTree } from '../http/paramTree';
import { filterEntries } from '../model/entryFilter';
import { entryToApi } from '../model/entryView';
import { entryId as newEntryId } from '../store/ids';
import type { EntryRecord, FieldValue } from '../store/types';

/** Fetch a live (not deleted) entry of the partner, optionally of given types, else ENTRY_ID_NOT_FOUND. */
export function getEntry(ctx: ActionContext, id: string, types?: string[]): EntryRecord {
	const e = ctx.rt.store.partner(ctx.partnerId).entries[id];
	if (!e || e.status === ENTRY_STATUS.DELETED || (types && !types.includes(e.type))) {
		throw apiError('ENTRY_ID_NOT_FOUND', { ENTRY_ID: id });
	}
	return e;
}

/** KalturaDispatcher::validateUser for `@validateUser entry entryId edit` actions. */
export function assertCanEdit(ctx: ActionContext, e: EntryRecord): void {
	const s = ctx.session;
	if (!s) throw invalidKsType();
	if (!canEditEntry(s, e.id, toStr(e.fields.userId), toStr(e.fields.entitledUsersEdit))) throw invalidKsType();
}

export function createEntry(
	ctx: ActionContext,
	type: string,
	fields: Record<string, FieldValue>,
	status: number,
): EntryRecord {
	const { rt, session } = ctx;
	// A USER KS may only create entries it owns (KalturaEntryService::checkAndSetValidUserInsert).
	const ksUser = session?.userId ?? '';
	if (
		fields.userId !== undefined &&
		fields.userId !== null &&
		session &&
		session.type !== 2 &&
		fields.userId !== ksUser
	) {
		throw invalidKsType();
	}
	if (typeof fields.referenceId === 'string' && fields.referenceId.length < 2) {
		throw apiError('PROPERTY_VALIDATION_MIN_LENGTH', { PROP_NAME: 'referenceId', MIN_LEN: 2 });
	}
	const now = rt.now();
	const partner = rt.store.partner(ctx.partnerId);
	let id = newEntryId(rt.options.dc);
	while (partner.entries[id]) id = newEntryId(rt.options.dc);
	const userId = fields.userId ?? ksUser;
	const e: EntryRecord = {
		id,
		partnerId: ctx.partnerId,
		seq: rt.store.nextSeq(),
		type,
		status,
		createdAt: now,
		updatedAt: now,
		version: 0,
		fields: { ...fields, userId, creatorId: fields.creatorId ?? userId },
		content: null,
		incoming: null,
		pending: null,
		duration: null,
		replacingEntryId: null,
		replacedEntryId: null,
		replacementStatus: 0,
		live: null,
	};
	partner.entries[id] = e;
	rt.store.changed();
	return e;
}

/** media/liveStream/baseEntry.delete. */
export async function deleteEntry(ctx: ActionContext, types?: string[]): Promise<null> {
	const e = getEntry(ctx, ctx.args.str('entryId'), types);
	assertCanEdit(ctx, e);
	await ctx.rt.lifecycle.remove(e);
	return null;
}

export function updateFields(ctx: ActionContext, e: EntryRecord, fields: Record<string, FieldValue>): void {
	if (fields.userId !== undefined && ctx.session && ctx.session.type !== 2 && fields.userId !== ctx.session.userId) {
		throw invalidKsType();
	}
	for (const [k, v] of Object.entries(fields)) {
		if (v === null) delete e.fields[k];
		else e.fields[k] = v;
	}
	e.updatedAt = ctx.rt.now();
	ctx.rt.store.changed();
}

export function listEntries(
	ctx: ActionContext,
	className: string,
	scope: (e: EntryRecord) => boolean,
	filter: ParamTree | null,
	pager: ParamTree | null,
): ApiObject {
	const all = Object.values(ctx.rt.store.partner(ctx.partnerId).entries).filter(scope);
	const matched = filterEntries(all, filter, ctx.rt.now());
	return listResponse(
		className,
		paginate(matched, pager).map((e) => entryToApi(ctx.rt, e)),
		matched.length,
	);
}

export function countEntries(ctx: ActionContext, scope: (e: EntryRecord) => boolean, filter: ParamTree | null): number {
	const all = Object.values(ctx.rt.store.partner(ctx.partnerId).entries).filter(scope);
	return filterEntries(all, filter, ctx.rt.now()).length;
}

/** Attach a KalturaResource to an entry (addContent / updateContent's temp entry). */
export async function attachResource(ctx: ActionContext, e: EntryRecord, resource: ParamTree): Promise<void> {
	const type = toStr(resource.objectType);
	const { rt } = ctx;
	if (type === 'KalturaUploadedFileTokenResource') {
		const tokenId = toStr(resource.token);
		if (!tokenId)
			throw apiError('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: 'KalturaUploadedFileTokenResource::token' });
		const t = rt.store.partner(ctx.partnerId).uploadTokens[tokenId];
		if (!t) throw apiError('UPLOAD_TOKEN_NOT_FOUND');
		const usable = [TOKEN_PENDING, TOKEN_PARTIAL, TOKEN_FULL].includes(t.status);
		const attachedElsewhere = t.attachedObjectId !== null && t.attachedObjectId !== e.id;
		if (!usable || attachedElsewhere) throw apiError('UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY');
		await rt.lifecycle.attachToken(e, t);
		return;
	}
	// KalturaSshUrlResource (scp/sftp) extends KalturaUrlResource; its keys are not modelled.
	if (type === 'KalturaUrlResource' || type === 'KalturaSshUrlResource') {
		const url = toStr(resource.url);
		if (!url) throw apiError('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: `${type}::url` });
		const headersRaw = resource.urlHeaders;
		const headers: string[] = [];
		if (headersRaw && typeof headersRaw === 'object') {
			for (const h of Object.values(headersRaw)) {
				if (h && typeof h === 'object' && !Array.isArray(h) && 'value' in h)
					headers.push(toStr((h as ParamTree).value));
			}
		}
		rt.lifecycle.attachUrl(e, url, headers);
		return;
	}
	if (!type) throw apiError('OBJECT_TYPE_ABSTRACT', { OBJ_TYPE: 'KalturaResource' });
	throw apiError('RESOURCE_TYPE_NOT_SUPPORTED', { RES_TYPE: type });
}
