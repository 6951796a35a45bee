/**
 * The sandbox's HTTP front: routes `/api_v3/...` to the dispatcher with Kaltura's param
 * merge order, applies injected latency and faults, writes the request log, answers in
 * Kaltura's JSON format, and serves the test hooks and entry content next to the API.
 */
import * as crypto from 'crypto';
import { promises as fsp } from 'fs';
import * as http from 'http';
import { toStr } from './api/args';
import { dispatchCall, dispatchMulti, subRequests, type CallOutcome } from './api/dispatch';
import { sleep } from './engine/mutex';
import { apiError, KalturaApiError } from './api/errors';
import type { Faults, FaultDecision } from './faults';
import { BodyTooLargeError, parseBody, type ParsedBody } from './http/body';
import { isContentPath, serveContent } from './http/content';
import { handleHook } from './http/hooks';
import { MultipartError } from './http/multipart';
import { deepMerge, ForbiddenParamError, fromPairs, type ParamTree } from './http/paramTree';
import { isApiPath, pathParams } from './http/route';
import type { RequestLog } from './requestLog';
import type { Runtime } from './runtime';

/** JSON bodies and plain form fields are small; file parts stream to disk whatever their size. */
const MAX_IN_MEMORY_BODY = 64 * 1024 * 1024;

const CORS_HEADERS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Expose-Headers': 'Server, Content-Length, Content-Range, Date, X-Kaltura, X-Kaltura-Session, X-Me',
};

export interface ServerDeps {
	rt: Runtime;
	requestLog: RequestLog;
	faults: Faults;
}

/** KalturaJsonSerializer: errors in their wire shape, null properties dropped at every level. */
export function serializeResult(value: unknown): string {
	return JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown) {
		if (v instanceof KalturaApiError) return v.toJSON();
		if (key !== '' && v === null && !Array.isArray(this)) return undefined;
		return v;
	});
}

function apiParams(url: URL, body: ParsedBody): ParamTree {
	// Kaltura's precedence: path > query > uploaded files > body.
	const query = fromPairs(url.searchParams);
	return deepMerge(deepMerge(deepMerge(body.body, body.files), query), pathParams(url.pathname));
}

function sendApi(res: http.ServerResponse, status: number, text: string, errorCode: string | null): void {
	const headers: http.OutgoingHttpHeaders = {
		...CORS_HEADERS,
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		'X-Me': 'kaltura-sandbox',
		'X-Kaltura-Session': crypto.randomBytes(8).toString('hex'),
	};
	if (errorCode) headers['X-Kaltura'] = `error-${errorCode}`;
	res.writeHead(status, headers);
	res.end(text);
}

function applyFault(res: http.ServerResponse, decision: FaultDecision): number {
	const effect = decision.effect!;
	if (effect.type === 'reset') {
		res.socket?.destroy();
		return 0;
	}
	res.writeHead(effect.status, { 'Content-Type': 'text/html' });
	res.end(`<html><body><h1>${effect.status}</h1>Injected by the Kaltura sandbox</body></html>`);
	return effect.status;
}

/**
 * Requests refused before any action runs, answered as Kaltura answers (a KalturaAPIException in
 * JSON): a body that breaks off before its closing boundary is a failed upload to PHP
 * (UPLOAD_ERROR), a forbidden parameter name is refused, and a body over the sandbox's
 * in-memory limit is refused with HTTP 413 as a web server in front of Kaltura would.
 */
function refusedRequest(err: unknown): { status: number; error: KalturaApiError } | undefined {
	if (err instanceof ForbiddenParamError)
		return { status: 200, error: apiError('INVALID_PARAMETER_CHAR', { XML_FIELD: err.key }) };
	if (err instanceof MultipartError) return { status: 200, error: apiError('UPLOAD_ERROR') };
	if (err instanceof BodyTooLargeError) {
		const limit = `${MAX_IN_MEMORY_BODY / 1024 / 1024} MiB`;
		return {
			status: 413,
			error: apiError('INTERNAL_SERVER_ERROR', { ERR_TEXT: `(the request body is over ${limit})` }),
		};
	}
	return undefined;
}

/** A request path for logs: a session given as a path parameter (`/ks/<KS>`) is not written out. */
export function shownPath(pathname: string): string {
	return pathname.replace(/\/ks\/[^/]+/gi, '/ks/[redacted]');
}

/** Methods the API answers; anything else is refused (405) instead of being served like POST. */
const API_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Errors of a client that went away mid-request: nothing to report. */
function isDisconnect(err: unknown, req: http.IncomingMessage): boolean {
	const code = (err as { code?: unknown })?.code;
	return (
		req.destroyed ||
		code === 'ECONNRESET' ||
		code === 'EPIPE' ||
		code === 'ERR_STREAM_PREMATURE_CLOSE' ||
		(err instanceof Error && err.message === 'aborted')
	);
}

async function handleApi(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
	deps: ServerDeps,
): Promise<void> {
	const { rt, requestLog, faults } = deps;
	const started = Date.now();
	let body: ParsedBody = { body: {}, files: {}, uploaded: [] };
	let params: ParamTree = {};
	try {
		body = await parseBody(req, rt.store.tmpDir, MAX_IN_MEMORY_BODY, faults.link.through(req));
		params = apiParams(url, body);
		const service = toStr(params.service).toLowerCase();
		const isMulti = service === 'multirequest';
		const targets = isMulti
			? subRequests(params).map((s) => ({
					service: toStr(s.service).toLowerCase(),
					action: toStr(s.action).toLowerCase(),
				}))
			: [{ service, action: toStr(params.action).toLowerCase() }];
		const decision = faults.decide(targets);
		if (decision.delayMs > 0) await sleep(decision.delayMs);

		const log = (httpStatus: number, outcomes: CallOutcome[], errorCode: string | null): void => {
			requestLog.add({
				time: new Date(started).toISOString(),
				method: req.method ?? 'GET',
				path: shownPath(url.pathname),
				service,
				action: isMulti ? '' : toStr(params.action).toLowerCase(),
				subRequests: isMulti ? outcomes.length : 0,
				calls: outcomes.map((o) => ({ service: o.service, action: o.action, errorCode: o.errorCode })),
				httpStatus,
				durationMs: Date.now() - started,
				errorCode,
				fault: decision.label,
			});
		};

		if (decision.effect && decision.when === 'before') {
			log(applyFault(res, decision), [], null);
			return;
		}

		const format = toStr(params.format);
		let outcomes: CallOutcome[];
		let text: string;
		let errorCode: string | null = null;
		if (format !== '1') {
			// Real Kaltura falls back to XML without `format`; the sandbox speaks JSON only and says so.
			const err = apiError('UNKNOWN_RESPONSE_FORMAT', { FORMAT: format === '' ? '2 (XML, the default)' : format });
			outcomes = [{ service, action: toStr(params.action).toLowerCase(), result: err, errorCode: err.code }];
			text = serializeResult(err);
			errorCode = err.code;
		} else if (isMulti) {
			outcomes = await dispatchMulti(rt, params);
			text = serializeResult(outcomes.map((o) => o.result));
		} else {
			const outcome = await dispatchCall(rt, params);
			outcomes = [outcome];
			text = serializeResult(outcome.result);
			errorCode = outcome.errorCode;
		}

		if (decision.effect) {
			// `after`: the action ran, its response is lost — what a client's retry must survive.
			log(applyFault(res, decision), outcomes, errorCode);
			return;
		}
		sendApi(res, 200, text, errorCode);
		log(200, outcomes, errorCode);
	} catch (err) {
		const refused = refusedRequest(err);
		if (!refused) throw err;
		sendApi(res, refused.status, serializeResult(refused.error), refused.error.code);
		requestLog.add({
			time: new Date(started).toISOString(),
			method: req.method ?? 'GET',
			path: shownPath(url.pathname),
			service: toStr(params.service).toLowerCase(),
			action: toStr(params.action).toLowerCase(),
			subRequests: 0,
			calls: [],
			httpStatus: refused.status,
			durationMs: Date.now() - started,
			errorCode: refused.error.code,
			fault: null,
		});
		return;
	} finally {
		// Services move the files they keep; whatever is left in tmp belongs to this request only.
		await Promise.all(body.uploaded.map((f) => fsp.rm(f.path, { force: true })));
	}
}

export function createSandboxServer(deps: ServerDeps): http.Server {
	return http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const route = async (): Promise<void> => {
			if (req.method === 'OPTIONS') {
				res.writeHead(200, {
					...CORS_HEADERS,
					'Access-Control-Allow-Methods': 'POST, GET, HEAD, OPTIONS',
					'Access-Control-Allow-Headers': 'Origin, X-Requested-With, Content-Type, Accept, Range, Cache-Control',
					'Access-Control-Max-Age': '86400',
				});
				res.end();
				return;
			}
			if (url.pathname.startsWith('/__sandbox/')) return handleHook(req, res, url, deps);
			if (isApiPath(url.pathname)) {
				if (!API_METHODS.has(req.method ?? 'GET')) {
					res.writeHead(405, { ...CORS_HEADERS, Allow: 'POST, GET, HEAD, OPTIONS', 'Content-Type': 'text/plain' });
					res.end(`Method ${req.method} not allowed: Kaltura's API takes POST (or GET)`);
					return;
				}
				return handleApi(req, res, url, deps);
			}
			if (isContentPath(url.pathname)) return serveContent(req, res, url.pathname, deps.rt);
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('Not found: the Kaltura sandbox serves /api_v3/ and /__sandbox/');
		};
		const started = Date.now();
		if (deps.rt.options.verbose) {
			res.once('finish', () => {
				process.stderr.write(
					`${req.method ?? 'GET'} ${shownPath(url.pathname)} → ${res.statusCode} (${Date.now() - started} ms)\n`,
				);
			});
		}
		route().catch((err: unknown) => {
			if (isDisconnect(err, req)) {
				if (deps.rt.options.verbose)
					process.stderr.write(`${req.method ?? 'GET'} ${shownPath(url.pathname)}: the client went away\n`);
				res.destroy();
				return;
			}
			process.stderr.write(
				`kaltura sandbox: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
			);
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end('Internal error in the Kaltura sandbox');
			} else {
				res.destroy();
			}
		});
	});
}
