import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

import { describeValue } from '../runner/parameterValues';

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

/** A value that is a file as n8n passes them: base64 `data` in the item, or an `id` in n8n's binary store. */
export function isFileValue(value: unknown): value is IBinaryData {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const { data, id } = value as { data?: unknown; id?: unknown };
	return typeof data === 'string' || (typeof id === 'string' && id !== '');
}

/**
 * n8n checks that the item has the binary field, not what it holds. A Code or Set node can put
 * text or any object there; read as a file it would fail deep inside Node with a message about
 * Buffers. Say what the field holds instead.
 */
function fileIn(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): IBinaryData {
	if (isFileValue(value)) return value;
	throw new NodeOperationError(
		context.getNode(),
		`The binary field "${field}" holds ${describeValue(value)}, not a file`,
		{
			itemIndex,
			description:
				"Input Binary Field must name a file that an earlier node read or downloaded (e.g. Read/Write Files from Disk, HTTP Request with Response Format File, Google Drive Download). Text in the item's JSON is not a file: turn it into one with the Convert to File node.",
		},
	);
}

/**
 * Size of the pieces asked from n8n's binary stream. The engine copies them into reused chunk
 * buffers; small pieces keep the stream's own buffering (and allocations) small.
 */
export const STREAM_READ_SIZE = 1024 * 1024;

/**
 * The item's binary field (or a file value an expression returned) as an upload source. Files n8n keeps outside the item (filesystem,
 * S3, database modes: the binary has an `id`) are streamed with getBinaryStream and never loaded
 * whole; only the small in-memory mode decodes the base64 the item already carries.
 */
export async function binaryUploadSource(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string | IBinaryData,
	readSize: number = STREAM_READ_SIZE,
): Promise<{ source: UploadSource; binary: IBinaryData }> {
	// An expression may hand over the file itself ({{ $binary.data }}) instead of its field name.
	const binary =
		typeof field === 'string'
			? fileIn(context, itemIndex, field, context.helpers.assertBinaryData(itemIndex, field))
			: field;
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
