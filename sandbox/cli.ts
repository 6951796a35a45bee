/**
 * `npm run sandbox -- [flags]`: runs the Kaltura sandbox until SIGINT/SIGTERM.
 * Prints `Kaltura sandbox listening on http://127.0.0.1:PORT` once it accepts requests —
 * scripts wait for that line.
 */
import { startSandbox, SANDBOX_DEFAULTS, type SandboxOptions } from './index';

interface Flag {
	key: keyof SandboxOptions;
	kind: 'int' | 'string' | 'bool';
	help: string;
}

const FLAGS: Record<string, Flag> = {
	'--port': { key: 'port', kind: 'int', help: 'TCP port on 127.0.0.1 (default 0: a free port)' },
	'--partner-id': { key: 'partnerId', kind: 'int', help: `partner ID (default ${SANDBOX_DEFAULTS.partnerId})` },
	'--admin-secret': {
		key: 'adminSecret',
		kind: 'string',
		help: `admin secret (default ${SANDBOX_DEFAULTS.adminSecret})`,
	},
	'--user-secret': { key: 'userSecret', kind: 'string', help: `user secret (default ${SANDBOX_DEFAULTS.userSecret})` },
	'--data-dir': {
		key: 'dataDir',
		kind: 'string',
		help: 'state and content directory, kept across restarts (default .sandbox-data)',
	},
	'--processing-ms': {
		key: 'processingMs',
		kind: 'int',
		help: `time an entry spends converting (default ${SANDBOX_DEFAULTS.processingMs})`,
	},
	'--latency-ms': { key: 'latencyMs', kind: 'int', help: 'delay added to every API response (default 0)' },
	'--bandwidth-mbps': {
		key: 'bandwidthMbps',
		kind: 'int',
		help: 'bandwidth of the link request bodies arrive through, Mbit/s (default 0 = unlimited)',
	},
	'--final-chunk-wait-ms': {
		key: 'finalChunkWaitIntervalMs',
		kind: 'int',
		help: 'interval of the final-chunk wait loop (default 1000)',
	},
	'--public-url': {
		key: 'publicUrl',
		kind: 'string',
		help: 'base URL written into dataUrl/downloadUrl (default: the listening address)',
	},
	'--verbose': { key: 'verbose', kind: 'bool', help: 'log one line per request to stderr' },
};

function usage(): string {
	const lines = Object.entries(FLAGS).map(([flag, f]) => `  ${flag.padEnd(22)} ${f.help}`);
	return `Usage: npm run sandbox -- [options]\n\n${lines.join('\n')}\n`;
}

function parseArgs(argv: string[]): SandboxOptions {
	const options: Record<string, string | number | boolean> = {};
	for (let i = 0; i < argv.length; i++) {
		const [name, inline] = argv[i].split(/=(.*)/s, 2);
		if (name === '--help' || name === '-h') {
			process.stdout.write(usage());
			process.exit(0);
		}
		const flag = FLAGS[name];
		if (!flag) throw new Error(`unknown option ${name}\n\n${usage()}`);
		if (flag.kind === 'bool') {
			options[flag.key] = true;
			continue;
		}
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`option ${name} needs a value`);
		if (flag.kind === 'int') {
			const n = Number(value);
			if (!Number.isInteger(n) || n < 0) throw new Error(`option ${name} needs a whole number, got "${value}"`);
			options[flag.key] = n;
		} else {
			options[flag.key] = value;
		}
	}
	return options as SandboxOptions;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	// The CLI keeps its state by default, so entries survive a restart of `npm start`.
	options.dataDir ??= '.sandbox-data';
	const sandbox = await startSandbox(options);
	process.stdout.write(
		`Kaltura sandbox listening on ${sandbox.url}\n` +
			`  partner ID ${sandbox.partnerId}, data in ${sandbox.dataDir}; stop with Ctrl-C\n`,
	);
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`Kaltura sandbox stopping (${signal})\n`);
		sandbox.close().then(
			() => process.exit(0),
			(err: unknown) => {
				process.stderr.write(`Kaltura sandbox: error while stopping: ${String(err)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	process.stderr.write(`Kaltura sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
