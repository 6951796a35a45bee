import type { IDataObject } from 'n8n-workflow';

import type { KalturaLiveStreamEntry } from '../kaltura/client/types';

/**
 * Kaltura names the stream `{entryId}_%i`, where `%i` stands for the rendition number the
 * encoder sends. One encoder sending one stream (OBS, vMix, a hardware box) uses rendition 1,
 * so its stream key is `{entryId}_1` (kaltura-api.md §6.1). Multi-bitrate passthrough encoders
 * send `_1`, `_2`, `_3`… on the same server URL; `streamNameTemplate` keeps the raw form for them.
 */
export const SINGLE_STREAM_RENDITION = 1;

export function streamKeyFor(entry: KalturaLiveStreamEntry, rendition = SINGLE_STREAM_RENDITION): string {
	const template = entry.streamName && entry.streamName !== '' ? entry.streamName : `${entry.id}_%i`;
	return template.replace(/%i/g, String(rendition));
}

export interface RtmpEndpoint {
	/** What OBS calls "Server": the broadcasting URL as Kaltura gives it, token included. */
	serverUrl: string;
	/** What OBS calls "Stream Key". */
	streamKey: string;
	/** Server URL and key in one, for encoders (ffmpeg, some hardware) that take a single URL. */
	fullUrl: string;
}

/**
 * Kaltura's RTMP URL ends with the application and its query (`…/kLive/?p=…&e=…&i=0&t=…`);
 * the stream name follows after a slash, so the single-URL form is `<serverUrl>/<streamKey>`.
 */
export function rtmpEndpoint(url: string | undefined, streamKey: string): RtmpEndpoint | undefined {
	if (!url) return undefined;
	return { serverUrl: url, streamKey, fullUrl: `${url.replace(/\/+$/, '')}/${streamKey}` };
}

export interface SrtEndpoint {
	/** `srt://host:port`, for encoders with separate URL and stream ID fields. */
	url: string;
	/** Kaltura's SRT stream ID (`#:::e=<entryId>,st=0,p=<token>`). */
	streamId: string;
	/** One URL with `streamid` (and `passphrase` when set) as query parameters, URL-encoded. */
	fullUrl: string;
}

export function srtEndpoint(
	url: string | undefined,
	streamId: string | undefined,
	passphrase?: string,
): SrtEndpoint | undefined {
	if (!url || !streamId) return undefined;
	const query = [`streamid=${encodeURIComponent(streamId)}`];
	if (passphrase) query.push(`passphrase=${encodeURIComponent(passphrase)}`);
	return { url, streamId, fullUrl: `${url}?${query.join('&')}` };
}

function pair<T>(primary: T | undefined, backup: T | undefined): IDataObject | undefined {
	if (!primary && !backup) return undefined;
	const out: IDataObject = {};
	if (primary) out.primary = primary as unknown as IDataObject;
	if (backup) out.backup = backup as unknown as IDataObject;
	return out;
}

/** Everything an encoder needs, grouped by protocol; protocols Kaltura did not return are left out. */
export function ingestEndpoints(entry: KalturaLiveStreamEntry): IDataObject {
	const streamKey = streamKeyFor(entry);
	const ingest: IDataObject = {};
	const rtmp = pair(
		rtmpEndpoint(entry.primaryBroadcastingUrl, streamKey),
		rtmpEndpoint(entry.secondaryBroadcastingUrl, streamKey),
	);
	if (rtmp) ingest.rtmp = rtmp;
	const rtmps = pair(
		rtmpEndpoint(entry.primarySecuredBroadcastingUrl, streamKey),
		rtmpEndpoint(entry.secondarySecuredBroadcastingUrl, streamKey),
	);
	if (rtmps) ingest.rtmps = rtmps;
	const passphrase = entry.srtPass && entry.srtPass !== '' ? entry.srtPass : undefined;
	const srt = pair(
		srtEndpoint(entry.primarySrtBroadcastingUrl, entry.primarySrtStreamId, passphrase),
		srtEndpoint(entry.secondarySrtBroadcastingUrl, entry.secondarySrtStreamId, passphrase),
	);
	if (srt) {
		if (passphrase) srt.passphrase = passphrase;
		ingest.srt = srt;
	}
	return ingest;
}

/**
 * The HLS playback address (Kaltura's playManifest). It carries no session, so it is safe to
 * hand out; viewers see the stream once it is live (and, in preview mode, once it is public).
 */
export function playbackUrl(serviceUrl: string, partnerId: number, entryId: string): string {
	const base = serviceUrl.replace(/\/+$/, '');
	const protocol = base.startsWith('https:') ? 'https' : 'http';
	return `${base}/p/${partnerId}/sp/${partnerId}00/playManifest/entryId/${encodeURIComponent(entryId)}/protocol/${protocol}/format/applehttp/a.m3u8`;
}

/** The broadcast fields exactly as Kaltura returned them, for power users and debugging. */
const RAW_BROADCAST_FIELDS = [
	'streamName',
	'streamPassword',
	'primaryBroadcastingUrl',
	'secondaryBroadcastingUrl',
	'primarySecuredBroadcastingUrl',
	'secondarySecuredBroadcastingUrl',
	'primaryRtspBroadcastingUrl',
	'secondaryRtspBroadcastingUrl',
	'primarySrtBroadcastingUrl',
	'secondarySrtBroadcastingUrl',
	'primarySrtStreamId',
	'secondarySrtStreamId',
	'srtPass',
	'hlsStreamUrl',
] as const;

export function rawBroadcastFields(entry: KalturaLiveStreamEntry): IDataObject {
	const raw: IDataObject = {};
	for (const field of RAW_BROADCAST_FIELDS) {
		const value = entry[field];
		if (value !== undefined && value !== null && value !== '') raw[field] = value as string;
	}
	return raw;
}
