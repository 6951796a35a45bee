import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reading parameter values that expressions may have filled with anything. n8n hands over
 * whatever an expression returned: an object becomes "[object Object]" the moment it is turned
 * into text, and "abc" in a number field becomes NaN, which a fallback would hide. These readers
 * say which field got what, and what to put there instead.
 */

/** How a value is shown in a message: its kind, and a short sample of it. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return `a list (${sample(value)})`;
	if (typeof value === 'object') return `an object (${sample(value)})`;
	if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
	return `${typeof value} ${String(value)}`;
}

function sample(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export type ValueCheck<T> = { ok: true; value: T } | { ok: false; message: string; description: string };

/**
 * Text from a field: strings are trimmed, numbers and booleans written out; null and undefined
 * are empty. A list or an object is refused: the expression picked the wrong thing.
 */
export function textValue(raw: unknown, label: string): ValueCheck<string> {
	if (raw === undefined || raw === null) return { ok: true, value: '' };
	if (typeof raw === 'string') return { ok: true, value: raw.trim() };
	if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') {
		return { ok: true, value: String(raw) };
	}
	return {
		ok: false,
		message: `${label} must be text, but it is ${describeValue(raw)}`,
		description: `The expression in ${label} returned ${Array.isArray(raw) ? 'a list' : 'an object'}. Point it at one text value, e.g. {{ $json.title }} instead of {{ $json }}.`,
	};
}

export interface WholeNumberRule {
	min: number;
	/** No upper bound when absent. */
	max?: number;
	/** Used when the field is empty. */
	fallback: number;
	/** Why the bounds are what they are, for the message. */
	hint?: string;
}

/** A whole number within bounds; an empty field takes the fallback, anything else is refused. */
export function wholeNumberValue(raw: unknown, label: string, rule: WholeNumberRule): ValueCheck<number> {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return { ok: true, value: rule.fallback };
	}
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
	if (Number.isInteger(value) && value >= rule.min && value <= (rule.max ?? Infinity)) return { ok: true, value };
	const range = rangeText(rule);
	return {
		ok: false,
		message: `${label} must be a whole number ${range}, but it is ${describeValue(raw)}`,
		description: rule.hint ?? `Enter a whole number ${range}, or clear the field for the default (${rule.fallback}).`,
	};
}

/** A number (fractions allowed) within bounds; empty takes the fallback. */
export function numberValue(raw: unknown, label: string, rule: WholeNumberRule): ValueCheck<number> {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return { ok: true, value: rule.fallback };
	}
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
	if (Number.isFinite(value) && value >= rule.min && value <= (rule.max ?? Infinity)) return { ok: true, value };
	const range = rangeText(rule);
	return {
		ok: false,
		message: `${label} must be a number ${range}, but it is ${describeValue(raw)}`,
		description: rule.hint ?? `Enter a number ${range}, or clear the field for the default (${rule.fallback}).`,
	};
}

function rangeText(rule: WholeNumberRule): string {
	return rule.max === undefined ? `of at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
}

/** The value of a check, or the item's error (with the item index n8n shows). */
export function valueOrThrow<T>(context: IExecuteFunctions, itemIndex: number, check: ValueCheck<T>): T {
	if (check.ok) return check.value;
	throw new NodeOperationError(context.getNode(), check.message, { itemIndex, description: check.description });
}

/** A text parameter of an item (see textValue). */
export function readText(context: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	return valueOrThrow(context, itemIndex, textValue(context.getNodeParameter(name, itemIndex, ''), label));
}
