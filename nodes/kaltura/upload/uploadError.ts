/**
 * A problem with the file or the upload itself (not a Kaltura or network failure): empty or
 * wrongly sized input, a token that belongs to another file, bytes Kaltura did not keep.
 * Nodes show its message as is (toNodeError turns it into a NodeOperationError).
 */
export class UploadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UploadError';
	}
}

export const EMPTY_FILE_MESSAGE =
	'The file is empty (0 bytes). Kaltura cannot ingest an empty file; check the step that produced it.';
