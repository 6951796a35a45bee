import type { KalturaClient } from '../client/client';
import { KalturaUploadTokenStatus } from '../client/enums';
import type { KalturaListResponse, KalturaUploadToken } from '../client/types';
import { listMarkers, type ResumeMarker } from './resumeMarkers';
import { getUploadToken, heldBytes, tokenStatusName } from './tokenCalls';
import { UploadError } from './uploadError';

/** Where an upload can continue, still to be confirmed by hashing bytes [0, marker.offset). */
export interface ResumePlan {
	token: KalturaUploadToken;
	/**
	 * The marker to continue from; absent when the token holds nothing yet (upload it all). On a
	 * complete token it covers the whole file: nothing is sent once the file matches it.
	 */
	marker?: ResumeMarker;
	/** The token holds the whole file already (FULL_UPLOAD). */
	complete: boolean;
	/** Bytes Kaltura holds contiguously now. */
	held: number;
	/** Every marker of the token, deleted once the upload completes. */
	markerIds: string[];
	/** Given by the user: a failed check is then an error, not a reason to start afresh. */
	explicit: boolean;
}

/** Candidates looked at when searching for a partial upload of the same file. */
const MAX_CANDIDATES = 10;

/** The usable marker closest to what Kaltura holds: it saves the most bytes. */
function bestMarker(markers: ResumeMarker[], held: number, size: number): ResumeMarker | undefined {
	return markers.filter((m) => m.offset <= held && m.offset < size).sort((a, b) => b.offset - a.offset)[0];
}

/** On a complete token: the marker that vouches for the whole file, if one was left. */
function completionMarker(markers: ResumeMarker[], size: number): ResumeMarker | undefined {
	return markers.find((m) => m.offset === size);
}

function isFull(token: KalturaUploadToken, size: number): boolean {
	return Number(token.status) === KalturaUploadTokenStatus.FULL_UPLOAD && heldBytes(token) === size;
}

/**
 * The user named an upload token to continue. It must still take data and be meant for a file
 * of this size; if it holds bytes, one of our markers must vouch for them (checked against the
 * file's own bytes before anything is sent). A token filled by another tool cannot be verified,
 * so it is refused rather than risk appending this file to someone else's bytes.
 */
export async function planExplicitResume(
	client: KalturaClient,
	uploadTokenId: string,
	size: number,
): Promise<ResumePlan> {
	const token = await getUploadToken(client, uploadTokenId);
	const status = Number(token.status);
	const complete = isFull(token, size);
	if (!complete && status !== KalturaUploadTokenStatus.PENDING && status !== KalturaUploadTokenStatus.PARTIAL_UPLOAD) {
		throw new UploadError(
			`Upload token ${uploadTokenId} is ${tokenStatusName(status)} and takes no more data. Clear "Resume Upload Token ID" to start a new upload.`,
		);
	}
	if (token.fileSize !== undefined && token.fileSize !== null && Number(token.fileSize) !== size) {
		throw new UploadError(
			`Upload token ${uploadTokenId} was created for a file of ${token.fileSize} bytes, but this file has ${size} bytes: it belongs to another file.`,
		);
	}
	const held = heldBytes(token);
	const markers = (await listMarkers(client, [token.id])).get(token.id) ?? [];
	const markerIds = markers.map((m) => m.markerId);
	if (complete) {
		const marker = completionMarker(markers, size);
		if (!marker) {
			throw new UploadError(
				`Upload token ${uploadTokenId} is complete, but nothing shows that it holds this file (no resume marker from this node). Clear "Resume Upload Token ID" to start a new upload.`,
			);
		}
		return { token, marker, held, markerIds, explicit: true, complete };
	}
	if (held === 0) return { token, held, markerIds, explicit: true, complete };
	const marker = bestMarker(markers, held, size);
	if (!marker) {
		throw new UploadError(
			`Upload token ${uploadTokenId} already holds ${held} bytes that cannot be verified as the start of this file (no resume marker from this node). Clear "Resume Upload Token ID" to start a new upload.`,
		);
	}
	return { token, marker, held, markerIds, explicit: true, complete };
}

/**
 * Looks for an upload of a file with this name and size that one of our earlier runs left
 * behind, newest first: a complete one (whose use failed) or a partial one, and picks the one
 * that would save the most bytes.
 */
export async function planAutomaticResume(
	client: KalturaClient,
	fileName: string,
	size: number,
): Promise<ResumePlan | undefined> {
	const page = await client.call<KalturaListResponse<KalturaUploadToken>>('uploadToken', 'list', {
		filter: {
			objectType: 'KalturaUploadTokenFilter',
			fileNameEqual: fileName,
			fileSizeEqual: size,
			statusIn: `${KalturaUploadTokenStatus.PARTIAL_UPLOAD},${KalturaUploadTokenStatus.FULL_UPLOAD}`,
			orderBy: '-createdAt',
		},
		pager: { objectType: 'KalturaFilterPager', pageSize: MAX_CANDIDATES, pageIndex: 1 },
	});
	const candidates = (page.objects ?? []).filter(
		(t) =>
			(isFull(t, size) || Number(t.status) === KalturaUploadTokenStatus.PARTIAL_UPLOAD) &&
			t.fileName === fileName &&
			Number(t.fileSize) === size &&
			heldBytes(t) > 0,
	);
	if (candidates.length === 0) return undefined;
	const markers = await listMarkers(
		client,
		candidates.map((t) => t.id),
	);
	let best: ResumePlan | undefined;
	for (const token of candidates) {
		const held = heldBytes(token);
		const tokenMarkers = markers.get(token.id) ?? [];
		const complete = isFull(token, size);
		const marker = complete ? completionMarker(tokenMarkers, size) : bestMarker(tokenMarkers, held, size);
		if (!marker || (best?.marker && best.marker.offset >= marker.offset)) continue;
		best = { token, marker, held, markerIds: tokenMarkers.map((m) => m.markerId), explicit: false, complete };
	}
	return best;
}
