import { randomBytes } from 'crypto';

export interface FilePart {
	/** The form field name: Kaltura names it after the action parameter (`fileData`, `csvFileData`). */
	field: string;
	/** Kaltura refuses file parts without a file name (UPLOAD_ERROR), so one is always sent. */
	fileName: string;
	data: Buffer;
	contentType?: string;
	/**
	 * A buffer that holds `data` with at least MULTIPART_HEADROOM free bytes before it and
	 * MULTIPART_TAILROOM after it. The body is then written around the data in place: for upload
	 * chunks this saves a chunk-sized allocation and copy per request (and per retry).
	 */
	frame?: Buffer;
}

/** Free bytes to leave before the data in a frame: the json part (with the KS) and part headers. */
export const MULTIPART_HEADROOM = 16 * 1024;
/** Free bytes to leave after the data in a frame: the closing boundary. */
export const MULTIPART_TAILROOM = 256;

export interface MultipartBody {
	contentType: string;
	body: Buffer;
}

/** Keeps a file name usable inside a quoted Content-Disposition value. */
function safeFileName(name: string): string {
	const cleaned = name.replace(/["\r\n\\]/g, '_').trim();
	return cleaned === '' ? 'file' : cleaned;
}

/**
 * Builds a multipart/form-data body as one Buffer: a `json` field with the action parameters
 * (how the official Node client sends them) followed by the file parts. A Buffer can be sent again
 * unchanged when a retry is needed, and n8n's HTTP helper needs no form-data dependency for it.
 */
export function buildMultipart(json: string, files: FilePart[]): MultipartBody {
	const boundary = `----n8nKaltura${randomBytes(12).toString('hex')}`;
	const contentType = `multipart/form-data; boundary=${boundary}`;
	const jsonPart = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n` +
			`Content-Type: application/json\r\n\r\n${json}\r\n`,
		'utf8',
	);
	const fileHead = (file: FilePart): Buffer =>
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; ` +
				`filename="${safeFileName(file.fileName)}"\r\n` +
				`Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
			'utf8',
		);
	const closing = Buffer.from(`--${boundary}--\r\n`, 'utf8');

	if (files.length === 1 && files[0].frame) {
		const head = Buffer.concat([jsonPart, fileHead(files[0])]);
		const tail = Buffer.concat([Buffer.from('\r\n', 'utf8'), closing]);
		const inPlace = writeAroundInFrame(files[0].frame, files[0].data, head, tail);
		if (inPlace) return { contentType, body: inPlace };
	}

	const parts: Buffer[] = [jsonPart];
	for (const file of files) parts.push(fileHead(file), file.data, Buffer.from('\r\n', 'utf8'));
	parts.push(closing);
	return { contentType, body: Buffer.concat(parts) };
}

/** Writes head and tail around `data` inside `frame`; undefined when they do not fit. */
function writeAroundInFrame(frame: Buffer, data: Buffer, head: Buffer, tail: Buffer): Buffer | undefined {
	if (frame.buffer !== data.buffer) return undefined;
	const dataStart = data.byteOffset - frame.byteOffset;
	const dataEnd = dataStart + data.length;
	if (dataStart < head.length || dataEnd + tail.length > frame.length) return undefined;
	head.copy(frame, dataStart - head.length);
	tail.copy(frame, dataEnd);
	return frame.subarray(dataStart - head.length, dataEnd + tail.length);
}
