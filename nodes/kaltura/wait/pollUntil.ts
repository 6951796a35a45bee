import type { Sleep } from '../client/retry';
import { sleepUnlessAborted } from '../client/retry';

export interface PollSettings {
	/** The longest pause between two checks. */
	intervalMs: number;
	/** Give up after this long (0: one check only). */
	timeoutMs: number;
	sleep: Sleep;
	signal?: AbortSignal;
	now?: () => number;
	/** The first pause (and the pause after a check that saw progress). */
	firstIntervalMs?: number;
}

/** What one check found: finished (with the result), or not yet (and whether anything moved). */
export type PollStep<T> = { done: true; value: T } | { done: false; progressed?: boolean };

export type PollOutcome<T> = { done: true; value: T } | { done: false; timedOut: true };

/** First checks come quickly (short jobs finish in seconds), then back off to the interval. */
const FIRST_INTERVAL_MS = 1000;
const BACKOFF = 1.5;

/**
 * The one way this package waits for Kaltura (entries becoming ready, bulk jobs, drop-folder
 * files): `check` until it says done or the time is up. While nothing changes the pauses grow
 * from the first interval to `intervalMs`; progress brings them back to the first interval. A
 * cancelled execution stops the wait within a quarter second (KalturaCancelledError).
 */
export async function pollUntil<T>(check: () => Promise<PollStep<T>>, settings: PollSettings): Promise<PollOutcome<T>> {
	const now = settings.now ?? Date.now;
	const deadline = now() + settings.timeoutMs;
	const first = Math.min(settings.firstIntervalMs ?? FIRST_INTERVAL_MS, settings.intervalMs);
	let pause = first;
	for (;;) {
		const step = await check();
		if (step.done) return step;
		const left = deadline - now();
		if (left <= 0) return { done: false, timedOut: true };
		pause = step.progressed ? first : pause;
		await sleepUnlessAborted(Math.min(pause, left), settings.sleep, settings.signal);
		pause = Math.min(settings.intervalMs, Math.ceil(pause * BACKOFF));
	}
}
