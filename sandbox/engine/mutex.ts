/** Per-key async mutex: serialises the short critical sections of concurrent chunk uploads. */
export class KeyedMutex {
	private tails = new Map<string, Promise<void>>();

	async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
		const prev = this.tails.get(key) ?? Promise.resolve();
		let release: () => void = () => undefined;
		const next = new Promise<void>((r) => (release = r));
		const tail = prev.then(() => next);
		this.tails.set(key, tail);
		await prev;
		try {
			return await fn();
		} finally {
			release();
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
