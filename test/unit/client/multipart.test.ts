import { buildMultipart, MULTIPART_HEADROOM, MULTIPART_TAILROOM } from '../../../nodes/kaltura/client/multipart';

function withoutBoundary(body: Buffer, contentType: string): string {
	const boundary = /boundary=(.+)$/.exec(contentType)![1];
	return body.toString('latin1').split(boundary).join('BOUNDARY');
}

describe('buildMultipart', () => {
	const json = JSON.stringify({ format: 1, ks: 'x'.repeat(400), uploadTokenId: '0_abc' });
	const data = Buffer.from('chunk bytes \u0000\u00ff and more', 'latin1');

	it('writes the framing around data inside its frame, without copying the data', () => {
		const frame = Buffer.alloc(MULTIPART_HEADROOM + data.length + MULTIPART_TAILROOM, 0x2a);
		const inFrame = frame.subarray(MULTIPART_HEADROOM, MULTIPART_HEADROOM + data.length);
		data.copy(inFrame);
		const framed = buildMultipart(json, [{ field: 'fileData', fileName: 'a.mp4', data: inFrame, frame }]);
		const copied = buildMultipart(json, [{ field: 'fileData', fileName: 'a.mp4', data }]);

		expect(framed.body.buffer).toBe(frame.buffer);
		expect(withoutBoundary(framed.body, framed.contentType)).toBe(withoutBoundary(copied.body, copied.contentType));
	});

	it('falls back to a copy when the frame has no room for the framing', () => {
		const frame = Buffer.alloc(data.length + 8);
		const inFrame = frame.subarray(4, 4 + data.length);
		data.copy(inFrame);
		const framed = buildMultipart(json, [{ field: 'fileData', fileName: 'a.mp4', data: inFrame, frame }]);
		const copied = buildMultipart(json, [{ field: 'fileData', fileName: 'a.mp4', data }]);
		expect(framed.body.buffer).not.toBe(frame.buffer);
		expect(withoutBoundary(framed.body, framed.contentType)).toBe(withoutBoundary(copied.body, copied.contentType));
	});
});
