import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import type { ByteChunk, UploadSource } from './types';

/** A name Kaltura can take an extension from, even when n8n has none for the file. */
export function binaryFileName(binary: IBinaryData): string {
	const name = typeof binary.fileName === 'string' ? binary.fileName.trim() : '';
	if (name !== '') return name;
	const extension = typeof binary.fileExtension === 'string' ? binary.fileExtension.trim() : '';
	return extension !== '' ? `file.${extension}` : 'file';
}

async function* slices(buffer: Buffer, size: number): AsyncIterable<ByteChunk> {
	for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
}

/**
 * Size of the pieces asked from n8n's binary stream. The engine copies them into reused chunk
 * buffers; small pieces keep the stream's own buffering (and allocations) small.
 */
export const STREAM_READ_SIZE = 1024 * 1024;

/**
 * The item's binary property as an upload source. Files n8n keeps outside the item (filesystem,
 * S3, database modes: the binary has an `id`) are streamed with getBinaryStream and never loaded
 * whole; only the small in-memory mode decodes the base64 the item already carries.
 */
export async function binaryUploadSource(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	readSize: number = STREAM_READ_SIZE,
): Promise<{ source: UploadSource; binary: IBinaryData }> {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = binaryFileName(binary);
	const mimeType = binary.mimeType;
	const id = binary.id;
	if (typeof id === 'string' && id !== '') {
		const metadata = await context.helpers.getBinaryMetadata(id);
		const size = Number(metadata.fileSize ?? binary.bytes ?? 0);
		return {
			binary,
			source: {
				size,
				fileName,
				mimeType,
				open: async () => (await context.helpers.getBinaryStream(id, readSize)) as AsyncIterable<ByteChunk>,
			},
		};
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	return {
		binary,
		source: { size: buffer.length, fileName, mimeType, open: async () => slices(buffer, readSize) },
	};
}
