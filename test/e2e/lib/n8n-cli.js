'use strict';
/**
 * Runs n8n CLI commands (import, publish, execute, start) of the pinned runner under the Node 24
 * that runs this harness, with every line of output kept in a log file, and measures peak
 * memory. The n8n environment (N8N_USER_FOLDER, key, ports) comes from run.sh / start.sh.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The runner's node_modules (setup.sh installs it; run.sh and start.sh export its path). */
const RUNNER = process.env.E2E_RUNNER_MODULES || path.resolve(__dirname, '..', '.work', 'runner', 'node_modules');
const N8N_BIN = path.join(RUNNER, 'n8n', 'bin', 'n8n');

/** n8n processes started here and still running; stopped if the harness is interrupted. */
const live = new Set();
function track(child) {
	live.add(child);
	child.on('exit', () => live.delete(child));
	return child;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		for (const child of live) child.kill('SIGTERM');
		process.exit(130);
	});
}

/** Highest resident set size the kernel recorded for a process (VmHWM), in bytes; 0 if gone. */
function peakRssOf(pid) {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/**
 * Runs `n8n <args>`; resolves {code, stdout, durationMs, peakRssBytes}. stdout is also kept
 * (the `execute --rawOutput` JSON is in it); stdout and stderr both go to `logFile`.
 */
function runN8n(args, { logFile, timeoutMs = 15 * 60 * 1000, env = process.env } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const log = fs.openSync(logFile, 'a');
		fs.writeSync(log, `\n$ n8n ${args.join(' ')}\n`);
		const child = track(spawn(process.execPath, [N8N_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
		const out = [];
		let peak = 0;
		// VmHWM only grows, so the last reading before exit is the peak (to within one interval).
		const sampler = setInterval(() => {
			peak = Math.max(peak, peakRssOf(child.pid));
		}, 200);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.stdout.on('data', (chunk) => {
			out.push(chunk);
			fs.writeSync(log, chunk);
		});
		child.stderr.on('data', (chunk) => fs.writeSync(log, chunk));
		child.on('error', (err) => {
			clearInterval(sampler);
			clearTimeout(timer);
			fs.closeSync(log);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(sampler);
			clearTimeout(timer);
			const durationMs = Date.now() - started;
			fs.writeSync(log, `\n# exit ${code ?? signal} after ${durationMs} ms\n`);
			fs.closeSync(log);
			resolve({ code: code ?? 1, signal, stdout: Buffer.concat(out).toString('utf8'), durationMs, peakRssBytes: peak });
		});
	});
}

/** Like runN8n, but a non-zero exit is an error carrying the log file's name. */
async function n8n(args, options) {
	const r = await runN8n(args, options);
	if (r.code !== 0) {
		const err = new Error(`n8n ${args[0]} exited with ${r.code} (log: ${options.logFile})`);
		err.logFile = options.logFile;
		throw err;
	}
	return r;
}

/** Starts `n8n start` in the background; the caller stops it with stopServer(). */
function startServer({ logFile, env = process.env }) {
	const log = fs.openSync(logFile, 'a');
	const child = track(spawn(process.execPath, [N8N_BIN, 'start'], { env, stdio: ['ignore', log, log] }));
	fs.closeSync(log);
	return child;
}

async function waitForReady(child, baseUrl, { timeoutMs = 120000, logFile } = {}) {
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw Object.assign(new Error(`n8n start exited with ${child.exitCode}`), { logFile });
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`);
			if (res.ok) return Date.now() - started;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > timeoutMs)
			throw Object.assign(new Error('n8n start was not ready in time'), { logFile });
		await new Promise((r) => setTimeout(r, 300));
	}
}

function stopServer(child, { timeoutMs = 20000 } = {}) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

module.exports = { RUNNER, runN8n, n8n, startServer, waitForReady, stopServer, peakRssOf };
