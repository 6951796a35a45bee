/**
 * The v3 front controller: one request's merged param tree in, one result (or API error)
 * out. Mirrors KalturaFrontController / KalturaDispatcher: service and action looked up
 * case-insensitively, the KS checked against the action's access level, then the action run.
 * Multirequest lives here too because it is nothing but repeated dispatch with result
 * references substituted between the calls.
 */
import { Args, toInt, toStr } from './args';
import { apiError, KalturaApiError, serviceForbidden } from './errors';
import type { ActionDef, ServiceDef, Session } from './types';
import { isTree, type ParamTree, type ParamValue } from '../http/paramTree';
import { sessionFromKs } from '../auth/session';
import type { Runtime } from '../runtime';
import { SERVICES } from '../services';

/** Params the front controller copies from a multirequest into each sub-request lacking them. */
const INHERITED_PARAMS = ['ks', 'partnerId', 'clientTag'];

export interface CallOutcome {
	service: string;
	action: string;
	/** The action's return value, or the API error that replaced it. */
	result: unknown;
	errorCode: string | null;
}

interface ServiceEntry {
	def: ServiceDef;
	actions: Map<string, ActionDef>;
}

const REGISTRY: Map<string, ServiceEntry> = new Map(
	SERVICES.map((def) => [
		def.id.toLowerCase(),
		{ def, actions: new Map(Object.entries(def.actions).map(([name, a]) => [name.toLowerCase(), a])) },
	]),
);

function resolveSession(rt: Runtime, access: ActionDef['access'], ks: string): Session | null {
	if (access === 'ignored' || ks === '') return null;
	return sessionFromKs(rt, ks);
}

function authorise(def: ActionDef, session: Session | null, service: string, action: string): void {
	if (def.access === 'ignored' || def.access === 'none') return;
	// No KS, a widget KS on a non-widget action, or a USER KS on an admin action: Kaltura's
	// permission check answers all three with SERVICE_FORBIDDEN.
	if (!session) throw serviceForbidden(service, action);
	if (session.isWidget && !def.widget) throw serviceForbidden(service, action);
	if (def.access === 'admin' && session.type !== 2) throw serviceForbidden(service, action);
}

/** Runs one (non-multi) call. Never throws for API errors: they become the result. */
export async function dispatchCall(rt: Runtime, params: ParamTree): Promise<CallOutcome> {
	const service = toStr(params.service).toLowerCase();
	const action = toStr(params.action).toLowerCase();
	try {
		if (service === '') throw apiError('SERVICE_NOT_SPECIFIED');
		const entry = REGISTRY.get(service);
		if (!entry) throw apiError('SERVICE_DOES_NOT_EXISTS', { SRV_NAME: service });
		const def = entry.actions.get(action);
		if (!def) throw apiError('ACTION_DOES_NOT_EXISTS', { ACTION_NAME: action, SERVICE_NAME: service });
		const session = resolveSession(rt, def.access, toStr(params.ks));
		authorise(def, session, service, action);
		const partnerParam = params.partnerId ?? params.p;
		const partnerId = session?.partnerId ?? toInt(partnerParam);
		const result = await def.run({ args: new Args(params), session, partnerId, service, action, rt });
		return { service, action, result: result === undefined ? null : result, errorCode: null };
	} catch (err) {
		const apiErr = err instanceof KalturaApiError ? err : internalError(err);
		return { service, action, result: apiErr, errorCode: apiErr.code };
	}
}

function internalError(err: unknown): KalturaApiError {
	process.stderr.write(
		`kaltura sandbox: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
	);
	return apiError('INTERNAL_SERVERL_ERROR');
}

/**
 * The sub-requests that will run, in order: numbered keys from min(1, smallest key), stopping
 * at the first gap or at one without service and action (KalturaFrontController).
 */
export function subRequests(params: ParamTree): ParamTree[] {
	const numeric = Object.keys(params)
		.filter((k) => /^\d+$/.test(k))
		.map(Number);
	if (numeric.length === 0) return [];
	const subs: ParamTree[] = [];
	for (let i = Math.min(1, Math.min(...numeric)); ; i++) {
		const sub = params[String(i)];
		if (!isTree(sub) || toStr(sub.service) === '' || toStr(sub.action) === '') break;
		subs.push(sub);
	}
	return subs;
}

/** Value at `objects:0:id`-style path of an earlier result; `_all` joins over an array. */
function lookupPath(value: unknown, path: string[]): string {
	let current: unknown = value instanceof KalturaApiError ? value.toJSON() : value;
	for (let i = 0; i < path.length; i++) {
		const key = path[i];
		if (key === '_all' && Array.isArray(current)) {
			const rest = path.slice(i + 1);
			return current.map((item) => `${lookupPath(item, rest)},`).join('');
		}
		if (current === null || typeof current !== 'object') return '';
		current = (current as Record<string, unknown>)[key];
	}
	if (current === null || current === undefined) return '';
	if (typeof current === 'boolean') return current ? '1' : '';
	return typeof current === 'object' ? '' : String(current);
}

/** Replaces `{N:result[:path]}` tokens (1-based execution ordinal) in every string of a sub-request. */
function substitute(value: ParamValue, results: unknown[]): ParamValue {
	if (typeof value === 'string') {
		return value.replace(/\{(\d+):result((?::[^{}:]+)*)\}/g, (token, n: string, path: string) => {
			const index = Number(n) - 1;
			if (index < 0 || index >= results.length) return token;
			return lookupPath(
				results[index],
				path.split(':').filter((p) => p !== ''),
			);
		});
	}
	if (Array.isArray(value)) return value.map((v) => substitute(v, results));
	if (isTree(value)) {
		const out: ParamTree = {};
		for (const [k, v] of Object.entries(value)) out[k] = substitute(v, results);
		return out;
	}
	return value;
}

/** Each sub-request runs even if an earlier one failed; failures stay in their own slot. */
export async function dispatchMulti(rt: Runtime, params: ParamTree): Promise<CallOutcome[]> {
	const outcomes: CallOutcome[] = [];
	for (const request of subRequests(params)) {
		const sub = { ...request };
		for (const name of INHERITED_PARAMS) {
			if (sub[name] === undefined && params[name] !== undefined) sub[name] = params[name];
		}
		delete sub.format;
		const resolved = substitute(
			sub,
			outcomes.map((o) => o.result),
		) as ParamTree;
		outcomes.push(await dispatchCall(rt, resolved));
	}
	return outcomes;
}
