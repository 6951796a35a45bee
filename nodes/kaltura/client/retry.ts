import { KalturaCancelledError } from './errors';

export interface RetryPolicy {
	/** How many times a failed attempt is repeated (so attempts = retries + 1). */
	retries: number;
	/** The first pause; each further pause doubles, up to maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 15_000 };

export type Sleep = (ms: number) => Promise<void>;

/**
 * Exponential backoff with "equal jitter": half the window fixed, half random, so parallel
 * uploaders that failed together do not all come back in the same millisecond.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(window / 2 + random() * (window / 2));
}

const SLICE_MS = 250;

/**
 * Sleeps in short slices so that a cancelled execution stops waiting within a quarter second.
 * (Node code in n8n may not use timers directly; `sleep` comes from n8n-workflow.)
 */
export async function sleepUnlessAborted(ms: number, sleep: Sleep, signal?: AbortSignal): Promise<void> {
	let left = ms;
	while (left > 0) {
		if (signal?.aborted) throw new KalturaCancelledError();
		const step = Math.min(SLICE_MS, left);
		await sleep(step);
		left -= step;
	}
	if (signal?.aborted) throw new KalturaCancelledError();
}
