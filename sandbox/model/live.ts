/**
 * Fabricated live ingest/playback endpoints with the shapes of kBroadcastUrlManager.
 * Hostnames live under `kpublish.sandbox.kaltura.invalid`: `.invalid` can never resolve,
 * so nothing can accidentally stream to a real Kaltura host from a test.
 */
import * as crypto from 'crypto';
import type { EntryRecord } from '../store/types';

export const LIVE_DOMAIN = 'kpublish.sandbox.kaltura.invalid';
/** Source types whose ingest Kaltura hosts itself (URLs + stream token). */
export const KALTURA_LIVE_SOURCES = ['32', '42'];

export function newStreamPassword(): string {
	return crypto.createHash('sha1').update(crypto.randomBytes(16)).digest('hex').slice(0, 8);
}

function host(entryId: string, primary: boolean): string {
	return `${entryId}.${primary ? 'p' : 'b'}.${LIVE_DOMAIN}`;
}

/** Ingest + playback fields computed from the entry (never stored, so regeneration is trivial). */
export function liveUrls(e: EntryRecord, partnerId: number, baseUrl: string): Record<string, unknown> {
	if (!e.live) return {};
	const pw = e.live.streamPassword;
	const id = e.id;
	const out: Record<string, unknown> = {
		streamName: e.fields.streamName ?? `${id}_%i`,
		streamPassword: pw,
	};
	const playback = `${baseUrl}/p/${partnerId}/sp/${partnerId}00/playManifest/entryId/${id}`;
	out.hlsStreamUrl = e.fields.hlsStreamUrl ?? `${playback}/format/applehttp/protocol/http/a.m3u8`;
	out.liveStreamConfigurations = [
		{
			objectType: 'KalturaLiveStreamConfiguration',
			protocol: 'hls',
			url: `${playback}/format/applehttp/protocol/http/a.m3u8`,
		},
		{
			objectType: 'KalturaLiveStreamConfiguration',
			protocol: 'applehttp',
			url: `${playback}/format/applehttp/protocol/http/a.m3u8`,
		},
		{
			objectType: 'KalturaLiveStreamConfiguration',
			protocol: 'mpegdash',
			url: `${playback}/format/mpegdash/protocol/http/manifest.mpd`,
		},
	];
	if (!KALTURA_LIVE_SOURCES.includes(String(e.fields.sourceType))) return out;
	const q = (i: number): string => `?p=${partnerId}&e=${id}&i=${i}&t=${pw}`;
	out.primaryBroadcastingUrl = `rtmp://${host(id, true)}:1935/kLive/${q(0)}`;
	out.secondaryBroadcastingUrl = `rtmp://${host(id, false)}:1935/kLive/${q(1)}`;
	out.primarySecuredBroadcastingUrl = `rtmps://${host(id, true)}:443/kLive/${q(0)}`;
	out.secondarySecuredBroadcastingUrl = `rtmps://${host(id, false)}:443/kLive/${q(1)}`;
	out.primaryRtspBroadcastingUrl = `rtsp://${host(id, true)}:554/kLive/${id}_%i${q(0)}`;
	out.secondaryRtspBroadcastingUrl = `rtsp://${host(id, false)}:554/kLive/${id}_%i${q(1)}`;
	out.primarySrtBroadcastingUrl = `srt://${host(id, true)}:7045`;
	out.secondarySrtBroadcastingUrl = `srt://${host(id, false)}:7045`;
	const srtPass = e.fields.srtPass;
	// With an srtPass Kaltura puts an encrypted form in `ep=`; we use an opaque digest.
	const secret = (st: number): string =>
		typeof srtPass === 'string' && srtPass !== ''
			? `ep=${crypto.createHash('sha256').update(`${srtPass}|${id}|${st}`).digest('hex').slice(0, 32)}`
			: `p=${pw}`;
	out.primarySrtStreamId = `#:::e=${id},st=0,${secret(0)}`;
	out.secondarySrtStreamId = `#:::e=${id},st=1,${secret(1)}`;
	return out;
}
