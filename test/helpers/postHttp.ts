import http from 'http';

import type { HttpRequest, HttpResponse } from '../../nodes/kaltura/client/client';

/**
 * The Kaltura client's `send` over Node's own http module, for tests and benchmarks that run
 * the client outside n8n. The body is written in one piece, as n8n's HTTP helper would.
 */
export function postHttp(
	request: HttpRequest,
	options: { agent?: http.Agent; signal?: AbortSignal } = {},
): Promise<HttpResponse> {
	const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
	return new Promise((resolve, reject) => {
		const req = http.request(
			new URL(request.url),
			{
				method: 'POST',
				agent: options.agent,
				signal: options.signal,
				headers: { ...request.headers, 'Content-Length': String(body.length) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('error', reject);
				res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}
