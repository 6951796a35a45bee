'use strict';
/** The cases in test/e2e/cases: finding them, loading their check modules, and their ctx. */
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { CASES_DIR, SANDBOX_URL, LOG_DIR, FILES_ROOT, isSelected } = require('./run-config');
const { SandboxClient } = require('./sandbox-client');
const { MiB, writeMediaFile } = require('./media');

/** Cases in test/e2e/cases, sorted by name, filtered by E2E_CASES. */
function discoverCases() {
	const cases = [];
	for (const file of fs.readdirSync(CASES_DIR).sort()) {
		const m = /^(.*?)(\.server)?\.workflow\.json$/.exec(file);
		if (!m) continue;
		const name = m[1];
		if (!isSelected(name)) continue;
		cases.push({
			name,
			kind: m[2] ? 'server' : 'action',
			workflowFile: path.join(CASES_DIR, file),
			checkFile: path.join(CASES_DIR, `${name}.check.js`),
			logFile: path.join(LOG_DIR, `${name}.log`),
			filesDir: path.join(FILES_ROOT, name),
		});
	}
	return cases;
}

function loadCheck(c) {
	if (!fs.existsSync(c.checkFile)) throw new Error(`missing ${path.basename(c.checkFile)}`);
	const mod = require(c.checkFile);
	const spec = typeof mod === 'function' ? { check: mod } : mod;
	if (typeof spec.check !== 'function') throw new Error(`${path.basename(c.checkFile)} exports no check(ctx)`);
	return spec;
}

function baseContext(c, media) {
	const notes = [];
	return {
		name: c.name,
		kind: c.kind,
		assert,
		MiB,
		sandboxUrl: SANDBOX_URL,
		sandbox: new SandboxClient(SANDBOX_URL),
		mediaUrl: media.url,
		mediaHits: media.hits,
		mediaDir: media.dir,
		filesDir: c.filesDir,
		shared: {},
		notes,
		note: (text) => notes.push(text),
		/** Writes a file the sandbox sniffs as video; resolves {file, size, sha256}. */
		writeMediaFile: (file, size) => writeMediaFile(file, size),
	};
}

module.exports = { discoverCases, loadCheck, baseContext };
