'use strict';
/**
 * `npm start`: imports the Kaltura credential (sandbox, or a real Kaltura from KALTURA_* env vars)
 * and every workflow under examples/ into the n8n user folder of start.sh, with the examples'
 * Kaltura nodes pointed at that credential and, with the sandbox, their sample media links at the
 * media the sandbox serves. Re-running replaces both with fresh copies.
 * Environment: E2E_START_DIR, SANDBOX_URL (sandbox mode), N8N_* from start.sh.
 */
const fs = require('fs');
const path = require('path');
const { n8n } = require('./n8n-cli');
const { writeCredentialFile } = require('./credential');
const wf = require('./workflows');

async function main() {
	const dir = process.env.E2E_START_DIR;
	const logFile = path.join(dir, 'import.log');
	const credFile = path.join(dir, 'credentials.json');
	const credential = writeCredentialFile(credFile, { sandboxUrl: process.env.SANDBOX_URL || '' });
	try {
		await n8n(['import:credentials', `--input=${credFile}`], { logFile });
	} finally {
		fs.rmSync(credFile, { force: true });
	}
	console.log(`credential "${credential.name}" → ${credential.serviceUrl}`);

	const exDir = path.join(dir, 'examples');
	fs.rmSync(exDir, { recursive: true, force: true });
	fs.mkdirSync(exDir, { recursive: true });
	const names = [];
	for (const file of wf.exampleFiles()) {
		const { workflow, problems } = wf.checkExampleShape(file);
		if (problems.length) throw new Error(`${path.basename(file)}: ${problems.join('; ')}`);
		// With the sandbox, the examples' sample links point at media it serves (no download).
		const ready = wf.useSampleMedia(wf.useCredential(workflow, credential), process.env.SANDBOX_URL || '');
		fs.writeFileSync(path.join(exDir, path.basename(file)), JSON.stringify(ready));
		names.push(workflow.name);
	}
	if (names.length) await n8n(['import:workflow', '--separate', `--input=${exDir}`], { logFile });
	for (const name of names) console.log(`example workflow "${name}"`);
}

main().catch((err) => {
	console.error(`import failed: ${err.message}`);
	if (err.logFile && fs.existsSync(err.logFile))
		console.error(fs.readFileSync(err.logFile, 'utf8').split('\n').slice(-30).join('\n'));
	process.exit(1);
});
