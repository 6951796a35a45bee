/**
 * Minimal raw Kaltura API caller for sandbox tests: sends exactly the JSON body a test
 * gives, so tests can check wire details (missing format, wrong KS) that a client would hide.
 */
export async function apiCall(
	baseUrl: string,
	service: string,
	action: string,
	params: Record<string, unknown> = {},
): Promise<unknown> {
	const res = await fetch(`${baseUrl}/api_v3/service/${service}/action/${action}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ format: 1, ...params }),
	});
	if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${service}.${action}`);
	return (await res.json()) as unknown;
}

export async function multiCall(baseUrl: string, params: Record<string, unknown>): Promise<unknown[]> {
	const res = await fetch(`${baseUrl}/api_v3/service/multirequest`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ format: 1, ...params }),
	});
	return (await res.json()) as unknown[];
}

export async function adminKs(baseUrl: string, partnerId: number, secret: string): Promise<string> {
	return (await apiCall(baseUrl, 'session', 'start', { secret, partnerId, type: 2 })) as string;
}

/** Polls until the predicate holds or the timeout passes (sandbox lifecycle is time-driven). */
export async function eventually<T>(
	probe: () => Promise<T>,
	accept: (v: T) => boolean,
	timeoutMs = 10_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (accept(value)) return value;
		if (Date.now() > deadline)
			throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
