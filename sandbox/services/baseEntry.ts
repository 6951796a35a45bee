/** baseEntry service: the type-agnostic view on the same entry store. */
import { apiError } from '../api/errors';
import type { ServiceDef } from '../api/types';
import { ENTRY_STATUS } from '../engine/lifecycle';
import { entryToApi } from '../model/entryView';
import { countEntries, deleteEntry, getEntry, listEntries } from './entryCommon';

const any = (): boolean => true;

export const baseEntryService: ServiceDef = {
	id: 'baseentry',
	actions: {
		get: {
			access: 'user',
			widget: true,
			run: (ctx) => entryToApi(ctx.rt, getEntry(ctx, ctx.args.str('entryId'))),
		},
		list: {
			access: 'user',
			widget: true,
			run: (ctx) =>
				listEntries(ctx, 'KalturaBaseEntryListResponse', any, ctx.args.obj('filter'), ctx.args.obj('pager')),
		},
		count: {
			access: 'user',
			widget: true,
			run: (ctx) => countEntries(ctx, any, ctx.args.obj('filter')),
		},
		listByReferenceId: {
			access: 'user',
			run(ctx) {
				const refId = ctx.args.optStr('refId');
				if (refId === null) throw apiError('MISSING_MANDATORY_PARAMETER', { PARAM_NAME: 'refId' });
				// Like the real action: matches on referenceId, all statuses except deleted.
				const filter = { referenceIdEqual: refId, statusNotIn: String(ENTRY_STATUS.DELETED) };
				return listEntries(ctx, 'KalturaBaseEntryListResponse', any, filter, ctx.args.obj('pager'));
			},
		},
		delete: {
			access: 'user',
			run: (ctx) => deleteEntry(ctx),
		},
	},
};
