/**
 * The sandbox's liveStream service (reference §6) and the live conversion profiles it offers:
 * validation on add, the broadcast URL fields with the names and shapes of the real API, a
 * stream token that changes on regeneration, "not live" until the test hook flips it.
 */
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall, multiCall } from '../../helpers/kalturaHttp';

interface LiveEntry {
	objectType: string;
	id: string;
	name: string;
	status: number;
	type: number;
	mediaType: number;
	sourceType: number | string;
	conversionProfileId: number;
	streamName: string;
	streamPassword: string;
	primaryBroadcastingUrl: string;
	secondaryBroadcastingUrl: string;
	primarySecuredBroadcastingUrl: string;
	secondarySecuredBroadcastingUrl: string;
	primarySrtBroadcastingUrl: string;
	secondarySrtBroadcastingUrl: string;
	primarySrtStreamId: string;
	secondarySrtStreamId: string;
	srtPass?: string;
	dvrStatus: number;
	dvrWindow?: number;
	recordStatus: number;
	explicitLive: number;
	viewMode: number;
	code?: string;
	args?: Record<string, string>;
}

let sandbox: Sandbox;
let ks: string;

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});

afterAll(async () => {
	await sandbox.close();
});

async function addLive(
	fields: Record<string, unknown> = {},
	sourceType: string | undefined = '32',
): Promise<LiveEntry> {
	return (await apiCall(sandbox.url, 'livestream', 'add', {
		ks,
		liveStreamEntry: { objectType: 'KalturaLiveStreamEntry', name: 'Town hall', mediaType: 201, ...fields },
		...(sourceType === undefined ? {} : { sourceType }),
	})) as LiveEntry;
}

async function setLive(entryId: string, isLive: boolean): Promise<void> {
	const res = await fetch(`${sandbox.url}/__sandbox/live/${entryId}?isLive=${isLive}`, { method: 'POST' });
	expect(res.status).toBe(200);
}

describe('liveStream.add', () => {
	it('creates a READY live entry (type 7) with RTMP, RTMPS and SRT endpoints built around the stream token', async () => {
		const live = await addLive({ dvrStatus: 1, dvrWindow: 120, recordStatus: 2 });
		expect(live).toMatchObject({
			objectType: 'KalturaLiveStreamEntry',
			status: 2,
			type: 7,
			mediaType: 201,
			dvrStatus: 1,
			dvrWindow: 120,
			recordStatus: 2,
			explicitLive: 0,
			conversionProfileId: 1002,
		});
		expect(String(live.sourceType)).toBe('32');
		expect(live.streamPassword).toMatch(/^[0-9a-f]{8}$/);
		expect(live.streamName).toBe(`${live.id}_%i`);
		const token = `t=${live.streamPassword}`;
		expect(live.primaryBroadcastingUrl).toMatch(/^rtmp:\/\/[^/]+:1935\/kLive\/\?/);
		expect(live.primaryBroadcastingUrl).toContain(`e=${live.id}`);
		expect(live.primaryBroadcastingUrl).toContain(token);
		expect(live.secondaryBroadcastingUrl).toMatch(/^rtmp:\/\//);
		expect(live.secondaryBroadcastingUrl).not.toBe(live.primaryBroadcastingUrl);
		expect(live.primarySecuredBroadcastingUrl).toMatch(/^rtmps:\/\/[^/]+:443\/kLive\/\?.*t=/);
		expect(live.secondarySecuredBroadcastingUrl).toMatch(/^rtmps:\/\//);
		expect(live.primarySrtBroadcastingUrl).toMatch(/^srt:\/\/[^/]+:7045$/);
		expect(live.primarySrtStreamId).toBe(`#:::e=${live.id},st=0,p=${live.streamPassword}`);
		expect(live.secondarySrtStreamId).toBe(`#:::e=${live.id},st=1,p=${live.streamPassword}`);
	});

	it('uses an encrypted SRT stream ID (ep=) when an SRT passphrase is set, and returns srtPass', async () => {
		const live = await addLive({ srtPass: 'correct-horse-battery' });
		expect(live.srtPass).toBe('correct-horse-battery');
		expect(live.primarySrtStreamId).toMatch(new RegExp(`^#:::e=${live.id},st=0,ep=[0-9a-f]+$`));
		expect(live.primarySrtStreamId).not.toContain(live.streamPassword);
	});

	it('puts an explicit-live entry in preview (viewMode 0)', async () => {
		const live = await addLive({ explicitLive: 1 });
		expect(live).toMatchObject({ explicitLive: 1, viewMode: 0 });
	});

	it('rejects a missing mediaType, a too short SRT passphrase, AKAMAI_UNIVERSAL_LIVE and unknown profiles', async () => {
		const noMediaType = (await apiCall(sandbox.url, 'livestream', 'add', {
			ks,
			liveStreamEntry: { objectType: 'KalturaLiveStreamEntry', name: 'x' },
			sourceType: '32',
		})) as LiveEntry;
		expect(noMediaType).toMatchObject({
			code: 'PROPERTY_VALIDATION_CANNOT_BE_NULL',
			args: { PROP_NAME: 'KalturaLiveStreamEntry::mediaType' },
		});
		expect(await addLive({ srtPass: 'short' })).toMatchObject({ code: 'PROPERTY_VALIDATION_MIN_LENGTH' });
		expect(await addLive({}, '31')).toMatchObject({ code: 'ENTRY_SOURCE_TYPE_NOT_SUPPORTED' });
		expect(await addLive({}, '99')).toMatchObject({ code: 'INVALID_ENUM_VALUE' });
		expect(await addLive({ conversionProfileId: 424242 })).toMatchObject({
			code: 'CONVERSION_PROFILE_ID_NOT_FOUND',
			message: 'Conversion profile id "424242" not found',
		});
		// A media (VOD) profile is not a live profile.
		expect(await addLive({ conversionProfileId: 1001 })).toMatchObject({ code: 'CONVERSION_PROFILE_ID_NOT_FOUND' });
	});

	it('accepts the passthrough profile, found by its system name as in Kaltura samples', async () => {
		const list = (await apiCall(sandbox.url, 'conversionprofile', 'list', {
			ks,
			filter: { objectType: 'KalturaConversionProfileFilter', systemNameEqual: 'Passthrough_Live', typeEqual: '2' },
		})) as { objects: Array<{ id: number; systemName: string; type: string }>; totalCount: number };
		expect(list.totalCount).toBe(1);
		expect(list.objects[0]).toMatchObject({ systemName: 'Passthrough_Live', type: '2' });
		const live = await addLive({ conversionProfileId: list.objects[0].id });
		expect(live.conversionProfileId).toBe(list.objects[0].id);
		const cloud = (await apiCall(sandbox.url, 'conversionprofile', 'getDefault', { ks, type: '2' })) as {
			systemName: string;
		};
		expect(cloud.systemName).toBe('Default_Live');
	});
});

describe('liveStream.get / update / delete', () => {
	it('gets a live entry; a media entry or unknown ID is ENTRY_ID_NOT_FOUND', async () => {
		const live = await addLive();
		expect(await apiCall(sandbox.url, 'livestream', 'get', { ks, entryId: live.id })).toMatchObject({
			id: live.id,
			type: 7,
		});
		const media = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name: 'vod', mediaType: 1 },
		})) as { id: string };
		expect(await apiCall(sandbox.url, 'livestream', 'get', { ks, entryId: media.id })).toMatchObject({
			code: 'ENTRY_ID_NOT_FOUND',
		});
		expect(await apiCall(sandbox.url, 'livestream', 'get', { ks, entryId: '0_nothere' })).toMatchObject({
			code: 'ENTRY_ID_NOT_FOUND',
		});
	});

	it('updates writable fields, refuses read-only ones, and deletes', async () => {
		const live = await addLive();
		const updated = (await apiCall(sandbox.url, 'livestream', 'update', {
			ks,
			entryId: live.id,
			liveStreamEntry: { objectType: 'KalturaLiveStreamEntry', name: 'Renamed', dvrStatus: 1, dvrWindow: 30 },
		})) as LiveEntry;
		expect(updated).toMatchObject({ name: 'Renamed', dvrStatus: 1, dvrWindow: 30 });
		expect(
			await apiCall(sandbox.url, 'livestream', 'update', {
				ks,
				entryId: live.id,
				liveStreamEntry: { objectType: 'KalturaLiveStreamEntry', primaryBroadcastingUrl: 'rtmp://evil/' },
			}),
		).toMatchObject({ code: 'PROPERTY_VALIDATION_NOT_UPDATABLE' });
		expect(await apiCall(sandbox.url, 'livestream', 'delete', { ks, entryId: live.id })).toBeNull();
		expect(await apiCall(sandbox.url, 'livestream', 'get', { ks, entryId: live.id })).toMatchObject({
			code: 'ENTRY_ID_NOT_FOUND',
		});
	});
});

describe('liveStream.regenerateStreamToken', () => {
	it('issues a new token and rebuilds every URL with it; the stream name stays', async () => {
		const live = await addLive();
		const again = (await apiCall(sandbox.url, 'livestream', 'regenerateStreamToken', {
			ks,
			entryId: live.id,
		})) as LiveEntry;
		expect(again.streamPassword).toMatch(/^[0-9a-f]{8}$/);
		expect(again.streamPassword).not.toBe(live.streamPassword);
		expect(again.streamName).toBe(live.streamName);
		expect(again.primaryBroadcastingUrl).toContain(`t=${again.streamPassword}`);
		expect(again.primaryBroadcastingUrl).not.toContain(`t=${live.streamPassword}`);
		expect(again.primarySrtStreamId).toContain(`p=${again.streamPassword}`);
		const fetched = (await apiCall(sandbox.url, 'livestream', 'get', { ks, entryId: live.id })) as LiveEntry;
		expect(fetched.streamPassword).toBe(again.streamPassword);
	});

	it('answers INVALID_ENTRY_ID for a media entry, and refuses external (non-Kaltura) sources', async () => {
		const media = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name: 'vod' },
		})) as { id: string };
		expect(await apiCall(sandbox.url, 'livestream', 'regenerateStreamToken', { ks, entryId: media.id })).toMatchObject({
			code: 'INVALID_ENTRY_ID',
		});
		const manual = await addLive({}, '30');
		expect(manual.primaryBroadcastingUrl).toBeUndefined();
		expect(await apiCall(sandbox.url, 'livestream', 'regenerateStreamToken', { ks, entryId: manual.id })).toMatchObject(
			{
				code: 'CANNOT_REGENERATE_STREAM_TOKEN_FOR_EXTERNAL_LIVE_STREAMS',
				args: { TYPE: '30' },
			},
		);
	});
});

describe('liveStream.isLive / getDetails', () => {
	it('is false by default, true after the hook, false again after switching off; no KS needed', async () => {
		const live = await addLive();
		// Without a KS the partner comes from the partnerId parameter.
		const partnerId = sandbox.partnerId;
		expect(await apiCall(sandbox.url, 'livestream', 'isLive', { partnerId, id: live.id, protocol: 'hls' })).toBe(false);
		await setLive(live.id, true);
		expect(await apiCall(sandbox.url, 'livestream', 'isLive', { partnerId, id: live.id, protocol: 'hls' })).toBe(true);
		expect(await apiCall(sandbox.url, 'livestream', 'getDetails', { ks, id: live.id })).toMatchObject({
			objectType: 'KalturaLiveStreamDetails',
			broadcastStatus: 3,
			wasBroadcast: true,
		});
		await setLive(live.id, false);
		expect(await apiCall(sandbox.url, 'livestream', 'isLive', { ks, id: live.id })).toBe(false);
		expect(await apiCall(sandbox.url, 'livestream', 'getDetails', { ks, id: live.id })).toMatchObject({
			broadcastStatus: 1,
			wasBroadcast: true,
		});
	});

	it('reports PREVIEW while an explicit-live stream broadcasts unpublished', async () => {
		const live = await addLive({ explicitLive: 1 });
		await setLive(live.id, true);
		expect(await apiCall(sandbox.url, 'livestream', 'getDetails', { ks, id: live.id })).toMatchObject({
			broadcastStatus: 2,
			viewMode: 0,
		});
	});

	it('answers INVALID_ENTRY_ID for unknown or non-live IDs and INVALID_ENUM_VALUE for an unknown protocol', async () => {
		const live = await addLive();
		const media = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name: 'v' },
		})) as {
			id: string;
		};
		const answers = await multiCall(sandbox.url, {
			ks,
			'1': { service: 'livestream', action: 'isLive', id: '0_missing1' },
			'2': { service: 'livestream', action: 'isLive', id: media.id },
			'3': { service: 'livestream', action: 'isLive', id: live.id, protocol: 'carrier-pigeon' },
		});
		expect(answers[0]).toMatchObject({ code: 'INVALID_ENTRY_ID', args: { ID: '0_missing1' } });
		expect(answers[1]).toMatchObject({ code: 'INVALID_ENTRY_ID' });
		expect(answers[2]).toMatchObject({ code: 'INVALID_ENUM_VALUE' });
	});
});
