/**
 * conversionProfile service (reference §4.6), read-only: the fixed transcoding profiles every
 * sandbox partner has. Live nodes look up the passthrough profile by its system name, as
 * Kaltura's own samples do (`Default_Live` is cloud transcoding, `Passthrough_Live` is not).
 */
import { checkEnum, toInt, toList, toStr } from '../api/args';
import { apiError } from '../api/errors';
import { paginate } from '../api/pager';
import type { ApiObject, ServiceDef } from '../api/types';
import { listResponse } from '../api/types';
import type { ParamTree } from '../http/paramTree';
import { DEFAULT_CONVERSION_PROFILE_ID, DEFAULT_LIVE_CONVERSION_PROFILE_ID } from '../model/entryView';

/** KalturaConversionProfileType */
export const PROFILE_TYPE = { MEDIA: '1', LIVE_STREAM: '2' } as const;
export const PASSTHROUGH_LIVE_CONVERSION_PROFILE_ID = 1003;

interface Profile {
	id: number;
	type: string;
	name: string;
	systemName: string;
	isDefault: boolean;
	flavorParamsIds: string;
}

export const CONVERSION_PROFILES: readonly Profile[] = [
	{
		id: DEFAULT_CONVERSION_PROFILE_ID,
		type: PROFILE_TYPE.MEDIA,
		name: 'Default',
		systemName: 'Default',
		isDefault: true,
		flavorParamsIds: '0,487041,487051',
	},
	{
		id: DEFAULT_LIVE_CONVERSION_PROFILE_ID,
		type: PROFILE_TYPE.LIVE_STREAM,
		name: 'Cloud transcode',
		systemName: 'Default_Live',
		isDefault: true,
		flavorParamsIds: '32,33,34,35',
	},
	{
		id: PASSTHROUGH_LIVE_CONVERSION_PROFILE_ID,
		type: PROFILE_TYPE.LIVE_STREAM,
		name: 'Passthrough',
		systemName: 'Passthrough_Live',
		isDefault: false,
		flavorParamsIds: '36',
	},
];

export function conversionProfileById(id: number): Profile | undefined {
	return CONVERSION_PROFILES.find((p) => p.id === id);
}

/** Kaltura's "no transcoding" profile id (conversionProfile2::CONVERSION_PROFILE_NONE), accepted as is. */
export const CONVERSION_PROFILE_NONE = -1;

/**
 * KalturaBaseEntry::validateConversionProfile on insert: a given profile must exist and be of the
 * entry's kind (media entries take media profiles, live entries live ones).
 */
export function assertConversionProfile(id: unknown, type: string): void {
	if (id === undefined || id === null) return;
	if (type === PROFILE_TYPE.MEDIA && Number(id) === CONVERSION_PROFILE_NONE) return;
	const profile = conversionProfileById(Number(id));
	if (!profile || profile.type !== type) throw apiError('CONVERSION_PROFILE_ID_NOT_FOUND', { ID: String(id) });
}

function toApi(p: Profile, partnerId: number): ApiObject {
	return {
		objectType: 'KalturaConversionProfile',
		id: p.id,
		partnerId,
		status: '2',
		type: p.type,
		name: p.name,
		systemName: p.systemName,
		isDefault: p.isDefault ? 1 : 0,
		flavorParamsIds: p.flavorParamsIds,
	};
}

function matches(p: Profile, f: ParamTree | null): boolean {
	if (!f) return true;
	const list = (v: unknown): string[] => toList(v as string);
	if (f.idEqual !== undefined && toInt(f.idEqual) !== p.id) return false;
	if (f.idIn !== undefined && !list(f.idIn).includes(String(p.id))) return false;
	if (f.typeEqual !== undefined && toStr(f.typeEqual) !== p.type) return false;
	if (f.typeIn !== undefined && !list(f.typeIn).includes(p.type)) return false;
	if (f.systemNameEqual !== undefined && toStr(f.systemNameEqual) !== p.systemName) return false;
	if (f.systemNameIn !== undefined && !list(f.systemNameIn).includes(p.systemName)) return false;
	if (f.nameEqual !== undefined && toStr(f.nameEqual) !== p.name) return false;
	if (f.statusEqual !== undefined && toStr(f.statusEqual) !== '2') return false;
	return true;
}

export const conversionProfileService: ServiceDef = {
	id: 'conversionprofile',
	actions: {
		list: {
			access: 'user',
			run(ctx) {
				const found = CONVERSION_PROFILES.filter((p) => matches(p, ctx.args.obj('filter')));
				return listResponse(
					'KalturaConversionProfileListResponse',
					paginate(found, ctx.args.obj('pager')).map((p) => toApi(p, ctx.partnerId)),
					found.length,
				);
			},
		},
		get: {
			access: 'user',
			run(ctx) {
				const id = ctx.args.int('id');
				const p = conversionProfileById(id);
				if (!p) throw apiError('CONVERSION_PROFILE_ID_NOT_FOUND', { ID: id });
				return toApi(p, ctx.partnerId);
			},
		},
		getDefault: {
			access: 'user',
			run(ctx) {
				const type = ctx.args.optStr('type') ?? PROFILE_TYPE.MEDIA;
				checkEnum(type, Object.values(PROFILE_TYPE), 'type', 'KalturaConversionProfileType');
				const p = CONVERSION_PROFILES.find((c) => c.type === type && c.isDefault)!;
				return toApi(p, ctx.partnerId);
			},
		},
	},
};
