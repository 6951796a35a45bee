/**
 * The request parameter tree. Kaltura merges path, query, uploaded files and body
 * into one nested structure; services read typed values out of it via `Args`.
 */

/** A multipart file part that has been streamed to a temp file (never held in memory). */
export class UploadedFile {
	constructor(
		readonly fieldName: string,
		readonly fileName: string,
		readonly path: string,
		readonly size: number,
		readonly contentType: string,
	) {}
}

export type ParamValue = string | number | boolean | null | UploadedFile | ParamTree | ParamValue[];
export interface ParamTree {
	[key: string]: ParamValue;
}

/**
 * Parameter names that would reach JavaScript's object machinery instead of a plain key
 * (`__proto__[ks]=…` once made every later request run with that session). PHP has no such
 * names, so Kaltura would just ignore them; the sandbox refuses the request instead.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class ForbiddenParamError extends Error {
	constructor(readonly key: string) {
		super(`parameter name "${key}" is not allowed`);
	}
}

function checkKey(key: string): void {
	if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenParamError(key);
}

/** Refuses a decoded JSON body (any depth) that holds a forbidden parameter name. */
export function assertSafeKeys(value: unknown): void {
	if (Array.isArray(value)) {
		for (const v of value) assertSafeKeys(v);
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	for (const [key, v] of Object.entries(value)) {
		checkKey(key);
		assertSafeKeys(v);
	}
}

export function isTree(v: ParamValue | undefined): v is ParamTree {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof UploadedFile);
}

/**
 * Split a flattened key into path components. Kaltura's own deserializer splits on ':'
 * (`entry:name`); PHP itself turns `entry[name]` into a nested array before Kaltura sees
 * it. Both spellings therefore reach the same tree.
 */
export function splitKey(key: string): string[] {
	const bracket = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
	if (bracket) {
		const rest = [...bracket[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]);
		return [...bracket[1].split(':'), ...rest];
	}
	return key.split(':');
}

/** Insert one flattened key/value; `-` as last component means "empty array" (Kaltura's way to clear arrays). */
export function setFlat(tree: ParamTree, key: string, value: ParamValue): void {
	const parts = splitKey(key);
	parts.forEach(checkKey);
	let node: ParamTree = tree;
	for (let i = 0; i < parts.length - 1; i++) {
		const part = parts[i];
		if (parts[i + 1] === '-' && i + 1 === parts.length - 1) {
			node[part] = [];
			return;
		}
		const next = node[part];
		if (!isTree(next)) node[part] = {};
		node = node[part] as ParamTree;
	}
	const last = parts[parts.length - 1];
	if (last === '') return;
	node[last] = value;
}

export function fromPairs(pairs: Iterable<[string, ParamValue]>): ParamTree {
	const tree: ParamTree = {};
	for (const [k, v] of pairs) setFlat(tree, k, v);
	return tree;
}

/** PHP array_replace_recursive: values of `over` win, nested maps merge. */
export function deepMerge(base: ParamTree, over: ParamTree): ParamTree {
	const out: ParamTree = { ...base };
	for (const [k, v] of Object.entries(over)) {
		checkKey(k);
		const prev = out[k];
		out[k] = isTree(prev) && isTree(v) ? deepMerge(prev, v) : v;
	}
	return out;
}
