/**
 * Typed access to action parameters with Kaltura's casting rules
 * (KalturaRequestDeserializer::castSimpleType): "false" is false, PHP truthiness
 * otherwise; ints as PHP (int) casts; `time` values below ~10 years are relative to now.
 */
import { isTree, ParamTree, ParamValue, UploadedFile } from '../http/paramTree';
import { apiError } from './errors';

/** kTime::getRelativeTime threshold: values smaller than this many seconds are offsets from now. */
const RELATIVE_TIME_LIMIT = 315360000;

export function toBool(v: ParamValue | undefined): boolean {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'string') return v.toLowerCase() !== 'false' && v !== '0' && v !== '';
	return false;
}

/** PHP (int) cast: leading numeric part, else 0. */
export function toInt(v: ParamValue | undefined): number {
	if (typeof v === 'number') return Math.trunc(v);
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (typeof v === 'string') {
		if (v.toLowerCase() === 'true') return 1;
		const n = parseInt(v.trim(), 10);
		return Number.isNaN(n) ? 0 : n;
	}
	return 0;
}

export function toFloat(v: ParamValue | undefined): number {
	if (typeof v === 'number') return v;
	if (typeof v === 'string') {
		const n = parseFloat(v.trim());
		return Number.isNaN(n) ? 0 : n;
	}
	return toInt(v);
}

export function toStr(v: ParamValue | undefined): string {
	if (v === undefined || v === null) return '';
	if (typeof v === 'boolean') return v ? '1' : '';
	if (typeof v === 'string' || typeof v === 'number') return String(v);
	return '';
}

export function toTime(v: ParamValue | undefined, nowSec: number): number {
	const n = toInt(v);
	return Math.abs(n) < RELATIVE_TIME_LIMIT ? nowSec + n : n;
}

/** A comma-separated `*In` filter value as its items, blanks dropped. */
export function toList(v: ParamValue | undefined): string[] {
	return toStr(v)
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** Empty strings count as "not given" for optional params, like PHP defaults. */
export function present(v: ParamValue | undefined): boolean {
	return v !== undefined && v !== null && v !== '';
}

export class Args {
	constructor(readonly tree: ParamTree) {}

	raw(name: string): ParamValue | undefined {
		return this.tree[name];
	}

	has(name: string): boolean {
		return present(this.tree[name]);
	}

	private need(name: string): ParamValue {
		const v = this.tree[name];
		if (!present(v)) throw apiError('MISSING_MANDATORY_PARAMETER', { PARAM_NAME: name });
		return v as ParamValue;
	}

	str(name: string): string {
		return toStr(this.need(name));
	}

	optStr(name: string): string | null {
		return this.has(name) ? toStr(this.tree[name]) : null;
	}

	int(name: string): number {
		return toInt(this.need(name));
	}

	optInt(name: string): number | null {
		return this.has(name) ? toInt(this.tree[name]) : null;
	}

	float(name: string, dflt: number): number {
		return this.has(name) ? toFloat(this.tree[name]) : dflt;
	}

	bool(name: string, dflt: boolean): boolean {
		return this.has(name) ? toBool(this.tree[name]) : dflt;
	}

	/** Object params; a missing one is null, mandatory ones throw MISSING_MANDATORY_PARAMETER. */
	obj(name: string, mandatory = false): ParamTree | null {
		const v = this.tree[name];
		if (isTree(v)) return v;
		if (mandatory) throw apiError('MISSING_MANDATORY_PARAMETER', { PARAM_NAME: name });
		return null;
	}

	/** File params must be real uploads with a file name, else Kaltura answers UPLOAD_ERROR. */
	file(name: string): UploadedFile {
		const v = this.tree[name];
		if (v instanceof UploadedFile) {
			if (!v.fileName) throw apiError('UPLOAD_ERROR');
			return v;
		}
		if (present(v)) throw apiError('UPLOAD_ERROR');
		throw apiError('MISSING_MANDATORY_PARAMETER', { PARAM_NAME: name });
	}
}

/** Validate an int against an enum's allowed values. */
export function checkEnum(
	value: number | string,
	allowed: ReadonlyArray<number | string>,
	param: string,
	enumType: string,
): void {
	if (!allowed.map(String).includes(String(value))) {
		throw apiError('INVALID_ENUM_VALUE', { ENUM_VAL: String(value), PARAM_NAME: param, ENUM_TYPE: enumType });
	}
}
