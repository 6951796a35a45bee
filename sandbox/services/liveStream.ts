/** liveStream service (reference §6): Kaltura-hosted live entries with fabricated endpoints. */
import { checkEnum, toStr } from '../api/args';
import { apiError } from '../api/errors';
import type { ActionContext, ServiceDef } from '../api/types';
import { ENTRY_STATUS } from '../engine/lifecycle';
import { entryToApi } from '../model/entryView';
import { KALTURA_LIVE_SOURCES, newStreamPassword } from '../model/live';
import { LIVE_STREAM_ENTRY_SCHEMA, readObject, SOURCE_TYPES } from '../model/schema';
import type { EntryRecord, FieldValue } from '../store/types';
import { assertConversionProfile, PROFILE_TYPE } from './conversionProfile';
import { assertCanEdit, createEntry, deleteEntry, getEntry, listEntries, updateFields } from './entryCommon';

const LIVE = ['7'];
const CLASS = 'KalturaLiveStreamEntry';
const PLAYBACK_PROTOCOLS = [
	'hls',
	'applehttp',
	'hds',
	'mpegdash',
	'rtmp',
	'rtsp',
	'http',
	'url',
	'auto',
	'download',
	'sl',
	'hdnetwork',
	'hdnetworkmanifest',
	'multicast_silverlight',
	'applehttp_to_mc',
];
/** The sandbox partner's default live source type (Kaltura's historical default is 29). */
const DEFAULT_LIVE_SOURCE = '32';

function validateSrtPass(fields: Record<string, FieldValue>): void {
	const p = fields.srtPass;
	if (typeof p !== 'string') return;
	if (p.length < 10) throw apiError('PROPERTY_VALIDATION_MIN_LENGTH', { PROP_NAME: 'srtPass', MIN_LEN: 10 });
	if (p.length > 79) throw apiError('PROPERTY_VALIDATION_MAX_LENGTH', { PROP_NAME: 'srtPass', MAX_LEN: 79 });
}

/** KalturaLiveEntry::validateConversionProfile: a given profile must exist and be a live one. */
function validateConversionProfile(fields: Record<string, FieldValue>): void {
	assertConversionProfile(fields.conversionProfileId, PROFILE_TYPE.LIVE_STREAM);
}

/** Stream password lives in LiveState so regeneration never touches client-set fields. */
function takePassword(e: EntryRecord, fields: Record<string, FieldValue>): void {
	if (typeof fields.streamPassword === 'string' && fields.streamPassword !== '' && e.live)
		e.live.streamPassword = fields.streamPassword;
	delete e.fields.streamPassword;
}

/** isLive / regenerateStreamToken / getDetails address entries by id with INVALID_ENTRY_ID. */
function liveById(ctx: ActionContext, id: string): EntryRecord {
	const e = ctx.rt.store.partner(ctx.partnerId).entries[id];
	if (!e || e.type !== '7' || e.status === ENTRY_STATUS.DELETED || !e.live)
		throw apiError('INVALID_ENTRY_ID', { ID: id });
	return e;
}

export const liveStreamService: ServiceDef = {
	id: 'livestream',
	actions: {
		add: {
			access: 'user',
			run(ctx) {
				const { args, rt } = ctx;
				const fields = readObject(
					args.obj('liveStreamEntry', true)!,
					LIVE_STREAM_ENTRY_SCHEMA,
					CLASS,
					'insert',
					rt.now(),
				);
				const sourceParam = args.optStr('sourceType');
				if (sourceParam !== null) {
					checkEnum(sourceParam, SOURCE_TYPES, 'sourceType', 'KalturaSourceType');
					fields.sourceType = sourceParam;
				} else if (fields.sourceType === undefined || fields.sourceType === null)
					fields.sourceType = DEFAULT_LIVE_SOURCE;
				if (fields.mediaType === undefined || fields.mediaType === null) {
					throw apiError('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: `${CLASS}::mediaType` });
				}
				const source = toStr(fields.sourceType);
				if (source === '31') throw apiError('ENTRY_SOURCE_TYPE_NOT_SUPPORTED', { SOURCE_TYPE: source });
				if (source === '29') {
					for (const k of ['encodingIP1', 'encodingIP2']) {
						if (!fields[k]) throw apiError('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: `${CLASS}::${k}` });
					}
				}
				validateSrtPass(fields);
				validateConversionProfile(fields);
				const defaults: Record<string, FieldValue> = {
					dvrStatus: 0,
					recordStatus: 0,
					explicitLive: 0,
					viewMode: 1,
					recordingStatus: 0,
				};
				const e = createEntry(ctx, '7', { ...defaults, ...fields }, ENTRY_STATUS.READY);
				e.live = { streamPassword: newStreamPassword(), isLive: false, wasBroadcast: false };
				takePassword(e, fields);
				if (fields.explicitLive === 1 && fields.viewMode === undefined) e.fields.viewMode = 0;
				// Non-Kaltura sources have no provisioning step in the sandbox either; they are READY too.
				rt.store.changed();
				return entryToApi(rt, e);
			},
		},
		get: {
			access: 'user',
			widget: true,
			run: (ctx) => entryToApi(ctx.rt, getEntry(ctx, ctx.args.str('entryId'), LIVE)),
		},
		update: {
			access: 'user',
			run(ctx) {
				const e = getEntry(ctx, ctx.args.str('entryId'), LIVE);
				assertCanEdit(ctx, e);
				const fields = readObject(
					ctx.args.obj('liveStreamEntry', true)!,
					LIVE_STREAM_ENTRY_SCHEMA,
					CLASS,
					'update',
					ctx.rt.now(),
				);
				validateSrtPass(fields);
				validateConversionProfile(fields);
				updateFields(ctx, e, fields);
				takePassword(e, fields);
				return entryToApi(ctx.rt, e);
			},
		},
		delete: {
			access: 'user',
			run: (ctx) => deleteEntry(ctx, LIVE),
		},
		list: {
			access: 'user',
			widget: true,
			run: (ctx) =>
				listEntries(
					ctx,
					'KalturaLiveStreamListResponse',
					(e) => e.type === '7',
					ctx.args.obj('filter'),
					ctx.args.obj('pager'),
				),
		},
		regenerateStreamToken: {
			access: 'user',
			run(ctx) {
				const e = liveById(ctx, ctx.args.str('entryId'));
				assertCanEdit(ctx, e);
				const source = toStr(e.fields.sourceType);
				if (!KALTURA_LIVE_SOURCES.includes(source)) {
					throw apiError('CANNOT_REGENERATE_STREAM_TOKEN_FOR_EXTERNAL_LIVE_STREAMS', { TYPE: source });
				}
				let pw = newStreamPassword();
				while (pw === e.live!.streamPassword) pw = newStreamPassword();
				e.live!.streamPassword = pw;
				e.updatedAt = ctx.rt.now();
				ctx.rt.store.changed();
				return entryToApi(ctx.rt, e);
			},
		},
		isLive: {
			access: 'none',
			widget: true,
			run(ctx) {
				const e = liveById(ctx, ctx.args.str('id'));
				const protocol = ctx.args.optStr('protocol');
				if (protocol !== null) checkEnum(protocol, PLAYBACK_PROTOCOLS, 'protocol', 'KalturaPlaybackProtocol');
				return e.live!.isLive;
			},
		},
		getDetails: {
			access: 'user',
			run(ctx) {
				const e = liveById(ctx, ctx.args.str('id'));
				const live = e.live!;
				const viewMode = Number(e.fields.viewMode ?? 1);
				const preview = Number(e.fields.explicitLive ?? 0) === 1 && viewMode === 0;
				return {
					objectType: 'KalturaLiveStreamDetails',
					primaryStreamStatus: live.isLive ? 2 : 0,
					secondaryStreamStatus: 0,
					viewMode,
					wasBroadcast: live.wasBroadcast,
					broadcastStatus: live.isLive ? (preview ? 2 : 3) : 1,
				};
			},
		},
	},
};
