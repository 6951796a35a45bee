import type { CallOptions, KalturaClient } from '../client/client';
import { KalturaUploadTokenStatus } from '../client/enums';
import type { KalturaUploadToken } from '../client/types';

/** uploadToken.add for a file of known name and size (Kaltura takes the extension from the name). */
export async function addUploadToken(
	client: KalturaClient,
	fileName: string,
	fileSize: number,
): Promise<KalturaUploadToken> {
	return await client.call<KalturaUploadToken>('uploadToken', 'add', {
		uploadToken: { objectType: 'KalturaUploadToken', fileName, fileSize },
	});
}

export async function getUploadToken(client: KalturaClient, uploadTokenId: string): Promise<KalturaUploadToken> {
	return await client.call<KalturaUploadToken>('uploadToken', 'get', { uploadTokenId });
}

export interface ChunkCall {
	uploadTokenId: string;
	data: Buffer;
	/** A buffer around `data` with room for the multipart framing (see FilePart.frame). */
	frame?: Buffer;
	/** The name on the multipart part: Kaltura refuses parts without one. */
	fileName: string;
	mimeType?: string;
	/** false: the data replaces whatever the token holds (the first chunk, or a whole small file). */
	resume: boolean;
	/** Byte offset of the data in the file. */
	resumeAt: number;
	finalChunk: boolean;
}

/**
 * One uploadToken.upload request. Sending the same bytes at the same offset again is harmless,
 * so the call is marked idempotent: the client retries it after network errors and 5xx answers,
 * re-sending the same Buffer.
 */
export async function uploadChunk(
	client: KalturaClient,
	chunk: ChunkCall,
	options: Pick<CallOptions, 'retry' | 'onRetry' | 'timeoutMs'>,
): Promise<KalturaUploadToken> {
	return await client.call<KalturaUploadToken>(
		'uploadToken',
		'upload',
		{
			uploadTokenId: chunk.uploadTokenId,
			resume: chunk.resume,
			resumeAt: chunk.resumeAt,
			finalChunk: chunk.finalChunk,
		},
		{
			...options,
			idempotent: true,
			files: [
				{
					field: 'fileData',
					fileName: chunk.fileName,
					data: chunk.data,
					frame: chunk.frame,
					contentType: 'application/octet-stream',
				},
			],
		},
	);
}

/** Kaltura's answer says how much it holds; absent means nothing yet. */
export function heldBytes(token: KalturaUploadToken): number {
	const held = Number(token.uploadedFileSize ?? 0);
	return Number.isFinite(held) && held > 0 ? held : 0;
}

export function isComplete(token: KalturaUploadToken, size: number): boolean {
	return Number(token.status) === KalturaUploadTokenStatus.FULL_UPLOAD && heldBytes(token) === size;
}

const STATUS_NAMES: Record<number, string> = Object.fromEntries(
	Object.entries(KalturaUploadTokenStatus).map(([name, value]) => [value, name]),
);

export function tokenStatusName(status: unknown): string {
	return STATUS_NAMES[Number(status)] ?? String(status);
}
