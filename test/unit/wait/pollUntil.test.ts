/**
 * The one waiting loop: pauses that grow while nothing changes and shrink after progress, the
 * deadline, and a cancelled execution, on a clock the test controls.
 */
import { KalturaCancelledError } from '../../../nodes/kaltura/client/errors';
import { pollUntil, type PollStep } from '../../../nodes/kaltura/wait/pollUntil';

function clock() {
	let now = 0;
	const pauses: number[] = [];
	return {
		now: () => now,
		pauses,
		sleep: async (ms: number) => {
			now += ms;
		},
		/** Pauses as the loop chose them (the sleeper sees them in slices of 250 ms). */
		record(ms: number) {
			pauses.push(ms);
		},
	};
}

async function run(
	steps: Array<PollStep<string>>,
	settings: { intervalMs: number; timeoutMs: number; signal?: AbortSignal },
) {
	const c = clock();
	let calls = 0;
	let lastCheckAt = 0;
	const outcome = await pollUntil(
		async () => {
			if (calls > 0) c.record(c.now() - lastCheckAt);
			lastCheckAt = c.now();
			return steps[Math.min(calls++, steps.length - 1)];
		},
		{ ...settings, sleep: c.sleep, now: c.now },
	);
	return { outcome, calls, pauses: c.pauses };
}

it('checks at once, then backs off from 1 s to the interval while nothing changes', async () => {
	const notYet: PollStep<string> = { done: false };
	const { outcome, pauses } = await run([notYet, notYet, notYet, notYet, notYet, { done: true, value: 'ok' }], {
		intervalMs: 3000,
		timeoutMs: 60_000,
	});
	expect(outcome).toEqual({ done: true, value: 'ok' });
	expect(pauses).toEqual([1000, 1500, 2250, 3000, 3000]);
});

it('comes back to short pauses after a check that saw progress', async () => {
	const { pauses } = await run(
		[{ done: false }, { done: false }, { done: false, progressed: true }, { done: false }, { done: true, value: 'ok' }],
		{ intervalMs: 10_000, timeoutMs: 60_000 },
	);
	expect(pauses).toEqual([1000, 1500, 1000, 1500]);
});

it('gives up at the deadline, never sleeping past it', async () => {
	const { outcome, pauses } = await run([{ done: false }], { intervalMs: 10_000, timeoutMs: 4000 });
	expect(outcome).toEqual({ done: false, timedOut: true });
	expect(pauses.reduce((a, b) => a + b, 0)).toBe(4000);
});

it('checks once with no time to wait', async () => {
	const { outcome, calls } = await run([{ done: false }], { intervalMs: 1000, timeoutMs: 0 });
	expect(outcome).toEqual({ done: false, timedOut: true });
	expect(calls).toBe(1);
});

it('stops when the execution is cancelled', async () => {
	const abort = new AbortController();
	abort.abort();
	await expect(
		run([{ done: false }], { intervalMs: 1000, timeoutMs: 60_000, signal: abort.signal }),
	).rejects.toBeInstanceOf(KalturaCancelledError);
});
