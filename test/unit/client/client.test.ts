import type { HttpRequest, HttpResponse } from '../../../nodes/kaltura/client/client';
import { DEFAULT_CALL_TIMEOUT_MS, KalturaClient, multiRequestRef } from '../../../nodes/kaltura/client/client';
import type { KalturaCredentials } from '../../../nodes/kaltura/client/credentials';
import { KalturaApiError, KalturaTransportError } from '../../../nodes/kaltura/client/errors';
import { SessionCache } from '../../../nodes/kaltura/client/session';

const credentials: KalturaCredentials = {
	serviceUrl: 'https://kaltura.test',
	partnerId: 77,
	authType: 'secret',
	secret: 'admin-secret',
	sessionType: 2,
	sessionExpiry: 3600,
};

type Responder = (request: HttpRequest, body: Record<string, unknown> | undefined) => HttpResponse | Error;

function clientWith(responder: Responder, extra: Partial<ConstructorParameters<typeof KalturaClient>[0]> = {}) {
	const sent: Array<{ request: HttpRequest; body?: Record<string, unknown> }> = [];
	const sleeps: number[] = [];
	const client = new KalturaClient({
		credentials,
		sessionCache: new SessionCache(),
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 },
		send: async (request) => {
			const body = typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, unknown>) : undefined;
			sent.push({ request, body });
			const answer = responder(request, body);
			if (answer instanceof Error) throw answer;
			return answer;
		},
		...extra,
	});
	return { client, sent, sleeps };
}

const ok = (value: unknown): HttpResponse => ({ statusCode: 200, body: Buffer.from(JSON.stringify(value)) });
const apiError = (code: string, message: string, args: unknown = []) =>
	ok({ code, message, objectType: 'KalturaAPIException', args });

describe('KalturaClient', () => {
	it('posts JSON with format=1, a KS, clientTag and the exact content type', async () => {
		const { client, sent } = clientWith(() => ok({ objectType: 'KalturaMediaEntry', id: '0_abcdefgh', status: 2 }));
		const entry = await client.call<{ id: string }>('media', 'get', { entryId: '0_abcdefgh' });
		expect(entry.id).toBe('0_abcdefgh');
		expect(sent[0].request.url).toBe('https://kaltura.test/api_v3/service/media/action/get');
		expect(sent[0].request.headers['Content-Type']).toBe('application/json');
		expect(sent[0].body).toMatchObject({ format: 1, entryId: '0_abcdefgh', partnerId: 77 });
		expect(String(sent[0].body?.ks)).toMatch(/^djJ8/);
		expect(String(sent[0].body?.clientTag)).toContain('n8n-nodes-kaltura-ingestion');
	});

	it('maps a KalturaAPIException to KalturaApiError with code and args, and does not retry it', async () => {
		const { client, sent } = clientWith(() =>
			apiError('ENTRY_ID_NOT_FOUND', 'Entry id "0_zzz" not found', { ENTRY_ID: '0_zzz' }),
		);
		const error = await client.call('media', 'get', { entryId: '0_zzz' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KalturaApiError);
		expect((error as KalturaApiError).code).toBe('ENTRY_ID_NOT_FOUND');
		expect((error as KalturaApiError).args).toEqual({ ENTRY_ID: '0_zzz' });
		expect(sent).toHaveLength(1);
	});

	it('treats an empty PHP args array as no args', async () => {
		const { client } = clientWith(() => apiError('UPLOAD_TOKEN_NOT_FOUND', 'Upload token not found', []));
		const error = (await client
			.call('uploadToken', 'get', { uploadTokenId: 'x' })
			.catch((e: unknown) => e)) as KalturaApiError;
		expect(error.args).toEqual({});
	});

	it('retries a read call on HTTP 503 with growing, jittered pauses', async () => {
		let calls = 0;
		const { client, sent, sleeps } = clientWith(() =>
			++calls < 3
				? { statusCode: 503, body: 'busy' }
				: ok({ objectType: 'KalturaMediaListResponse', totalCount: 0, objects: [] }),
		);
		const retries: number[] = [];
		const result = await client.call<{ totalCount: number }>(
			'media',
			'list',
			{},
			{ onRetry: (r) => retries.push(r.attempt) },
		);
		expect(result.totalCount).toBe(0);
		expect(sent).toHaveLength(3);
		expect(retries).toEqual([1, 2]);
		const total = (ms: number[]) => ms.reduce((a, b) => a + b, 0);
		// first pause is 50–100 ms, second 100–200 ms (slept in slices of at most 250 ms)
		expect(total(sleeps)).toBeGreaterThanOrEqual(150);
		expect(total(sleeps)).toBeLessThanOrEqual(300);
	});

	it('gives up after the configured retries with a transport error carrying the status', async () => {
		const { client, sent } = clientWith(() => ({ statusCode: 502, body: 'bad gateway' }));
		const error = (await client.call('media', 'list').catch((e: unknown) => e)) as KalturaTransportError;
		expect(error).toBeInstanceOf(KalturaTransportError);
		expect(error.httpStatus).toBe(502);
		expect(sent).toHaveLength(4);
	});

	it('does not repeat a call that creates something once it may have reached the server', async () => {
		const { client, sent } = clientWith(() => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const error = (await client
			.call('media', 'add', { entry: { objectType: 'KalturaMediaEntry' } })
			.catch((e: unknown) => e)) as KalturaTransportError;
		expect(error).toBeInstanceOf(KalturaTransportError);
		expect(error.networkCode).toBe('ECONNRESET');
		expect(sent).toHaveLength(1);
	});

	it('repeats even a creating call when the connection was refused (nothing was sent)', async () => {
		let calls = 0;
		const { client, sent } = clientWith(() =>
			++calls === 1
				? Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
				: ok({ objectType: 'KalturaMediaEntry', id: '0_x', status: 7 }),
		);
		await client.call('media', 'add', { entry: { objectType: 'KalturaMediaEntry' } });
		expect(sent).toHaveLength(2);
	});

	it('renews an expired session once and repeats the call', async () => {
		const { client, sent } = clientWith((_r, body) =>
			sent.length === 1
				? apiError('INVALID_KS', `Invalid KS "EXPIRED", Error "-1,INVALID_STR"`, {
						KSID: 'EXPIRED',
						ERR_CODE: '-1',
						ERR_DESC: 'INVALID_STR',
					})
				: ok({ objectType: 'KalturaMediaEntry', id: body?.entryId, status: 2 }),
		);
		const entry = await client.call<{ id: string }>('media', 'get', { entryId: '0_abc' });
		expect(entry.id).toBe('0_abc');
		expect(sent).toHaveLength(2);
		expect(sent[0].body?.ks).not.toBe(sent[1].body?.ks);
	});

	it('falls back to session.start when a locally signed session is refused (user secret)', async () => {
		const { client, sent } = clientWith((request, body) => {
			if (request.url.endsWith('/service/session/action/start')) return ok('djJ8server-session');
			if (body?.ks === 'djJ8server-session') return ok({ objectType: 'KalturaMediaEntry', id: '0_abc', status: 2 });
			return apiError('INVALID_KS', 'Invalid KS "x", Error "-1,INVALID_STR"', {
				KSID: 'x',
				ERR_CODE: '-1',
				ERR_DESC: 'INVALID_STR',
			});
		});
		await client.call('media', 'get', { entryId: '0_abc' });
		const start = sent.find((s) => s.request.url.endsWith('/session/action/start'));
		expect(start?.body).toMatchObject({ secret: 'admin-secret', partnerId: 77, type: 2 });
		expect(start?.body?.ks).toBeUndefined();
		expect(sent.at(-1)?.body?.ks).toBe('djJ8server-session');
	});

	it('sends a multirequest with numbered calls and 1-based result references, errors per slot', async () => {
		const { client, sent } = clientWith(() =>
			ok([
				{ objectType: 'KalturaMediaEntry', id: '0_new', status: 7 },
				{
					code: 'RESOURCE_TYPE_NOT_SUPPORTED',
					message: 'Resource type "x" not supported',
					objectType: 'KalturaAPIException',
					args: { RES_TYPE: 'x' },
				},
			]),
		);
		const results = await client.multirequest([
			{ service: 'media', action: 'add', params: { entry: { objectType: 'KalturaMediaEntry', name: 'a' } } },
			{
				service: 'media',
				action: 'addContent',
				params: { entryId: multiRequestRef(0, 'id'), resource: { objectType: 'KalturaUrlResource', url: 'x' } },
			},
		]);
		expect(sent[0].request.url).toBe('https://kaltura.test/api_v3/service/multirequest');
		expect(sent[0].body?.['1']).toMatchObject({ service: 'media', action: 'add' });
		expect(sent[0].body?.['2']).toMatchObject({ action: 'addContent', entryId: '{1:result:id}' });
		expect(results[0]).toEqual({ ok: true, value: expect.objectContaining({ id: '0_new' }) });
		expect(results[1].ok).toBe(false);
		if (!results[1].ok) expect(results[1].error.code).toBe('RESOURCE_TYPE_NOT_SUPPORTED');
	});

	it('builds a multipart body with a json part and a named file part', async () => {
		const { client, sent } = clientWith(() =>
			ok({ objectType: 'KalturaUploadToken', id: '0_tok', status: 2, uploadedFileSize: 3 }),
		);
		await client.call(
			'uploadToken',
			'upload',
			{ uploadTokenId: '0_tok', resume: false, finalChunk: true, resumeAt: -1 },
			{
				files: [{ field: 'fileData', fileName: 'clip "1".mp4', data: Buffer.from('abc') }],
				idempotent: true,
			},
		);
		const request = sent[0].request;
		const boundary = /boundary=(.+)$/.exec(request.headers['Content-Type'])?.[1];
		expect(boundary).toBeDefined();
		const text = (request.body as Buffer).toString('utf8');
		expect(text).toContain('name="json"');
		expect(text).toContain('"uploadTokenId":"0_tok"');
		expect(text).toContain('name="fileData"; filename="clip _1_.mp4"');
		expect(text).toContain('\r\n\r\nabc\r\n');
		expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
	});

	it('reports a non-JSON answer (a wrong Service URL) clearly', async () => {
		const { client } = clientWith(() => ({ statusCode: 200, body: Buffer.from('<html>Welcome</html>') }));
		await expect(client.call('media', 'list')).rejects.toThrow(/not JSON \(is the Service URL right\?\)/);
	});

	it('stops waiting between retries when the execution is cancelled', async () => {
		const abort = new AbortController();
		const { client, sent } = clientWith(
			() => {
				abort.abort();
				return { statusCode: 503, body: '' };
			},
			{ signal: abort.signal },
		);
		await expect(client.call('media', 'list')).rejects.toThrow('The execution was cancelled');
		expect(sent).toHaveLength(1);
	});
	it('refuses a JSON answer that is not a Kaltura object (an echo server, a proxy), without retrying', async () => {
		const { client, sent } = clientWith((_r, body) => ok({ received: body }));
		await expect(client.call('media', 'get', { entryId: '0_abc' })).rejects.toThrow(
			/answer to media\.get is not a Kaltura object \(it has no objectType\)/,
		);
		expect(sent).toHaveLength(1);
		const multi = clientWith(() => ok([{ objectType: 'KalturaMediaEntry', id: '0_a' }, { echoed: true }]));
		await expect(
			multi.client.multirequest([
				{ service: 'media', action: 'get', params: { entryId: '0_a' } },
				{ service: 'media', action: 'get', params: { entryId: '0_b' } },
			]),
		).rejects.toThrow(/media\.get is not a Kaltura object/);
		// scalars and lists are answers too
		const ping = clientWith(() => ok(true));
		expect(await ping.client.call('system', 'ping')).toBe(true);
	});

	const refusedKs = () => ({
		code: 'INVALID_KS',
		message: 'Invalid KS "x", Error "-1,INVALID_STR"',
		objectType: 'KalturaAPIException',
		args: { KSID: 'x', ERR_CODE: '-1', ERR_DESC: 'INVALID_STR' },
	});
	const creating = [
		{ service: 'media', action: 'add', params: { entry: { objectType: 'KalturaMediaEntry', name: 'a' } } },
		{ service: 'media', action: 'add', params: { entry: { objectType: 'KalturaMediaEntry', name: 'b' } } },
	];

	it('sends a creating multirequest again with a new session when Kaltura refused the session in every slot', async () => {
		const { client, sent } = clientWith((request, body) => {
			if (request.url.endsWith('/session/action/start')) return ok('djJ8server-session');
			if (body?.ks === 'djJ8server-session') {
				return ok([
					{ objectType: 'KalturaMediaEntry', id: '0_a' },
					{ objectType: 'KalturaMediaEntry', id: '0_b' },
				]);
			}
			return ok([refusedKs(), refusedKs()]);
		});
		const results = await client.multirequest(creating);
		expect(results.map((r) => r.ok)).toEqual([true, true]);
		expect(sent.filter((s) => s.request.url.endsWith('/service/multirequest'))).toHaveLength(2);
	});

	it('does not send a creating multirequest again when only some slots were refused (others may have run)', async () => {
		const { client, sent } = clientWith((request) => {
			if (request.url.endsWith('/session/action/start')) return ok('djJ8server-session');
			return ok([{ objectType: 'KalturaMediaEntry', id: '0_a' }, refusedKs()]);
		});
		const results = await client.multirequest(creating);
		expect(results[0].ok).toBe(true);
		expect(results[1].ok).toBe(false);
		expect(sent.filter((s) => s.request.url.endsWith('/service/multirequest'))).toHaveLength(1);
	});

	it('names a timeout as one, with the call and the time it was given', async () => {
		const { client } = clientWith(() => Object.assign(new Error('Request timed out'), { code: 'ETIMEDOUT' }), {
			retry: { retries: 0 },
			timeoutMs: 30_000,
		});
		const error = (await client.call('media', 'list').catch((e: unknown) => e)) as KalturaTransportError;
		expect(error).toBeInstanceOf(KalturaTransportError);
		expect(error.message).toBe(
			'Kaltura did not answer media.list within 30 s (the timeout of this call) at https://kaltura.test',
		);
		expect(error.networkCode).toBe('ETIMEDOUT');
	});

	it('gives every call 30 s unless told otherwise', async () => {
		const { client, sent } = clientWith(() =>
			ok({ objectType: 'KalturaMediaListResponse', totalCount: 0, objects: [] }),
		);
		await client.call('media', 'list');
		expect(DEFAULT_CALL_TIMEOUT_MS).toBe(30_000);
		expect(sent[0].request.timeoutMs).toBe(DEFAULT_CALL_TIMEOUT_MS);
	});

	it('never shows a password written into the Service URL', async () => {
		const { client } = clientWith(
			() => Object.assign(new Error('connect ECONNREFUSED http://proxyuser:hunter2@kaltura.test'), {}),
			{ credentials: { ...credentials, serviceUrl: 'https://admin:hunter2@kaltura.test' }, retry: { retries: 0 } },
		);
		const error = (await client.call('media', 'list').catch((e: unknown) => e)) as Error;
		expect(error.message).toContain('https://admin:***@kaltura.test');
		expect(error.message).not.toContain('hunter2');
		expect(client.shownServiceUrl).toBe('https://admin:***@kaltura.test');
	});
});
