/**
 * In-process entry point: `startSandbox()` brings up a Kaltura API v3 emulator on
 * 127.0.0.1 and hands back what tests need to inspect and steer it. The CLI (cli.ts) is a
 * thin wrapper around the same function.
 */
import { promises as fsp } from 'fs';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { Lifecycle } from './engine/lifecycle';
import { seedCategories } from './model/categorySeed';
import { UploadEngine } from './engine/uploads';
import { Faults } from './faults';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options';
import { RequestLog } from './requestLog';
import type { Runtime } from './runtime';
import { createSandboxServer } from './server';
import { Store } from './store/store';

export type { SandboxOptions } from './options';
export { DEFAULTS as SANDBOX_DEFAULTS } from './options';

export interface Sandbox {
	/** Service URL to give a Kaltura client, e.g. `http://127.0.0.1:43210`. */
	url: string;
	port: number;
	partnerId: number;
	adminSecret: string;
	userSecret: string;
	dataDir: string;
	options: ResolvedOptions;
	runtime: Runtime;
	store: Store;
	requestLog: RequestLog;
	faults: Faults;
	/** Stops listening, finishes background work, persists state; removes a temp data dir. */
	close(): Promise<void>;
}

function buildRuntime(options: ResolvedOptions, store: Store, listening: () => string): Runtime {
	const rt = {
		options,
		store,
		now: () => Math.floor(Date.now() / 1000),
		baseUrl: () => options.publicUrl ?? listening(),
		adminSecretFor: (pid: number) => (pid === options.partnerId ? options.adminSecret : null),
		userSecretFor: (pid: number) => (pid === options.partnerId ? options.userSecret : null),
	} as Omit<Runtime, 'lifecycle' | 'uploads'> as Runtime;
	// The engines need the runtime and the runtime exposes the engines: wire after creation.
	Object.assign(rt, { lifecycle: new Lifecycle(rt), uploads: new UploadEngine(rt) });
	return rt;
}

export async function startSandbox(input: SandboxOptions = {}): Promise<Sandbox> {
	const ownsDataDir = input.dataDir === undefined;
	const dataDir = input.dataDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'kaltura-sandbox-')));
	await fsp.mkdir(dataDir, { recursive: true });
	const options = resolveOptions(input, dataDir);
	const store = new Store(dataDir, options.persistDelayMs, seedCategories);
	await store.open([options.partnerId]);

	let url = '';
	const rt = buildRuntime(options, store, () => url);
	const requestLog = new RequestLog();
	const faults = new Faults(options.latencyMs, options.bandwidthMbps);
	const server = createSandboxServer({ rt, requestLog, faults });
	// Uploads of big chunks can take a while on a loaded machine; never cut them off.
	server.requestTimeout = 0;
	server.headersTimeout = 60_000;
	server.keepAliveTimeout = 5_000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	url = `http://${options.host}:${port}`;
	rt.lifecycle.resume();

	let closed: Promise<void> | null = null;
	const close = (): Promise<void> => {
		closed ??= (async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await rt.lifecycle.close();
			await store.flush();
			if (ownsDataDir) await fsp.rm(dataDir, { recursive: true, force: true });
		})();
		return closed;
	};

	return {
		url,
		port,
		partnerId: options.partnerId,
		adminSecret: options.adminSecret,
		userSecret: options.userSecret,
		dataDir,
		options,
		runtime: rt,
		store,
		requestLog,
		faults,
		close,
	};
}
