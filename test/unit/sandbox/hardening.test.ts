/**
 * The sandbox as npm start's Kaltura must hold up to hostile or broken requests: parameter names
 * that reach JavaScript's object machinery are refused in every encoding (and nothing leaks into
 * later requests), methods the API does not take are refused, broken bodies get Kaltura-style
 * answers, malformed hook bodies a 400, and a client that goes away is not a stack trace.
 */
import * as http from 'http';

import { KalturaClient } from '../../../nodes/kaltura/client/client';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs } from '../../helpers/kalturaHttp';
import { postHttp } from '../../helpers/postHttp';

let sandbox: Sandbox;
let ks: string;

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});
afterAll(async () => {
	await sandbox.close();
});

async function send(
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
	const res = await fetch(`${sandbox.url}${path}`, {
		method: init.method ?? 'POST',
		headers: init.headers,
		body: init.body,
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return {
		status: res.status,
		text,
		json: json as { code?: string; message?: string; objectType?: string } | undefined,
	};
}

/** A protected call without a KS: must stay SERVICE_FORBIDDEN whatever came before. */
async function listWithoutKs() {
	return (
		await send('/api_v3/service/media/action/list', {
			headers: { 'Content-Type': 'application/json' },
			body: '{"format":1}',
		})
	).json;
}

describe('parameter names that reach the object machinery', () => {
	const attempts: Array<[string, () => ReturnType<typeof send>]> = [
		['query __proto__[ks]', () => send(`/api_v3/service/media/action/list?format=1&__proto__[ks]=${ks}`)],
		['query __proto__:ks', () => send(`/api_v3/service/media/action/list?format=1&__proto__:ks=${ks}`)],
		[
			'query constructor[prototype][ks]',
			() => send(`/api_v3/service/media/action/list?format=1&constructor[prototype][ks]=${ks}`),
		],
		[
			'form body __proto__:ks',
			() =>
				send('/api_v3/service/media/action/list', {
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: `format=1&__proto__:ks=${encodeURIComponent(ks)}`,
				}),
		],
		[
			'JSON body __proto__',
			() =>
				send('/api_v3/service/media/action/list', {
					headers: { 'Content-Type': 'application/json' },
					body: `{"format":1,"__proto__":{"ks":"${ks}"}}`,
				}),
		],
		[
			'JSON body nested prototype',
			() =>
				send('/api_v3/service/media/action/list', {
					headers: { 'Content-Type': 'application/json' },
					body: `{"format":1,"filter":{"constructor":{"prototype":{"ks":"${ks}"}}}}`,
				}),
		],
		['path /__proto__/x', () => send(`/api_v3/service/media/action/list/format/1/__proto__/x`)],
		[
			'multipart json part',
			() => {
				const boundary = 'b0undary';
				const body = `--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n\r\n{"format":1,"__proto__":{"ks":"${ks}"}}\r\n--${boundary}--\r\n`;
				return send('/api_v3/service/media/action/list', {
					headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
					body,
				});
			},
		],
	];

	it.each(attempts)('%s is refused, and later requests without a KS stay unauthenticated', async (_label, attempt) => {
		const answer = await attempt();
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ objectType: 'KalturaAPIException', code: 'INVALID_PARAMETER_CHAR' });
		expect(({} as Record<string, unknown>).ks).toBeUndefined();
		expect(await listWithoutKs()).toMatchObject({ code: 'SERVICE_FORBIDDEN' });
	});

	it('our client sends such a key as data and gets the refusal, never a session it did not sign', async () => {
		const client = new KalturaClient({
			credentials: {
				serviceUrl: sandbox.url,
				partnerId: sandbox.partnerId,
				authType: 'secret',
				secret: sandbox.adminSecret,
				sessionType: 2,
				sessionExpiry: 3600,
			},
			send: (request) => postHttp(request),
			sleep: async () => undefined,
		});
		const hostile = JSON.parse(`{"__proto__":{"ks":"${ks}"}}`) as Record<string, never>;
		await expect(client.call('media', 'list', { filter: hostile })).rejects.toMatchObject({
			code: 'INVALID_PARAMETER_CHAR',
		});
		expect(({} as Record<string, unknown>).ks).toBeUndefined();
	});
});

describe('requests the API does not take', () => {
	it.each(['PUT', 'DELETE', 'PATCH'])('%s is refused with 405 and the methods it takes', async (method) => {
		const res = await fetch(`${sandbox.url}/api_v3/service/media/action/list?format=1&ks=${ks}`, { method });
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
	});

	it('a multipart body without its closing boundary is a failed upload, as PHP sees it', async () => {
		const boundary = 'cut';
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n\r\n{"format":1,"ks":"${ks}"}\r\n--${boundary}\r\nContent-Disposition: form-data; name="fileData"; filename="a.mp4"\r\n\r\nhalf a file`;
		const answer = await send('/api_v3/service/uploadtoken/action/upload', {
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			body,
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			objectType: 'KalturaAPIException',
			code: 'UPLOAD_ERROR',
			message: 'Upload failed',
		});
	});

	it('a JSON body over the in-memory limit gets 413 with a Kaltura-style error', async () => {
		const body = Buffer.concat([
			Buffer.from('{"format":1,"pad":"'),
			Buffer.alloc(65 * 1024 * 1024, 'a'),
			Buffer.from('"}'),
		]);
		// On a connection of its own: a pooled one may be closed by the server's keep-alive timeout
		// just as this long request starts on it (a race of the client's pool, not of the sandbox).
		const answer = await postHttp(
			{
				url: `${sandbox.url}/api_v3/service/system/action/ping`,
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body,
			},
			{ agent: new http.Agent({ keepAlive: false }) },
		);
		expect(answer.statusCode).toBe(413);
		expect(JSON.parse(String(answer.body))).toMatchObject({
			objectType: 'KalturaAPIException',
			code: 'INTERNAL_SERVER_ERROR',
			message: expect.stringContaining('over 64 MiB'),
		});
	});

	it('a malformed body to the fault hook gets 400 and what is wrong', async () => {
		const answer = await send('/__sandbox/faults', {
			headers: { 'Content-Type': 'application/json' },
			body: '{"latencyMs": ',
		});
		expect(answer.status).toBe(400);
		expect(answer.json).toMatchObject({ error: expect.stringMatching(/^the request body is not JSON/) });
	});
});

describe('what the sandbox prints', () => {
	it('says nothing when a client goes away mid-request, and --verbose prints a line per request', async () => {
		const verbose = await startSandbox({ processingMs: 50, verbose: true });
		const lines: string[] = [];
		const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			lines.push(String(chunk));
			return true;
		});
		try {
			await send('/__sandbox/health').catch(() => undefined);
			await fetch(`${verbose.url}/__sandbox/health`);
			await new Promise<void>((resolve) => {
				const req = http.request(`${verbose.url}/api_v3/service/uploadtoken/action/upload`, {
					method: 'POST',
					headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': '100000' },
				});
				req.on('error', () => resolve());
				req.write('--x\r\nContent-Disposition: form-data; name="fileData"; filename="a"\r\n\r\npartial');
				setTimeout(() => {
					req.destroy();
					resolve();
				}, 100);
			});
			const deadline = Date.now() + 5000;
			while (!lines.some((l) => /went away/.test(l)) && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 20));
		} finally {
			spy.mockRestore();
			await verbose.close();
		}
		expect(lines.some((l) => /^GET \/__sandbox\/health → 200 \(\d+ ms\)\n$/.test(l))).toBe(true);
		expect(
			lines.some((l) => /^POST \/api_v3\/service\/uploadtoken\/action\/upload: the client went away\n$/.test(l)),
		).toBe(true);
		expect(lines.join('')).not.toMatch(/request failed|\n\s+at /);
	});
});
