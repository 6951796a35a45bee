/**
 * In-memory log of API requests, so tests can assert how many calls a client made
 * (retries, multirequest batching). Also served at GET /__sandbox/requests.
 */

export interface LoggedCall {
	service: string;
	action: string;
	/** Kaltura error code if this (sub-)request failed, else null. */
	errorCode: string | null;
}

export interface RequestLogEntry {
	seq: number;
	/** ISO timestamp of arrival. */
	time: string;
	method: string;
	path: string;
	/** Lower-cased service id as routed; `multirequest` for batches. */
	service: string;
	action: string;
	/** Number of sub-requests for a multirequest, 0 otherwise. */
	subRequests: number;
	/** One element per executed call (a single request has one). */
	calls: LoggedCall[];
	httpStatus: number;
	durationMs: number;
	/** Error code of a single request (null on success or for multirequests). */
	errorCode: string | null;
	/** Injected fault, if any: `status:503`, `reset`. */
	fault: string | null;
}

export class RequestLog {
	private items: RequestLogEntry[] = [];
	private seq = 0;

	constructor(private readonly max = 10000) {}

	add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
		const full = { ...entry, seq: ++this.seq };
		this.items.push(full);
		if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
		return full;
	}

	entries(): RequestLogEntry[] {
		return [...this.items];
	}

	/** Entries whose top-level or sub-request service/action match (case-insensitive). */
	find(service: string, action?: string): RequestLogEntry[] {
		const s = service.toLowerCase();
		const a = action?.toLowerCase();
		return this.items.filter(
			(e) =>
				(e.service === s && (a === undefined || e.action === a)) ||
				e.calls.some((c) => c.service === s && (a === undefined || c.action === a)),
		);
	}

	clear(): void {
		this.items = [];
	}
}
