import { KalturaMediaType } from '../client/enums';

const VIDEO_EXTENSIONS = new Set([
	'mp4',
	'm4v',
	'mov',
	'qt',
	'avi',
	'wmv',
	'flv',
	'mkv',
	'webm',
	'mpg',
	'mpeg',
	'mpe',
	'm2v',
	'ts',
	'mts',
	'm2ts',
	'3gp',
	'3g2',
	'mxf',
	'ogv',
	'vob',
	'f4v',
	'asf',
	'divx',
	'dv',
]);
const AUDIO_EXTENSIONS = new Set([
	'mp3',
	'wav',
	'aac',
	'm4a',
	'flac',
	'ogg',
	'oga',
	'opus',
	'wma',
	'aif',
	'aiff',
	'amr',
	'ac3',
	'mka',
]);
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'svg']);

/** `Movie.MP4?x=1` → `mp4`. */
export function extensionOf(nameOrPath: string): string | undefined {
	const clean = nameOrPath.split(/[?#]/)[0];
	const last = clean.split('/').pop() ?? '';
	const dot = last.lastIndexOf('.');
	return dot > 0 && dot < last.length - 1 ? last.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Guesses Kaltura's media type from a MIME type and/or a file name; undefined when unsure,
 * in which case Kaltura decides from the content itself.
 */
export function guessMediaType(mimeType?: string, fileName?: string): number | undefined {
	const mime = (mimeType ?? '').toLowerCase();
	if (mime.startsWith('video/')) return KalturaMediaType.VIDEO;
	if (mime.startsWith('audio/')) return KalturaMediaType.AUDIO;
	if (mime.startsWith('image/')) return KalturaMediaType.IMAGE;
	const extension = fileName ? extensionOf(fileName) : undefined;
	if (!extension) return undefined;
	if (VIDEO_EXTENSIONS.has(extension)) return KalturaMediaType.VIDEO;
	if (AUDIO_EXTENSIONS.has(extension)) return KalturaMediaType.AUDIO;
	if (IMAGE_EXTENSIONS.has(extension)) return KalturaMediaType.IMAGE;
	return undefined;
}
