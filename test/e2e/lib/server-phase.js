'use strict';
/**
 * The part of the run inside `n8n start`: published server cases, the examples' node types, the
 * credential's Test connection through n8n's REST API, and the editor checks in headless Chromium.
 */
const assert = require('assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { RUNNER, n8n, startServer, waitForReady, stopServer } = require('./n8n-cli');
const { waitForExecutions } = require('./executions-db');
const { RUN_DIR, USER_FOLDER, LOG_DIR, SANDBOX_URL } = require('./run-config');
const { baseContext } = require('./cases');
const { record, fmtSec } = require('./report');
const { runEditorChecks } = require('./editor-checks');
const wf = require('./workflows');

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/** Signs in as the owner; returns fetch() for n8n's REST API with the session cookie. */
async function signIn(baseUrl, owner) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!res.ok) throw new Error(`sign-in to n8n failed: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return (restPath, init = {}) =>
		fetch(`${baseUrl}/rest/${restPath.replace(/^\/+/, '')}`, { ...init, headers: { ...(init.headers || {}), cookie } });
}

/** A new app token in the sandbox (made with the partner's admin session), for the Test checks. */
async function sandboxAppToken(hashType) {
	const call = async (service, action, params) => {
		const res = await fetch(`${SANDBOX_URL}/api_v3/service/${service}/action/${action}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ format: 1, ...params }),
		});
		return await res.json();
	};
	const ks = await call('session', 'start', { secret: 'sandbox-admin-secret', partnerId: 100, type: 2 });
	return await call('appToken', 'add', { ks, appToken: { objectType: 'KalturaAppToken', hashType, sessionType: 2 } });
}

/**
 * The credential's "Test connection" button, through n8n's REST API: passes with the stored
 * secret and fails with the credential's own message for a wrong one; with an app token, passes
 * with the right values and says which one is wrong (the token, or the hash type).
 */
async function credentialConnectionTests(rest) {
	const stored = await (await rest('credentials/kalturaSandbox01?includeData=true')).json();
	const test = async (changes) => {
		const { id, name, type, data } = stored.data;
		const credentials = { id, name, type, data: { ...data, ...changes } };
		const res = await rest('credentials/test', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ credentials }),
		});
		return (await res.json()).data;
	};
	const started = Date.now();
	try {
		const good = await test({});
		assert.equal(good.status, 'OK', `Test connection with the stored secret: ${JSON.stringify(good)}`);
		const bad = await test({ secret: 'not-the-secret' });
		assert.equal(bad.status, 'Error', `Test connection with a wrong secret: ${JSON.stringify(bad)}`);
		assert.match(bad.message, /secret|Partner ID/i);
		record('credential "Kaltura sandbox": Test connection in n8n', true, {
			ms: Date.now() - started,
			notes: [`wrong secret → "${bad.message}"`],
		});
	} catch (err) {
		record('credential "Kaltura sandbox": Test connection in n8n', false, { ms: Date.now() - started, error: err });
	}

	const tokenStarted = Date.now();
	try {
		const token = await sandboxAppToken('SHA1');
		const withToken = (changes) =>
			test({ authType: 'appToken', appTokenId: token.id, appToken: token.token, hashType: 'SHA1', ...changes });
		const good = await withToken({});
		assert.equal(good.status, 'OK', `Test with the right app token: ${JSON.stringify(good)}`);
		const wrongToken = await withToken({ appToken: 'not-the-token' });
		assert.equal(wrongToken.status, 'Error', JSON.stringify(wrongToken));
		assert.match(wrongToken.message, /^The App Token value is wrong/, JSON.stringify(wrongToken));
		const wrongHash = await withToken({ hashType: 'SHA256' });
		assert.equal(wrongHash.status, 'Error');
		assert.match(
			wrongHash.message,
			/^The Hash Type is wrong: this app token was created with SHA-1/,
			JSON.stringify(wrongHash),
		);
		for (const message of [wrongToken.message, wrongHash.message])
			assert.ok(!message.includes(token.token), 'the token must not appear');
		record('credential with an app token: Test connection in n8n', true, {
			ms: Date.now() - tokenStarted,
			notes: [`wrong token → "${wrongToken.message}"`, `wrong hash type → "${wrongHash.message}"`],
		});
	} catch (err) {
		record('credential with an app token: Test connection in n8n', false, {
			ms: Date.now() - tokenStarted,
			error: err,
		});
	}
}

/**
 * n8n answers /healthz/readiness before it has activated the published workflows, so a webhook
 * can be "not registered" (404) for a few seconds after start: retry those for up to 60 s.
 * `init` is rebuilt per try (a body stream can be read only once).
 */
async function fetchRegistered(url, init) {
	const started = Date.now();
	for (;;) {
		const res = await fetch(url, typeof init === 'function' ? init() : init);
		if (res.status !== 404 || Date.now() - started > 60000) return res;
		await res.arrayBuffer();
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/**
 * Publishes the server cases, starts `n8n start` once, checks the examples against the node
 * types it serves, then runs each server case's check (which triggers its workflow), then the
 * editor checks unless `editor` is null ({run}: the imported workflow to execute, or null).
 */
async function runServerPhase(serverCases, examples, media, editor) {
	const logFile = path.join(LOG_DIR, 'server.log');
	const contexts = new Map();
	const active = [];
	for (const c of serverCases) {
		const ctx = baseContext(c, media);
		try {
			if (c.spec.prepare) await c.spec.prepare(ctx);
			await n8n(['publish:workflow', `--id=${c.workflowId}`], { logFile: c.logFile });
			contexts.set(c, ctx);
			active.push(c);
		} catch (err) {
			record(c.name, false, { error: err, logFile: err.logFile || c.logFile });
		}
	}

	const port = Number(process.env.E2E_N8N_PORT) || (await freePort());
	const baseUrl = `http://127.0.0.1:${port}`;
	// An owner set from the environment, so the harness can sign in and use n8n's REST API.
	const owner = { email: 'e2e-owner@example.com', password: `E2e-${crypto.randomBytes(12).toString('hex')}` };
	const bcrypt = require(path.join(RUNNER, 'bcryptjs'));
	const env = {
		...process.env,
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
	};
	const server = startServer({ logFile, env });
	try {
		const readyMs = await waitForReady(server, baseUrl, { logFile });
		console.log(`n8n start ready on ${baseUrl} after ${fmtSec(readyMs)} (${active.length} published case workflow(s))`);

		// n8n writes the node and credential types it loaded (its own and community packages) here
		// at start; the /types/*.json routes serving them need a signed-in user.
		const typesDir = path.join(USER_FOLDER, '.cache', 'n8n', 'public', 'types');
		const nodeTypes = JSON.parse(fs.readFileSync(path.join(typesDir, 'nodes.json'), 'utf8'));
		const credentialTypes = JSON.parse(fs.readFileSync(path.join(typesDir, 'credentials.json'), 'utf8'));
		for (const ex of examples) {
			const problems = wf.checkAgainstTypes(ex.workflow, nodeTypes, credentialTypes);
			record(`${ex.name} imports`, problems.length === 0, {
				notes: [`${ex.workflow.nodes.length} nodes`],
				error: new Error(problems.join('; ')),
				logFile: path.join(LOG_DIR, 'examples.log'),
			});
		}

		const rest = await signIn(baseUrl, owner);
		await credentialConnectionTests(rest);

		const dbFile = path.join(USER_FOLDER, '.n8n', 'database.sqlite');
		for (const c of active) {
			const ctx = contexts.get(c);
			Object.assign(ctx, {
				n8nUrl: baseUrl,
				workflowId: c.workflowId,
				/** fetch() against a production webhook path of the running n8n. */
				webhook: (hookPath, init) => fetchRegistered(`${baseUrl}/webhook/${hookPath.replace(/^\/+/, '')}`, init),
				/** fetch() against a published n8n form (Form Trigger) path. */
				form: (formPath, init) => fetchRegistered(`${baseUrl}/form/${formPath.replace(/^\/+/, '')}`, init),
				/** fetch() against n8n's REST API (/rest/...), signed in as the instance owner. */
				rest,
				/** Finished executions of this case's workflow: [{id, status, mode, result: RunResult}]. */
				executions: (opts) => waitForExecutions(dbFile, c.workflowId, opts),
			});
			const started = Date.now();
			try {
				await c.spec.check(ctx);
				record(c.name, true, { ms: Date.now() - started, notes: ctx.notes });
			} catch (err) {
				// The server log holds what n8n said about this workflow.
				record(c.name, false, { ms: Date.now() - started, notes: ctx.notes, error: err, logFile });
			} finally {
				fs.rmSync(c.filesDir, { recursive: true, force: true });
			}
		}

		if (editor) {
			const { run } = editor;
			await runEditorChecks({
				baseUrl,
				owner,
				examples: [...examples, ...(editor.panels || [])],
				nodeTypes,
				run,
				executions: (opts) => waitForExecutions(dbFile, run.workflow.id, opts),
				dir: path.join(LOG_DIR, 'editor'),
				profileDir: path.join(RUN_DIR, 'chromium-profile'),
			});
		}
	} catch (err) {
		record('n8n start (server cases)', false, { error: err, logFile });
	} finally {
		await stopServer(server);
	}
}

module.exports = { runServerPhase };
