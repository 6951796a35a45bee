/** The chunked upload engine, shared by every node that sends bytes to Kaltura. */
export {
	uploadFile,
	forgetCompletedUpload,
	DEFAULT_CHUNK_SIZE,
	DEFAULT_CONCURRENCY,
	MAX_CONCURRENCY,
	KALTURA_MIN_CHUNK_SIZE,
} from './chunkedUpload';
export { binaryUploadSource, binaryFileName, isFileValue, STREAM_READ_SIZE } from './binarySource';
export { UploadError, EMPTY_FILE_MESSAGE } from './uploadError';
export type { UploadOptions, UploadReport, UploadSource, UploadProgress, AdaptiveChunkSettings } from './types';
