/**
 * The Kaltura Live Stream node: encoder settings laid out for people (RTMP server URL and stream
 * key split correctly, SRT URL and stream ID), then run by n8n's execution engine against the
 * sandbox: every Create option reaching Kaltura, Get, Regenerate Stream Key and Get Status, and
 * clear errors for wrong IDs.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, OnError } from 'n8n-workflow';

import { KalturaLiveStream } from '../../../nodes/KalturaLiveStream/KalturaLiveStream.node';
import { playbackUrl, rtmpEndpoint, srtEndpoint, streamKeyFor } from '../../../nodes/KalturaLiveStream/ingest';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { runNode } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';

interface Endpoint {
	serverUrl: string;
	streamKey: string;
	fullUrl: string;
}
interface SrtPoint {
	url: string;
	streamId: string;
	fullUrl: string;
}
interface LiveOutput extends IDataObject {
	id: string;
	name: string;
	status: string;
	ingest: {
		rtmp: { primary: Endpoint; backup: Endpoint };
		rtmps: { primary: Endpoint; backup: Endpoint };
		srt: { primary: SrtPoint; backup: SrtPoint; passphrase?: string };
	};
	playbackUrl: string;
	settings: IDataObject;
	broadcast: Record<string, string>;
}

describe('encoder fields (pure)', () => {
	it('turns the stream name template into the single-encoder stream key (rendition 1)', () => {
		expect(streamKeyFor({ id: '1_abc', status: 2, streamName: '1_abc_%i' })).toBe('1_abc_1');
		expect(streamKeyFor({ id: '1_abc', status: 2, streamName: '1_abc_%i' }, 3)).toBe('1_abc_3');
		// A partner without a name template gets the bare placeholder from Kaltura.
		expect(streamKeyFor({ id: '1_abc', status: 2, streamName: '%i' })).toBe('1');
		expect(streamKeyFor({ id: '1_abc', status: 2 })).toBe('1_abc_1');
		expect(streamKeyFor({ id: '1_abc', status: 2, streamName: 'fixedname' })).toBe('fixedname');
	});

	it('keeps the RTMP server URL (with its token query) whole and appends the key for the single URL', () => {
		const server = 'rtmp://1_abc.p.kpublish.kaltura.com:1935/kLive/?p=123&e=1_abc&i=0&t=5f2a9c1e';
		expect(rtmpEndpoint(server, '1_abc_1')).toEqual({
			serverUrl: server,
			streamKey: '1_abc_1',
			fullUrl: `${server}/1_abc_1`,
		});
		expect(rtmpEndpoint('rtmp://host/app/', 'k')?.fullUrl).toBe('rtmp://host/app/k');
		expect(rtmpEndpoint(undefined, 'k')).toBeUndefined();
	});

	it('puts the SRT stream ID and passphrase into the single URL, URL-encoded', () => {
		const point = srtEndpoint('srt://h:7045', '#:::e=1_abc,st=0,p=aa', 'pass phrase&1');
		expect(point).toEqual({
			url: 'srt://h:7045',
			streamId: '#:::e=1_abc,st=0,p=aa',
			fullUrl: 'srt://h:7045?streamid=%23%3A%3A%3Ae%3D1_abc%2Cst%3D0%2Cp%3Daa&passphrase=pass%20phrase%261',
		});
		expect(new URL(point!.fullUrl).searchParams.get('streamid')).toBe('#:::e=1_abc,st=0,p=aa');
		expect(srtEndpoint('srt://h:7045', undefined)).toBeUndefined();
	});

	it('builds an HLS playManifest URL matching the service URL scheme', () => {
		expect(playbackUrl('https://www.kaltura.com/', 123, '1_abc')).toBe(
			'https://www.kaltura.com/p/123/sp/12300/playManifest/entryId/1_abc/protocol/https/format/applehttp/a.m3u8',
		);
		expect(playbackUrl('http://127.0.0.1:9', 5, '0_x')).toContain('/protocol/http/format/applehttp/a.m3u8');
	});
});

describe('Kaltura Live Stream node (sandbox)', () => {
	let sandbox: Sandbox;
	let ks: string;
	const node = new KalturaLiveStream();

	beforeAll(async () => {
		sandbox = await startSandbox({ processingMs: 50 });
		ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
	});
	afterAll(async () => {
		await sandbox.close();
	});

	async function runLive(parameters: INodeParameters, options: { items?: IDataObject[]; onError?: OnError } = {}) {
		return await runNode({
			node,
			parameters,
			items: (options.items ?? [{}]).map((json) => ({ json })),
			credentials: sandboxCredentials(sandbox),
			onError: options.onError,
		});
	}

	/** The regular output of a run that must succeed. */
	async function run(
		parameters: INodeParameters,
		options: { items?: IDataObject[]; onError?: OnError } = {},
	): Promise<INodeExecutionData[]> {
		const result = await runLive(parameters, options);
		if (result.error) throw new Error(`the node failed: ${result.error.message}`);
		return result.outputs[0];
	}

	/** The message the node fails with. */
	async function failure(parameters: INodeParameters): Promise<string | undefined> {
		return (await runLive(parameters)).error?.message;
	}

	const byId = (value: string) => ({ __rl: true, mode: 'id', value });

	async function create(parameters: Record<string, unknown> = {}): Promise<LiveOutput> {
		const [item] = await run({ operation: 'create', name: 'Town hall', ...(parameters as INodeParameters) });
		return item.json as LiveOutput;
	}

	async function setLive(entryId: string, isLive: boolean): Promise<void> {
		await fetch(`${sandbox.url}/__sandbox/live/${entryId}?isLive=${isLive}`, { method: 'POST' });
	}

	it('describes itself as an n8n node usable as a tool', () => {
		expect(node.description).toMatchObject({
			name: 'kalturaLiveStream',
			displayName: 'Kaltura Live Stream',
			usableAsTool: true,
			credentials: [{ name: 'kalturaApi', required: true }],
		});
	});

	it('creates a live stream and lays out server URL + stream key for each protocol', async () => {
		const out = await create();
		const raw = (await apiCall(sandbox.url, 'livestream', 'get', { ks, entryId: out.id })) as Record<string, string>;
		expect(out).toMatchObject({ name: 'Town hall', status: 'READY' });
		const key = `${out.id}_1`;
		expect(out.ingest.rtmp.primary).toEqual({
			serverUrl: raw.primaryBroadcastingUrl,
			streamKey: key,
			fullUrl: `${raw.primaryBroadcastingUrl}/${key}`,
		});
		expect(out.ingest.rtmp.backup.serverUrl).toBe(raw.secondaryBroadcastingUrl);
		expect(out.ingest.rtmps.primary.serverUrl).toBe(raw.primarySecuredBroadcastingUrl);
		expect(out.ingest.rtmps.backup.streamKey).toBe(key);
		expect(out.ingest.srt.primary).toMatchObject({
			url: raw.primarySrtBroadcastingUrl,
			streamId: raw.primarySrtStreamId,
		});
		expect(out.ingest.srt.backup.streamId).toBe(raw.secondarySrtStreamId);
		expect(out.ingest.srt.passphrase).toBeUndefined();
		expect(out.playbackUrl).toBe(
			`${sandbox.url}/p/${sandbox.partnerId}/sp/${sandbox.partnerId}00/playManifest/entryId/${out.id}/protocol/http/format/applehttp/a.m3u8`,
		);
		expect(out.settings).toEqual({
			sourceType: 'LIVE_STREAM',
			conversionProfileId: 1002,
			dvr: false,
			recording: 'off',
			previewMode: false,
		});
		expect(out.broadcast).toMatchObject({
			streamName: `${out.id}_%i`,
			streamPassword: raw.streamPassword,
			primaryBroadcastingUrl: raw.primaryBroadcastingUrl,
		});
		// The credential's secret and the session never show up in the output.
		const text = JSON.stringify(out);
		expect(text).not.toContain(sandbox.adminSecret);
		expect(text).not.toMatch(/djJ8/);
	});

	it('sends every Create option to Kaltura', async () => {
		const out = await create({
			dvr: true,
			dvrWindowMinutes: 60,
			recording: 2,
			explicitLive: true,
			additionalFields: {
				description: 'Quarterly all-hands',
				tags: 'town hall, q1',
				categories: ['Events>Town halls', 'Marketing'],
				referenceId: 'cal-event-42',
				userId: 'presenter@example.com',
				offlineMessage: 'Starts at 10:00',
				srtPass: 'correct-horse-battery',
				segmentDurationSeconds: 2,
				sourceType: '42',
			},
		});
		expect(out).toMatchObject({
			description: 'Quarterly all-hands',
			tags: 'town hall, q1',
			categories: 'Events>Town halls,Marketing',
			referenceId: 'cal-event-42',
			userId: 'presenter@example.com',
		});
		expect(out.settings).toMatchObject({
			sourceType: 'LIVE_STREAM_ONTEXTDATA_CAPTIONS',
			dvr: true,
			dvrWindowMinutes: 60,
			recording: 'perSession',
			previewMode: true,
			segmentDurationMs: 2000,
			offlineMessage: 'Starts at 10:00',
		});
		expect(out.ingest.srt.passphrase).toBe('correct-horse-battery');
		expect(out.ingest.srt.primary.fullUrl).toContain('&passphrase=correct-horse-battery');
		expect((await create({ recording: 1 })).settings.recording).toBe('append');
	});

	it('uses the account passthrough profile (looked up once per run) or a custom profile ID', async () => {
		sandbox.requestLog.clear();
		const out = await run({ operation: 'create', name: 'Pass', transcoding: 'passthrough' }, { items: [{}, {}, {}] });
		expect(out.map((o) => (o.json.settings as IDataObject).conversionProfileId)).toEqual([1003, 1003, 1003]);
		expect(sandbox.requestLog.find('conversionprofile', 'list')).toHaveLength(1);

		const chosen = await create({ transcoding: 'custom', conversionProfileId: 1003 });
		expect(chosen.settings.conversionProfileId).toBe(1003);
		const custom = (conversionProfileId: unknown) =>
			failure({
				operation: 'create',
				name: 'Town hall',
				transcoding: 'custom',
				conversionProfileId,
			} as INodeParameters);
		expect(await custom(777)).toMatch(/Conversion profile id "777" not found/);
		expect(await custom(0)).toMatch(/ID of the live conversion profile/);
	});

	it('rejects bad Create input with a clear message for that item', async () => {
		expect(await failure({ operation: 'create', name: '  ' })).toBe('The live stream needs a name');
		expect(await failure({ operation: 'create', name: 'x', additionalFields: { srtPass: 'short' } })).toMatch(
			'10 to 79 characters',
		);
		const items = [{ name: 'Stream 0' }, { name: '' }, { name: 'Stream 2' }];
		const out = await run(
			{ operation: 'create', name: '={{ $json.name }}' },
			{ items, onError: 'continueRegularOutput' },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.id).toBeTruthy();
		expect(out[1].json.error).toBe('The live stream needs a name');
		expect(out[2].json.name).toBe('Stream 2');

		const routed = await runLive(
			{ operation: 'create', name: '={{ $json.name }}' },
			{ items, onError: 'continueErrorOutput' },
		);
		expect(routed.outputs[0].map((o) => o.json.name)).toEqual(['Stream 0', 'Stream 2']);
		expect(routed.outputs[1]).toHaveLength(1);
		expect(routed.outputs[1][0]).toMatchObject({
			pairedItem: { item: 1 },
			json: { name: '', error: 'The live stream needs a name' },
		});
	});

	it('Get returns the same encoder layout for an existing live entry', async () => {
		const created = await create({ dvr: true });
		const [got] = await run({ operation: 'get', entryId: byId(created.id) });
		expect(got.json).toEqual(created);
	});

	it('Get explains a non-live entry and an unknown ID', async () => {
		const media = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name: 'vod', mediaType: 1 },
		})) as { id: string };
		const notLive = await runLive({ operation: 'get', entryId: byId(media.id) });
		expect(notLive.error).toMatchObject({
			message: `Entry ${media.id} is not a live stream`,
			description: expect.stringMatching(/^It is a video entry\. This operation works on live stream entries only/),
		});
		expect(await failure({ operation: 'get', entryId: byId('0_nosuch00') })).toBe(
			'No live stream with entry ID "0_nosuch00"',
		);
		expect(await failure({ operation: 'get', entryId: byId('={{ " " }}') })).toBe('The entry is empty');
		expect(await failure({ operation: 'get', entryId: byId('={{ "nope" }}') })).toBe(
			'"nope" is not a Kaltura entry ID',
		);
		const out = await run({ operation: 'get', entryId: byId('0_nosuch00') }, { onError: 'continueRegularOutput' });
		expect(out[0].json).toMatchObject({
			error: 'No live stream with entry ID "0_nosuch00"',
			details: { entryId: '0_nosuch00' },
		});
	});

	it('Regenerate Stream Key issues a new token: new server URLs, the old ones stop matching', async () => {
		const created = await create();
		const [regenerated] = await run({ operation: 'regenerateStreamKey', entryId: byId(created.id) });
		const out = regenerated.json as LiveOutput;
		expect(out.id).toBe(created.id);
		expect(out.broadcast.streamPassword).not.toBe(created.broadcast.streamPassword);
		expect(out.ingest.rtmp.primary.serverUrl).not.toBe(created.ingest.rtmp.primary.serverUrl);
		expect(out.ingest.rtmp.primary.serverUrl).toContain(`t=${out.broadcast.streamPassword}`);
		expect(out.ingest.rtmp.primary.fullUrl).not.toBe(created.ingest.rtmp.primary.fullUrl);
		expect(out.ingest.srt.primary.streamId).not.toBe(created.ingest.srt.primary.streamId);
		// The stream key stays `{entryId}_1`: the secret part lives in the server URL.
		expect(out.ingest.rtmp.primary.streamKey).toBe(created.ingest.rtmp.primary.streamKey);
		const [after] = await run({ operation: 'get', entryId: byId(created.id) });
		expect((after.json as LiveOutput).ingest.rtmp.primary.serverUrl).toBe(out.ingest.rtmp.primary.serverUrl);

		const media = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name: 'v' },
		})) as {
			id: string;
		};
		expect(await failure({ operation: 'regenerateStreamKey', entryId: byId(media.id) })).toMatch(
			'is not a live stream',
		);
	});

	it('Get Status: not live by default, live after the broadcast starts, in one request per item', async () => {
		const created = await create();
		sandbox.requestLog.clear();
		const [before] = await run({ operation: 'getStatus', entryId: byId(created.id) });
		expect(before.json).toMatchObject({
			entryId: created.id,
			isLive: false,
			protocol: 'hls',
			broadcastStatus: 'OFFLINE',
		});
		expect(sandbox.requestLog.find('livestream', 'islive')).toHaveLength(1);
		expect(sandbox.requestLog.entries().filter((e) => e.service === 'multirequest')).toHaveLength(1);

		await setLive(created.id, true);
		const [during] = await run({ operation: 'getStatus', entryId: byId(created.id), protocol: 'mpegdash' });
		expect(during.json).toMatchObject({
			isLive: true,
			protocol: 'mpegdash',
			broadcastStatus: 'LIVE',
			audience: 'public',
			wasBroadcast: true,
		});
		expect(typeof during.json.checkedAt).toBe('string');

		const preview = await create({ explicitLive: true });
		await setLive(preview.id, true);
		const [previewStatus] = await run({ operation: 'getStatus', entryId: byId(preview.id) });
		expect(previewStatus.json).toMatchObject({ isLive: true, broadcastStatus: 'PREVIEW', audience: 'preview' });

		const media = (await apiCall(sandbox.url, 'media', 'add', {
			ks,
			entry: { objectType: 'KalturaMediaEntry', name: 'v' },
		})) as {
			id: string;
		};
		expect(await failure({ operation: 'getStatus', entryId: byId(media.id) })).toMatch('is not a live stream');
	});
});
