/**
 * Benchmark of the chunked upload engine against the Kaltura sandbox, on this machine.
 *
 * Run (from the repository root):
 *
 *   npx ts-node --transpile-only --project tsconfig.test.json test/bench/upload.ts
 *
 * Quick run (small files, a minute or so):
 *
 *   npx ts-node --transpile-only --project tsconfig.test.json test/bench/upload.ts --quick
 *
 * What it measures (each upload runs in its own child process, so its peak RSS is its own; the
 * sandbox runs in another process, started from sandbox/cli.ts):
 *   1. throughput: the engine (default 10 MiB chunks, 4 in parallel) vs `curl` posting the same
 *      file as one multipart request to uploadToken.upload of a fresh token — ratio, goal ≥ 0.9;
 *      a. over loopback with nothing in the way: uploader and sandbox then share this machine's
 *         CPUs, so the CPU time each side spends per GiB is printed too (the engine hashes every
 *         byte with SHA-256, curl does not);
 *      b. through the sandbox's emulated link (--link-mbps, default 1000 = 1 Gbit/s), where the
 *         network limits both, as it does between an n8n host and Kaltura;
 *   2. peak RSS of the uploading process for a small and a large file — goal: within 64 MiB.
 *      RSS is sampled every 5 ms while the upload runs; the base is taken just before it, after
 *      a full GC (so ts-node's compile garbage does not count);
 *   3. with the sandbox adding 50 ms to every response: 4 parallel chunks vs 1 — goal ≥ 3×.
 * The file is read as n8n's filesystem binary mode hands it over (a read stream of 1 MiB pieces);
 * Before every timed upload `sync` runs and the source file is read once (see prepareRun).
 *
 * Sizes and settings (flags, or the environment variables in brackets):
 *   --size-mib N          file for 1. [BENCH_SIZE_MIB]            default 1024
 *   --rss-small-mib N     small file for 2. [BENCH_RSS_SMALL_MIB] default 100
 *   --rss-large-mib N     large file for 2. [BENCH_RSS_LARGE_MIB] default 2048
 *   --latency-size-mib N  file for 3. [BENCH_LATENCY_SIZE_MIB]    default = --size-mib
 *   --latency-ms N        added per response in 3. [BENCH_LATENCY_MS] default 50
 *   --latency-chunk-mib N 3. is also run with this chunk size [BENCH_LATENCY_CHUNK_MIB] default 1
 *   --link-mbps N         link bandwidth for 1b., Mbit/s [BENCH_LINK_MBPS] default 1000
 *   --link-size-mib N     file for 1b. [BENCH_LINK_SIZE_MIB]          default = --size-mib
 *   --chunk-mib N         chunk size [BENCH_CHUNK_MIB]            default 10
 *   --concurrency N       parallel chunks [BENCH_CONCURRENCY]     default 4
 *   --repeat N            runs per throughput figure, best kept [BENCH_REPEAT] default 3
 *   --quick               sizes 128 / 32 / 256 / 128 / 128 MiB
 * Source files are written to a temporary directory and removed at the end; the disk needs
 * about twice the largest file free (source + the sandbox's assembled copy).
 */
import { spawn, spawnSync } from 'child_process';
import { createReadStream, createWriteStream, promises as fsp, readFileSync } from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';

import type { HttpRequest, HttpResponse } from '../../nodes/kaltura/client/client';
import { KalturaClient } from '../../nodes/kaltura/client/client';
import { postHttp } from '../helpers/postHttp';
import { STREAM_READ_SIZE, uploadFile, type UploadReport } from '../../nodes/kaltura/upload';

const MiB = 1024 * 1024;
const ROOT = path.resolve(__dirname, '..', '..');

interface ChildJob {
	url: string;
	partnerId: number;
	secret: string;
	file: string;
	chunkSize: number;
	concurrency: number;
	/** Size of the pieces the file stream yields (what the node asks getBinaryStream for). */
	readSize?: number;
}

interface ChildResult {
	report: UploadReport;
	/** Highest RSS sampled (every 5 ms) while the upload ran. */
	peakRssMiB: number;
	/** RSS just before the upload started (after loading the code and a full GC). */
	baseRssMiB: number;
	/** CPU time of the uploading process during the upload (user + system), in ms. */
	cpuMs: number;
}

// ---------------------------------------------------------------- child: one upload, then exit

async function runChild(job: ChildJob): Promise<void> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency + 4 });
	const send = (request: HttpRequest): Promise<HttpResponse> => postHttp(request, { agent });
	const client = new KalturaClient({
		credentials: {
			serviceUrl: job.url,
			partnerId: job.partnerId,
			authType: 'secret',
			secret: job.secret,
			sessionType: 2,
			sessionExpiry: 3600,
			userId: 'bench',
		},
		send,
		sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
	});
	const size = (await fsp.stat(job.file)).size;
	// Measure the upload, not ts-node compiling this code: collect that garbage first.
	(globalThis as { gc?: () => void }).gc?.();
	const baseRss = process.memoryUsage.rss();
	let peakRss = baseRss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5);
	const cpuBefore = process.cpuUsage();
	const report = await uploadFile(
		client,
		{
			size,
			fileName: path.basename(job.file),
			mimeType: 'video/mp4',
			// What n8n's filesystem binary mode hands over: a read stream with the chunk size as buffer size.
			open: async () =>
				createReadStream(job.file, { highWaterMark: job.readSize ?? Math.min(job.chunkSize, STREAM_READ_SIZE) }),
		},
		{ chunkSize: job.chunkSize, concurrency: job.concurrency, autoResume: false },
	);
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage.rss());
	agent.destroy();
	const result: ChildResult = {
		report,
		peakRssMiB: peakRss / MiB,
		baseRssMiB: baseRss / MiB,
		cpuMs: (cpu.user + cpu.system) / 1000,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------- parent: orchestration

interface Settings {
	sizeMiB: number;
	rssSmallMiB: number;
	rssLargeMiB: number;
	latencySizeMiB: number;
	latencyMs: number;
	latencyChunkMiB: number;
	linkMbps: number;
	linkSizeMiB: number;
	chunkMiB: number;
	concurrency: number;
	repeat: number;
}

function readSettings(argv: string[]): Settings {
	const flag = (name: string): string | undefined => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
	const num = (name: string, env: string, fallback: number): number => {
		const raw = flag(name) ?? process.env[env];
		const value = raw === undefined ? fallback : Number(raw);
		if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
		return value;
	};
	const sizeMiB = num('size-mib', 'BENCH_SIZE_MIB', quick ? 128 : 1024);
	return {
		sizeMiB,
		rssSmallMiB: num('rss-small-mib', 'BENCH_RSS_SMALL_MIB', quick ? 32 : 100),
		rssLargeMiB: num('rss-large-mib', 'BENCH_RSS_LARGE_MIB', quick ? 256 : 2048),
		latencySizeMiB: num('latency-size-mib', 'BENCH_LATENCY_SIZE_MIB', quick ? 128 : sizeMiB),
		latencyMs: num('latency-ms', 'BENCH_LATENCY_MS', 50),
		latencyChunkMiB: num('latency-chunk-mib', 'BENCH_LATENCY_CHUNK_MIB', 1),
		linkMbps: num('link-mbps', 'BENCH_LINK_MBPS', 1000),
		linkSizeMiB: num('link-size-mib', 'BENCH_LINK_SIZE_MIB', quick ? 128 : sizeMiB),
		chunkMiB: num('chunk-mib', 'BENCH_CHUNK_MIB', 10),
		concurrency: num('concurrency', 'BENCH_CONCURRENCY', 4),
		repeat: num('repeat', 'BENCH_REPEAT', 3),
	};
}

/** A file of pseudo-random bytes (random enough that nothing compresses or dedupes it). */
async function makeFile(dir: string, name: string, sizeMiB: number): Promise<string> {
	const file = path.join(dir, name);
	const out = createWriteStream(file);
	const block = Buffer.alloc(MiB);
	for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
	for (let m = 0; m < sizeMiB; m++) {
		block.writeUInt32LE(m, 0); // every MiB differs
		if (!out.write(Buffer.from(block))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
	}
	await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
	return file;
}

interface SandboxProcess {
	url: string;
	/** CPU time (user + system) the sandbox process has used so far, in ms; NaN where /proc is missing. */
	cpuMs: () => number;
	stop: () => Promise<void>;
}

/** Clock ticks per second, the unit of the CPU times in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

function processCpuMs(pid: number | undefined): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime + stime
	} catch {
		return Number.NaN;
	}
}

async function startSandboxProcess(dataDir: string): Promise<SandboxProcess> {
	const child = spawn(
		process.execPath,
		[
			// A larger young generation for the server. With the default one, the stream of
			// short-lived socket buffers sets off runs of full collections after a few GiB, and
			// whichever uploader ran then looked slower than it was.
			'--max-semi-space-size=32',
			require.resolve('ts-node/dist/bin.js'),
			'--transpile-only',
			'--project',
			'tsconfig.test.json',
			'sandbox/cli.ts',
			'--port',
			'0',
			'--data-dir',
			dataDir,
			'--processing-ms',
			'100',
		],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.stdout.on('data', (data: Buffer) => {
			seen += data.toString();
			const match = /listening on (http:\/\/\S+)/.exec(seen);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	return {
		url,
		cpuMs: () => processCpuMs(child.pid),
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

async function api(url: string, service: string, action: string, params: Record<string, unknown>): Promise<unknown> {
	const res = await fetch(`${url}/api_v3/service/${service}/action/${action}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ format: 1, ...params }),
	});
	const body = (await res.json()) as { objectType?: string; message?: string };
	if (body && body.objectType === 'KalturaAPIException') throw new Error(`${service}.${action}: ${body.message}`);
	return body;
}

function runUploaderChild(job: ChildJob): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				'--expose-gc',
				require.resolve('ts-node/dist/bin.js'),
				'--transpile-only',
				'--project',
				'tsconfig.test.json',
				'test/bench/upload.ts',
				'--child',
			],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'inherit'],
				env: { ...process.env, BENCH_CHILD_JOB: JSON.stringify(job) },
			},
		);
		let out = '';
		child.stdout.on('data', (data: Buffer) => (out += data.toString()));
		child.once('exit', (code) => {
			const line = out.trim().split('\n').pop() ?? '';
			if (code !== 0 || !line.startsWith('{')) reject(new Error(`uploader exited with ${code}: ${out}`));
			else resolve(JSON.parse(line) as ChildResult);
		});
	});
}

async function curlUpload(url: string, ks: string, file: string): Promise<number> {
	const size = (await fsp.stat(file)).size;
	const token = (await api(url, 'uploadtoken', 'add', {
		ks,
		uploadToken: { objectType: 'KalturaUploadToken', fileName: path.basename(file), fileSize: size },
	})) as { id: string };
	const json = JSON.stringify({ format: 1, ks, uploadTokenId: token.id, resume: false, finalChunk: true, resumeAt: 0 });
	const seconds = await new Promise<number>((resolve, reject) => {
		const child = spawn('curl', [
			'-sS',
			'-o',
			'/dev/null',
			'-w',
			'%{time_total}',
			'-F',
			`json=${json};type=application/json`,
			'-F',
			`fileData=@${file};filename=${path.basename(file)};type=application/octet-stream`,
			`${url}/api_v3/service/uploadtoken/action/upload`,
		]);
		let out = '';
		child.stdout.on('data', (data: Buffer) => (out += data.toString()));
		child.once('exit', (code) =>
			code === 0 ? resolve(Number(out.trim())) : reject(new Error(`curl exited with ${code}`)),
		);
	});
	const done = (await api(url, 'uploadtoken', 'get', { ks, uploadTokenId: token.id })) as {
		status: number;
		uploadedFileSize: number;
	};
	if (done.status !== 2 || done.uploadedFileSize !== size)
		throw new Error(`curl upload incomplete: ${JSON.stringify(done)}`);
	await api(url, 'uploadtoken', 'delete', { ks, uploadTokenId: token.id });
	return seconds * 1000;
}

/**
 * Before a timed run: writes dirty pages out, so no run pays for the previous one's disk writes,
 * and reads the source file once. Machines like this one keep only a few GB of page cache, so
 * after a run has written a GiB into the sandbox the source may be partly evicted again; each
 * uploader should find it cached alike.
 */
function prepareRun(file: string): void {
	spawnSync('sync');
	spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const fmt = (n: number, digits = 1): string => n.toFixed(digits);

async function main(): Promise<void> {
	const settings = readSettings(process.argv.slice(2));
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kaltura-upload-bench-'));
	const sandbox = await startSandboxProcess(path.join(dir, 'sandbox'));
	const partnerId = 100;
	const secret = 'sandbox-admin-secret';
	const ks = (await api(sandbox.url, 'session', 'start', { secret, partnerId, type: 2 })) as string;
	const job = (file: string, concurrency = settings.concurrency): ChildJob => ({
		url: sandbox.url,
		partnerId,
		secret,
		file,
		chunkSize: settings.chunkMiB * MiB,
		concurrency,
	});
	const engine = async (file: string, concurrency?: number, chunkMiB?: number): Promise<ChildResult> => {
		prepareRun(file);
		const result = await runUploaderChild({
			...job(file, concurrency),
			chunkSize: (chunkMiB ?? settings.chunkMiB) * MiB,
		});
		await api(sandbox.url, 'uploadtoken', 'delete', { ks, uploadTokenId: result.report.uploadTokenId });
		return result;
	};
	const rows: string[][] = [];
	const log = (line: string) => process.stderr.write(`${line}\n`);

	const setFaults = async (plan: { latencyMs?: number; bandwidthMbps?: number }): Promise<void> => {
		await fetch(`${sandbox.url}/__sandbox/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ ...plan, rules: [] }),
		});
	};
	const clearFaults = async (): Promise<void> => {
		await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
	};
	/** Best of `repeat` runs of the engine (parallel and one at a time) and curl, interleaved. */
	const compare = async (file: string, label: string, withSerial: boolean) => {
		const bytes = (await fsp.stat(file)).size;
		const best = { engine: Infinity, serial: Infinity, curl: Infinity };
		const cpu = { engine: Infinity, engineSandbox: Infinity, curlSandbox: Infinity };
		for (let r = 0; r < settings.repeat; r++) {
			let sandboxBefore = sandbox.cpuMs();
			const result = await engine(file);
			const engineSandbox = sandbox.cpuMs() - sandboxBefore;
			if (result.report.durationMs < best.engine) {
				best.engine = result.report.durationMs;
				cpu.engine = result.cpuMs;
				cpu.engineSandbox = engineSandbox;
			}
			log(
				`  ${label} engine run ${r + 1}: ${fmt(mbps(result.report.bytes, result.report.durationMs))} MB/s, CPU ${fmt(result.cpuMs / 1000, 2)} s (sandbox ${fmt(engineSandbox / 1000, 2)} s)`,
			);
			if (withSerial) {
				// One chunk at a time: the client's own overhead, without parallel requests competing
				// for the sandbox (on a small machine they share its CPUs and disk).
				const serial = await engine(file, 1);
				best.serial = Math.min(best.serial, serial.report.durationMs);
				log(`  ${label} engine × 1 run ${r + 1}: ${fmt(mbps(serial.report.bytes, serial.report.durationMs))} MB/s`);
			}
			prepareRun(file);
			sandboxBefore = sandbox.cpuMs();
			const curlMs = await curlUpload(sandbox.url, ks, file);
			const curlSandbox = sandbox.cpuMs() - sandboxBefore;
			if (curlMs < best.curl) {
				best.curl = curlMs;
				cpu.curlSandbox = curlSandbox;
			}
			log(
				`  ${label} curl run ${r + 1}: ${fmt(mbps(bytes, curlMs))} MB/s (sandbox CPU ${fmt(curlSandbox / 1000, 2)} s)`,
			);
		}
		return { best, cpu };
	};
	const ratioCell = (ratio: number): string => (ratio >= 0.9 ? 'goal ≥ 0.9 met' : 'goal ≥ 0.9 NOT met');

	try {
		// 1a. Throughput over loopback: engine vs curl, same file, same sandbox, best of N each.
		log(`writing ${settings.sizeMiB} MiB source file …`);
		const big = await makeFile(dir, 'throughput.bin', settings.sizeMiB);
		const bigBytes = settings.sizeMiB * MiB;
		const perGiB = (ms: number): string => `${fmt((ms / 1000) * (1024 / settings.sizeMiB), 2)} s`;
		const loop = await compare(big, 'loopback', true);
		const ratio = loop.best.curl / loop.best.engine;
		rows.push(
			[
				`engine ${settings.sizeMiB} MiB (${settings.chunkMiB} MiB × ${settings.concurrency})`,
				`${fmt(loop.best.engine / 1000, 2)} s`,
				`${fmt(mbps(bigBytes, loop.best.engine))} MB/s`,
				'',
			],
			[
				`curl ${settings.sizeMiB} MiB (one request)`,
				`${fmt(loop.best.curl / 1000, 2)} s`,
				`${fmt(mbps(bigBytes, loop.best.curl))} MB/s`,
				'',
			],
			['engine / curl throughput, loopback', '', fmt(ratio, 2), ratioCell(ratio)],
			[
				`engine ${settings.sizeMiB} MiB (${settings.chunkMiB} MiB × 1)`,
				`${fmt(loop.best.serial / 1000, 2)} s`,
				`${fmt(mbps(bigBytes, loop.best.serial))} MB/s`,
				'',
			],
			['engine × 1 / curl throughput', '', fmt(loop.best.curl / loop.best.serial, 2), ''],
			['CPU per GiB, engine run: uploader', '', perGiB(loop.cpu.engine), ''],
			['CPU per GiB, engine run: sandbox', '', perGiB(loop.cpu.engineSandbox), ''],
			['CPU per GiB, curl run: sandbox', '', perGiB(loop.cpu.curlSandbox), ''],
		);

		// 1b. Throughput through the sandbox's emulated link.
		const linkFile =
			settings.linkSizeMiB === settings.sizeMiB ? big : await makeFile(dir, 'link.bin', settings.linkSizeMiB);
		const linkBytes = settings.linkSizeMiB * MiB;
		await setFaults({ bandwidthMbps: settings.linkMbps });
		log(`link of ${settings.linkMbps} Mbit/s, ${settings.linkSizeMiB} MiB …`);
		const link = await compare(linkFile, `${settings.linkMbps} Mbit/s`, false);
		await clearFaults();
		if (linkFile !== big) await fsp.rm(linkFile);
		const linkRatio = link.best.curl / link.best.engine;
		rows.push(
			[
				`engine ${settings.linkSizeMiB} MiB, ${settings.linkMbps} Mbit/s link`,
				`${fmt(link.best.engine / 1000, 2)} s`,
				`${fmt(mbps(linkBytes, link.best.engine))} MB/s`,
				'',
			],
			[
				`curl ${settings.linkSizeMiB} MiB, ${settings.linkMbps} Mbit/s link`,
				`${fmt(link.best.curl / 1000, 2)} s`,
				`${fmt(mbps(linkBytes, link.best.curl))} MB/s`,
				'',
			],
			[`engine / curl throughput, ${settings.linkMbps} Mbit/s link`, '', fmt(linkRatio, 2), ratioCell(linkRatio)],
		);
		if (settings.latencySizeMiB !== settings.sizeMiB) await fsp.rm(big);

		// 2. Peak RSS of the uploading process, small vs large file.
		log(`writing ${settings.rssSmallMiB} MiB and measuring …`);
		const smallFile = await makeFile(dir, 'rss-small.bin', settings.rssSmallMiB);
		const small = await engine(smallFile);
		await fsp.rm(smallFile);
		log(`writing ${settings.rssLargeMiB} MiB and measuring …`);
		const largeFile = await makeFile(dir, 'rss-large.bin', settings.rssLargeMiB);
		const large = await engine(largeFile);
		await fsp.rm(largeFile);
		const rssDelta = large.peakRssMiB - small.peakRssMiB;
		const rssCell = (r: ChildResult) => `${fmt(r.peakRssMiB)} MiB (base ${fmt(r.baseRssMiB)})`;
		rows.push(
			[`peak RSS, ${settings.rssSmallMiB} MiB file`, `${fmt(small.report.durationMs / 1000, 2)} s`, rssCell(small), ''],
			[`peak RSS, ${settings.rssLargeMiB} MiB file`, `${fmt(large.report.durationMs / 1000, 2)} s`, rssCell(large), ''],
			[
				'peak RSS difference',
				'',
				`${fmt(rssDelta)} MiB`,
				Math.abs(rssDelta) <= 64 ? 'goal ≤ 64 MiB met' : 'goal ≤ 64 MiB NOT met',
			],
		);

		// 3. Latency: every response delayed; parallel chunks vs one at a time.
		const latencyFile =
			settings.latencySizeMiB === settings.sizeMiB ? big : await makeFile(dir, 'latency.bin', settings.latencySizeMiB);
		await setFaults({ latencyMs: settings.latencyMs });
		const latBytes = settings.latencySizeMiB * MiB;
		// The default chunk size, and a small one where each request is mostly waiting.
		for (const chunkMiB of [...new Set([settings.chunkMiB, settings.latencyChunkMiB])]) {
			log(`latency ${settings.latencyMs} ms, ${chunkMiB} MiB chunks: 1 at a time …`);
			const serial = await engine(latencyFile, 1, chunkMiB);
			log(`latency ${settings.latencyMs} ms, ${chunkMiB} MiB chunks: ${settings.concurrency} in parallel …`);
			const parallel = await engine(latencyFile, settings.concurrency, chunkMiB);
			const speedup = serial.report.durationMs / parallel.report.durationMs;
			rows.push(
				[
					`+${settings.latencyMs} ms/response, ${chunkMiB} MiB × 1`,
					`${fmt(serial.report.durationMs / 1000, 2)} s`,
					`${fmt(mbps(latBytes, serial.report.durationMs))} MB/s`,
					'',
				],
				[
					`+${settings.latencyMs} ms/response, ${chunkMiB} MiB × ${settings.concurrency}`,
					`${fmt(parallel.report.durationMs / 1000, 2)} s`,
					`${fmt(mbps(latBytes, parallel.report.durationMs))} MB/s`,
					'',
				],
				[
					`speed-up ${settings.concurrency} vs 1 (${chunkMiB} MiB chunks)`,
					'',
					`${fmt(speedup, 2)}×`,
					speedup >= 3 ? 'goal ≥ 3× met' : 'goal ≥ 3× NOT met',
				],
			);
		}
		await clearFaults();
	} finally {
		await sandbox.stop();
		await fsp.rm(dir, { recursive: true, force: true });
	}

	const header = ['measurement', 'time', 'result', 'goal'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	process.stdout.write(
		[
			`Upload engine benchmark — ${os.cpus().length} CPU, node ${process.version}, ${new Date().toISOString()}`,
			line(header),
			`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
			...rows.map(line),
		].join('\n') + '\n',
	);
}

if (process.argv.includes('--child')) {
	runChild(JSON.parse(process.env.BENCH_CHILD_JOB ?? '{}') as ChildJob).catch((error: unknown) => {
		process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
		process.exit(1);
	});
} else {
	main().catch((error: unknown) => {
		process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
		process.exit(1);
	});
}
