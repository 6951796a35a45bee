'use strict';
/**
 * The data-driven part of `npm run test:e2e`. run.sh has built and installed the package into a
 * fresh n8n user folder and started the Kaltura sandbox; this imports the credential, the
 * examples and the case workflows, then runs every case and the editor checks
 * (lib/editor-checks.js), and prints `N passed, N failed`.
 *
 * A case is test/e2e/cases/<name>.check.js plus one of
 *   <name>.workflow.json         run headless with `n8n execute` (starts at a Manual Trigger)
 *   <name>.server.workflow.json  published and run inside `n8n start` (triggers, webhooks, forms)
 * Workflow files may use __SANDBOX_URL__, __MEDIA_URL__, __FILES__ and __PARTNER_ID__, or be
 * {"fromExample": "<file in examples/>", "replace": {...}}. The check module exports
 * `check(ctx)` (or is that function) and optionally `prepare(ctx)`, `expectExecutionError` and
 * `runAgain` ({ prepare?, check, expectExecutionError? }: the workflow runs a second time).
 * See test/e2e/README.md for ctx.
 *
 * Environment (set by run.sh): E2E_RUN_DIR, SANDBOX_URL, N8N_* of the throw-away n8n,
 * E2E_CASES (optional comma-separated name filter; "editor" names the editor checks).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { n8n, runN8n } = require('./n8n-cli');
const { parseExecuteStdout, RunResult } = require('./run-output');
const { startMediaServer } = require('./media');
const { writeCredentialFile, SANDBOX_CREDENTIAL } = require('./credential');
const { RUN_DIR, SANDBOX_URL, USER_FOLDER, LOG_DIR, isSelected, required } = require('./run-config');
const { discoverCases, loadCheck, baseContext } = require('./cases');
const { record, summary, tailOf, fmtMiB } = require('./report');
const { runServerPhase } = require('./server-phase');
const { EDITOR_CHECKS } = require('./editor-checks');
const { editorPanelWorkflows, editorRunWorkflow } = require('./editor-run-example');
const wf = require('./workflows');

/** n8n's community-package scan (the ESLint gate of @n8n/scan-community-package) on the packed tarball. */
async function scanPackage() {
	const tgz = required('E2E_PACKAGE_TGZ');
	const logFile = path.join(LOG_DIR, 'scan.log');
	const dir = path.join(RUN_DIR, 'scan');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const started = Date.now();
	try {
		execFileSync('tar', ['-xzf', tgz, '-C', dir]);
		const repoRoot = path.resolve(__dirname, '..', '..', '..');
		const out = execFileSync(
			process.execPath,
			[path.join(__dirname, 'scan-package.mjs'), repoRoot, path.join(dir, 'package')],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		fs.writeFileSync(logFile, out);
		record(`community package scan of ${path.basename(tgz)}`, true, { ms: Date.now() - started });
	} catch (err) {
		fs.writeFileSync(logFile, `${err.stdout || ''}${err.stderr || ''}`);
		record(`community package scan of ${path.basename(tgz)}`, false, {
			ms: Date.now() - started,
			error: new Error('scan failed'),
			logFile,
		});
	}
}

async function importCredential() {
	const logFile = path.join(LOG_DIR, 'import.log');
	const file = path.join(RUN_DIR, 'credentials.json');
	const cred = writeCredentialFile(file, { sandboxUrl: SANDBOX_URL });
	try {
		await n8n(['import:credentials', `--input=${file}`], { logFile });
	} finally {
		fs.rmSync(file, { force: true });
	}
	return cred;
}

/**
 * Imports examples/*.json as users would (all in one `n8n import:workflow`, or one by one to
 * find the culprit if that fails). Returns the ones that imported; their node types are checked
 * once n8n runs (runServerPhase), where each example gets its result line.
 */
async function importExamples(credential) {
	const logFile = path.join(LOG_DIR, 'examples.log');
	const dir = path.join(RUN_DIR, 'examples');
	fs.mkdirSync(dir, { recursive: true });
	let candidates = [];
	for (const file of wf.exampleFiles()) {
		const name = `example ${path.basename(file)}`;
		try {
			const { workflow, problems } = wf.checkExampleShape(file);
			if (problems.length) throw new Error(problems.join('; '));
			const copy = path.join(dir, path.basename(file));
			fs.writeFileSync(copy, JSON.stringify(wf.useSampleMedia(wf.useCredential(workflow, credential), SANDBOX_URL)));
			candidates.push({ name, file, copy, workflow });
		} catch (err) {
			record(`${name} imports`, false, { error: err });
		}
	}
	if (candidates.length === 0) return [];
	const batch = await runN8n(['import:workflow', '--separate', `--input=${dir}`], { logFile });
	if (batch.code !== 0) {
		const ok = [];
		for (const ex of candidates) {
			try {
				await n8n(['import:workflow', `--input=${ex.copy}`], { logFile });
				ok.push(ex);
			} catch (err) {
				record(`${ex.name} imports`, false, { error: err, logFile });
			}
		}
		candidates = ok;
	}
	const list = await n8n(['list:workflow'], { logFile });
	return candidates.filter((ex) => {
		if (list.stdout.includes(`${ex.workflow.id}|`)) return true;
		record(`${ex.name} imports`, false, { error: new Error(`id ${ex.workflow.id} not listed after import`), logFile });
		return false;
	});
}

/** Runs the case's workflow in a new `n8n execute` process; its run data lands in ctx.run. */
async function executeWorkflow(c, ctx, { timeoutMs, expectExecutionError }) {
	const r = await runN8n(['execute', `--id=${c.workflowId}`, '--rawOutput'], {
		logFile: c.logFile,
		timeoutMs: timeoutMs || 20 * 60 * 1000,
	});
	const parsed = parseExecuteStdout(r.stdout);
	if (!parsed)
		throw Object.assign(new Error(`n8n execute (exit ${r.code}) printed no run data`), { logFile: c.logFile });
	ctx.run = new RunResult(parsed);
	ctx.stats = { durationMs: r.durationMs, peakRssBytes: r.peakRssBytes };
	if (ctx.run.error && !expectExecutionError) {
		const e = ctx.run.error;
		throw Object.assign(
			new Error(
				`workflow failed in node "${(e.node && e.node.name) || ctx.run.lastNodeExecuted}": ${e.message}${e.description ? ` (${e.description})` : ''}`,
			),
			{
				logFile: c.logFile,
			},
		);
	}
	return r;
}

async function runActionCase(c, spec, ctx, baseline) {
	const started = Date.now();
	ctx.baselineRssBytes = baseline.rss;
	const r = await executeWorkflow(c, ctx, spec);
	await spec.check(ctx);
	if (spec.runAgain) {
		// The same workflow once more, in another n8n process (as a retry on another worker would run).
		ctx.firstRun = ctx.run;
		if (spec.runAgain.prepare) await spec.runAgain.prepare(ctx);
		await executeWorkflow(c, ctx, {
			timeoutMs: spec.timeoutMs,
			expectExecutionError: spec.runAgain.expectExecutionError,
		});
		await spec.runAgain.check(ctx);
	}
	if (!baseline.rss || r.peakRssBytes < baseline.rss) baseline.rss = r.peakRssBytes;
	return { ms: Date.now() - started, rss: r.peakRssBytes };
}

async function main() {
	fs.mkdirSync(LOG_DIR, { recursive: true });
	const mediaDir = path.join(RUN_DIR, 'media');
	fs.mkdirSync(mediaDir, { recursive: true });
	const media = { ...(await startMediaServer(mediaDir)), dir: mediaDir };

	try {
		await scanPackage();
		const credential = await importCredential();
		console.log(`imported credential "${credential.name}" (${credential.id}) → ${credential.serviceUrl}`);

		// Cases: load, substitute, import all at once.
		const cases = discoverCases();
		const ready = [];
		const wfDir = path.join(RUN_DIR, 'workflows');
		fs.mkdirSync(wfDir, { recursive: true });
		for (const c of cases) {
			try {
				c.spec = loadCheck(c);
				fs.mkdirSync(c.filesDir, { recursive: true });
				const vars = { SANDBOX_URL, MEDIA_URL: media.url, FILES: c.filesDir, PARTNER_ID: 100 };
				const workflow = wf.useCredential(wf.loadCaseWorkflow(c.workflowFile, c.name, vars), SANDBOX_CREDENTIAL);
				c.workflowId = workflow.id;
				fs.writeFileSync(path.join(wfDir, `${c.name}.json`), JSON.stringify(workflow, null, 1));
				ready.push(c);
			} catch (err) {
				record(c.name, false, { error: err });
			}
		}
		// The editor checks (E2E_CASES=editor selects them alone) run an example from the canvas:
		// its workflow, with the sandbox's sample media, is imported with the cases.
		const editor = isSelected(EDITOR_CHECKS) ? { run: null } : null;
		if (editor) {
			try {
				editor.run = editorRunWorkflow({ sandboxUrl: SANDBOX_URL, credential });
				fs.writeFileSync(path.join(wfDir, 'editor-run.json'), JSON.stringify(editor.run.workflow, null, 1));
				// Workflows whose nodes are only opened: every operation, picker mode and dropdown.
				editor.panels = editorPanelWorkflows(credential);
				for (const panel of editor.panels)
					fs.writeFileSync(
						path.join(wfDir, `editor-${path.basename(panel.file)}`),
						JSON.stringify(panel.workflow, null, 1),
					);
			} catch (err) {
				record('editor: the example to run from the canvas', false, { error: err });
			}
		}
		if (ready.length || (editor && editor.run)) {
			await n8n(['import:workflow', '--separate', `--input=${wfDir}`], { logFile: path.join(LOG_DIR, 'import.log') });
		}

		const examples = await importExamples(credential);
		console.log(`imported ${examples.length} example workflow(s) and ${ready.length} case workflow(s)`);

		// Action cases, one `n8n execute` each.
		const baseline = { rss: 0 };
		for (const c of ready.filter((x) => x.kind === 'action')) {
			const ctx = baseContext(c, media);
			const started = Date.now();
			try {
				if (c.spec.prepare) await c.spec.prepare(ctx);
				const { rss } = await runActionCase(c, c.spec, ctx, baseline);
				record(c.name, true, { ms: Date.now() - started, notes: [`peak RSS ${fmtMiB(rss)}`, ...ctx.notes] });
			} catch (err) {
				record(c.name, false, {
					ms: Date.now() - started,
					notes: ctx.notes,
					error: err,
					logFile: err.logFile,
					seeLog: c.logFile,
				});
			} finally {
				// A case's injected faults end with it, whatever happened.
				await ctx.sandbox.clearFaults().catch(() => undefined);
				// Every execution leaves a copy of its binary data; the CLI never prunes it.
				fs.rmSync(path.join(USER_FOLDER, '.n8n', 'storage'), { recursive: true, force: true });
				fs.rmSync(c.filesDir, { recursive: true, force: true });
			}
		}

		await runServerPhase(
			ready.filter((x) => x.kind === 'server'),
			examples,
			media,
			editor,
		);
	} finally {
		await media.close();
	}

	return summary();
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.log(`e2e harness error: ${err && err.stack ? err.stack : err}`);
		if (err && err.logFile) console.log(tailOf(err.logFile, 40));
		summary(1);
		process.exit(1);
	},
);
