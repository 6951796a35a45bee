/**
 * Kaltura entry IDs and the page addresses that contain them. An entry ID is the data-centre
 * number, an underscore and eight lower-case letters or digits: `1_abcd1234`.
 */
export const ENTRY_ID_PATTERN = '[0-9]+_[a-z0-9]{8}';

const WHOLE_ID = new RegExp(`^${ENTRY_ID_PATTERN}$`);
const ID_IN_TEXT = new RegExp(`(?:^|[^a-z0-9_])(${ENTRY_ID_PATTERN})(?![a-z0-9_])`, 'g');
/** Path words and query keys that come right before an entry ID in Kaltura's own addresses. */
const ENTRY_MARKERS = new Set(['entry', 'entryid', 'entry_id', 'media', 'edit', 't']);
const ENTRY_QUERY_KEYS = ['entry_id', 'entryId', 'entryid', 'id'];

export function isEntryId(value: string): boolean {
	return WHOLE_ID.test(value);
}

export type EntryUrlParse = { ok: true; entryId: string } | { ok: false; message: string };

function idsIn(text: string): string[] {
	return [...text.matchAll(ID_IN_TEXT)].map((m) => m[1]);
}

/**
 * The entry ID in a Kaltura page address: the KMC (`…/kmcng/content/entries/entry/1_abcd1234/…`),
 * a MediaSpace (KMS) or KAF media page (`…/media/Title/1_abcd1234`, `…/media/entryid/1_abcd1234`),
 * or a player or playManifest address (`entry_id=1_abcd1234`, `/entryId/1_abcd1234/`).
 */
export function entryIdFromUrl(raw: string): EntryUrlParse {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return { ok: false, message: `"${shorten(raw)}" is not a URL` };
	}
	for (const key of ENTRY_QUERY_KEYS) {
		const value = url.searchParams.get(key);
		if (value && isEntryId(value)) return { ok: true, entryId: value };
	}
	const segments = url.pathname.split('/').map(safeDecode);
	const found = new Set<string>();
	for (let i = 0; i < segments.length; i++) {
		if (!isEntryId(segments[i])) continue;
		// Right after a word that names it (…/entry/1_x, …/entryid/1_x, …/media/Title/1_x): that one.
		if (i > 0 && ENTRY_MARKERS.has(segments[i - 1].toLowerCase())) return { ok: true, entryId: segments[i] };
		found.add(segments[i]);
	}
	for (const value of url.searchParams.values()) for (const id of idsIn(value)) found.add(id);
	// The KMC keeps its page in the fragment (…/kmc4#content|manage|1_abcd1234).
	for (const id of idsIn(safeDecode(url.hash))) found.add(id);
	if (found.size === 1) return { ok: true, entryId: [...found][0] };
	if (found.size > 1) {
		return {
			ok: false,
			message: `The URL holds several entry IDs (${[...found].join(', ')}); use By ID to choose one`,
		};
	}
	return { ok: false, message: `No Kaltura entry ID (like 1_abcd1234) in the URL "${shorten(raw)}"` };
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function shorten(text: string): string {
	return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
