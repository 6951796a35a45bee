import { randomBytes } from 'crypto';

export interface FilePart {
	/** The form field name: Kaltura names it after the action parameter (`fileData`, `csvFileData`). */
	field: string;
	/** Kaltura refuses file parts without a file name (UPLOAD_ERROR), so one is always sent. */
	fileName: string;
	data: Buffer;
	contentType?: string;
}

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
	const parts: Buffer[] = [
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n` +
				`Content-Type: application/json\r\n\r\n${json}\r\n`,
			'utf8',
		),
	];
	for (const file of files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; ` +
					`filename="${safeFileName(file.fileName)}"\r\n` +
					`Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
