/**
 * The result of work that may fail, as a value. Deciding what to do with a failure then happens
 * outside the catch block, which keeps n8n's rule (only n8n errors are thrown from catch blocks)
 * for node code, while this client stays free of n8n types.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(work: () => Promise<T>): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		return { ok: false, error };
	}
}
