'use strict';
/**
 * What a user sees in the n8n editor, checked in headless Chromium while `n8n start` runs:
 *   1. signing in through the sign-in page;
 *   2. every example: its canvas shows no node with n8n's issues warning; each node of this
 *      package, opened with a double-click, shows the parameters n8n's display rules call for and
 *      its credential, with no parameter issues warning and no error notification;
 *   3. one example run with the canvas's "Execute workflow" button: every node that ran turns
 *      green (lib/editor-run-example.js says which, and where its media comes from).
 * Each check is one result line; screenshots go to logs/editor/, the browser's console to
 * logs/editor/browser.log.
 */
const fs = require('fs');
const path = require('path');
const { launchChromium } = require('./browser');
const { EditorPage } = require('./editor-page');
const { displayedParameters, describeParameter } = require('./displayed-parameters');
const { record } = require('./report');

/** The name E2E_CASES selects the editor checks by. */
const EDITOR_CHECKS = 'editor';

/** This package's node types are `<package name>.<node>`. */
const PACKAGE_NODE_PREFIX = `${require('../../../package.json').name}.`;
const STICKY_NOTE = 'n8n-nodes-base.stickyNote'; // the one node type the canvas draws without a node element

const slug = (text) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
const quoted = (names) => names.map((n) => `"${n}"`).join(', ');

/** What the editor showed wrong: an error whose message is the whole story (no stack to read). */
function finding(problems) {
	const err = new Error(problems.join('\n'));
	err.stack = err.message;
	return err;
}

/**
 * Runs `fn(notes)` as one result line. On failure the note names the screenshot of what the
 * editor showed (`shot`, taken now if the check did not get to it) and the browser's log.
 */
async function check(name, shot, fn, { editor, browserLog }) {
	const started = Date.now();
	const notes = [];
	try {
		await fn(notes);
		record(name, true, { ms: Date.now() - started, notes });
		return true;
	} catch (err) {
		if (editor && !fs.existsSync(shot)) await editor.screenshot(shot).catch(() => undefined);
		if (fs.existsSync(shot)) notes.push(`screenshot ${path.relative(process.cwd(), shot)}`);
		if (fs.existsSync(browserLog)) notes.push(`browser log ${path.relative(process.cwd(), browserLog)}`);
		record(name, false, { ms: Date.now() - started, notes, error: err });
		return false;
	}
}

function issuesMessage(nodes) {
	return nodes.map((n) => `"${n.name}"${n.issues ? ` (${n.issues})` : ''}`).join('; ');
}

async function checkCanvas(editor, workflow, shot, notes) {
	const nodes = workflow.nodes.filter((n) => n.type !== STICKY_NOTE);
	await editor.openWorkflow(
		workflow.id,
		nodes.map((n) => n.name),
	);
	await editor.screenshot(shot);
	const problems = [];
	const withIssues = await editor.nodesWithIssues();
	if (withIssues.length) problems.push(`nodes with n8n's issues warning: ${issuesMessage(withIssues)}`);
	for (const e of await editor.errorNotifications()) problems.push(`error notification: ${e}`);
	if (problems.length) throw finding(problems);
	notes.push(`${nodes.length} nodes`);
}

async function checkNodeDetails(editor, node, nodeTypes, shot, notes) {
	await editor.openNode(node.name);
	try {
		const shown = await editor.nodeDetails();
		await editor.screenshotNode(shot);
		const expected = displayedParameters(node, nodeTypes);
		const problems = [];
		const missing = expected.filter((p) => !shown.parameters.includes(p.name));
		if (missing.length)
			problems.push(
				`node "${node.name}": parameters not shown: ${missing.map((p) => `"${p.displayName}" (${p.name})`).join(', ')}`,
			);
		for (const issue of shown.issues) {
			const parameter = issue.parameter ? describeParameter(node, nodeTypes, issue.parameter) : 'a parameter';
			problems.push(
				`node "${node.name}": ${parameter} shows n8n's issues warning${issue.text ? `: ${issue.text}` : ''}`,
			);
		}
		for (const credential of Object.values(node.credentials || {})) {
			if (!shown.credentials.includes(credential.name))
				problems.push(
					`node "${node.name}": the credential field shows "${shown.credentials}", not "${credential.name}"`,
				);
		}
		for (const e of shown.errors) problems.push(`error notification: ${e}`);
		if (problems.length) throw finding(problems);
		notes.push(`${expected.length} parameters: ${expected.map((p) => p.name).join(', ')}`);
	} finally {
		await editor.closeNode().catch(() => editor.page.keyboard.press('Escape'));
	}
}

/** The example run: Execute workflow on the canvas, then every node that ran must be green. */
async function checkRun(editor, run, executions, shot, notes) {
	const { workflow } = run;
	await checkCanvas(editor, workflow, shot, []);
	await editor.executeWorkflow();
	// n8n saves the manual execution when it ends; its run data says which nodes ran.
	const list = await executions({ count: 1, timeoutMs: 3 * 60 * 1000 });
	const execution = list[list.length - 1];
	const ran = execution.result.nodesRun;
	await editor.waitForRunEnd();
	const states = await editor.waitForRunStates(ran);
	await editor.screenshot(shot);

	const problems = [];
	if (execution.status !== 'success') {
		const e = execution.result.error;
		problems.push(
			`execution ${execution.id} ended "${execution.status}"${e ? `: ${(e.node && e.node.name) || ''} ${e.message}` : ''}`,
		);
	}
	const packageNodes = workflow.nodes.filter((n) => n.type.startsWith(PACKAGE_NODE_PREFIX)).map((n) => n.name);
	const notRun = packageNodes.filter((n) => !ran.includes(n));
	if (notRun.length) problems.push(`did not run: ${quoted(notRun)}`);
	const notGreen = ran.filter((n) => states[n] !== 'success');
	if (notGreen.length)
		problems.push(
			`ran but not green on the canvas: ${notGreen.map((n) => `"${n}" (${states[n] || 'not on the canvas'})`).join(', ')}`,
		);
	const withIssues = await editor.nodesWithIssues();
	if (withIssues.length) problems.push(`nodes with n8n's issues warning: ${issuesMessage(withIssues)}`);
	for (const e of await editor.errorNotifications()) problems.push(`error notification: ${e}`);
	if (problems.length) throw finding(problems);

	notes.push(`${ran.length} nodes ran`);
	for (const name of packageNodes) {
		const items = execution.result.itemsOf(name).concat(execution.result.itemsOf(name, 1));
		const created = items.filter((i) => i.json.id && !i.json.skipped).length;
		notes.push(`"${name}" → ${items.length} items, ${created} new entries`);
	}
}

/**
 * Runs the editor checks against the n8n at `baseUrl`.
 *   owner       the instance owner {email, password} to sign in with
 *   examples    [{file, workflow}] imported examples (ids as in examples/)
 *   nodeTypes   the node types n8n serves (/types/nodes.json)
 *   run         {exampleFile, workflow} the imported workflow to execute
 *   executions  ({count, timeoutMs}) → finished executions of run.workflow
 *   dir         screenshots and browser.log;  profileDir  Chromium's throw-away profile
 */
async function runEditorChecks({ baseUrl, owner, examples, nodeTypes, run, executions, dir, profileDir }) {
	fs.mkdirSync(dir, { recursive: true });
	const browserLog = path.join(dir, 'browser.log');
	let browser;
	const ok = await check(
		'editor: headless Chromium starts',
		'',
		async (notes) => {
			browser = await launchChromium({ profileDir, logFile: browserLog });
			notes.push(`screenshots in ${path.relative(process.cwd(), dir)}`);
		},
		{ browserLog },
	);
	if (!ok) return;

	const editor = new EditorPage(browser.page, baseUrl);
	const ctx = { editor, browserLog };
	try {
		const signedIn = await check(
			'editor: sign in through the sign-in page',
			path.join(dir, 'sign-in.png'),
			() => editor.signIn(owner),
			ctx,
		);
		if (!signedIn) return;

		for (const ex of examples) {
			const base = path.basename(ex.file);
			const stem = slug(path.basename(ex.file, '.json'));
			const canvasShot = path.join(dir, `${stem}.png`);
			await check(
				`editor: ${base}: canvas without node issues`,
				canvasShot,
				(notes) => checkCanvas(editor, ex.workflow, canvasShot, notes),
				ctx,
			);
			for (const node of ex.workflow.nodes.filter((n) => n.type.startsWith(PACKAGE_NODE_PREFIX))) {
				const shot = path.join(dir, `${stem}--${slug(node.name)}.png`);
				await check(
					`editor: ${base}: "${node.name}" details without parameter issues`,
					shot,
					(notes) => checkNodeDetails(editor, node, nodeTypes, shot, notes),
					ctx,
				);
			}
		}

		if (run) {
			const shot = path.join(dir, `run--${slug(path.basename(run.exampleFile, '.json'))}.png`);
			await check(
				`editor: ${run.exampleFile} run with "Execute workflow": every node that ran is green`,
				shot,
				(notes) => checkRun(editor, run, executions, shot, notes),
				ctx,
			);
		}
	} finally {
		await browser.close();
	}
}

module.exports = { runEditorChecks, EDITOR_CHECKS, PACKAGE_NODE_PREFIX };
