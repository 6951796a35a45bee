/**
 * Test hooks under `/__sandbox/`: things a real Kaltura does not offer but tests and the
 * end-to-end stage need — read the request log, check stored bytes, inject faults, skip
 * processing time, flip a live stream on air, download sample media. Never part of the
 * emulated API surface.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import type { FaultPlan, Faults } from '../faults';
import type { RequestLog } from '../requestLog';
import type { Runtime } from '../runtime';
import type { EntryRecord } from '../store/types';
import { serveSample } from './samples';

export interface HookDeps {
	rt: Runtime;
	requestLog: RequestLog;
	faults: Faults;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

/** A hook's JSON body that does not parse: answered 400 with what is wrong, not a server error. */
class BadHookBody extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8').trim();
	if (text === '') return {};
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new BadHookBody(`the request body is not JSON: ${(error as Error).message}`);
	}
}

async function sha256Of(file: string): Promise<string> {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Entry record for hooks: content may still be incoming (not yet READY). */
function contentOf(e: EntryRecord): EntryRecord['content'] {
	return e.content ?? e.incoming;
}

export async function handleHook(req: IncomingMessage, res: ServerResponse, url: URL, deps: HookDeps): Promise<void> {
	try {
		await routeHook(req, res, url, deps);
	} catch (error) {
		if (!(error instanceof BadHookBody)) throw error;
		sendJson(res, 400, { error: error.message });
	}
}

async function routeHook(req: IncomingMessage, res: ServerResponse, url: URL, deps: HookDeps): Promise<void> {
	const { rt, requestLog, faults } = deps;
	const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
	const method = req.method ?? 'GET';
	const [first, second, third] = parts;

	if (first === 'health') return sendJson(res, 200, { ok: true, partnerId: rt.options.partnerId });

	if (first === 'samples') return serveSample(req, res, url, parts.slice(1));

	if (first === 'requests') {
		if (method === 'DELETE') {
			requestLog.clear();
			return sendJson(res, 200, { cleared: true });
		}
		return sendJson(res, 200, requestLog.entries());
	}

	if (first === 'faults') {
		if (method === 'DELETE') faults.clear();
		else if (method === 'POST') faults.setPlan((await readJson(req)) as Partial<FaultPlan>);
		return sendJson(res, 200, faults.plan());
	}

	if (first === 'reset' && method === 'POST') {
		await rt.lifecycle.close();
		await rt.store.clear();
		requestLog.clear();
		faults.clear();
		return sendJson(res, 200, { reset: true });
	}

	if (first === 'advance' && method === 'POST') {
		const advanced = await rt.lifecycle.advance(url.searchParams.get('entryId') ?? undefined);
		return sendJson(res, 200, { advanced });
	}

	if (first === 'entries' && second !== undefined) {
		const e = rt.store.findEntry(second);
		if (!e) return sendJson(res, 404, { error: `no entry ${second}` });
		if (third === 'sha256') {
			const content = contentOf(e);
			if (!content) return sendJson(res, 409, { error: `entry ${second} has no content` });
			const sha256 = await sha256Of(rt.store.abs(content.file));
			return sendJson(res, 200, { entryId: e.id, size: content.size, fileName: content.fileName, sha256 });
		}
		if (third === 'status' && method === 'POST') {
			const body = (await readJson(req)) as { status?: number };
			if (typeof body.status !== 'number') return sendJson(res, 400, { error: 'body must be {"status": <number>}' });
			rt.lifecycle.forceStatus(e, body.status);
			return sendJson(res, 200, { entryId: e.id, status: e.status });
		}
		return sendJson(res, 200, e);
	}

	if (first === 'live' && second !== undefined && method === 'POST') {
		const e = rt.store.findEntry(second);
		if (!e || !e.live) return sendJson(res, 404, { error: `no live entry ${second}` });
		const isLive = url.searchParams.get('isLive') !== 'false';
		e.live.isLive = isLive;
		if (isLive) e.live.wasBroadcast = true;
		rt.store.changed();
		return sendJson(res, 200, { entryId: e.id, isLive });
	}

	return sendJson(res, 404, { error: `unknown sandbox hook ${url.pathname}` });
}
