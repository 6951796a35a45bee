'use strict';
/**
 * Headless Chromium for the editor checks: the distribution's `chromium` package, driven by
 * playwright-core (a devDependency that downloads no browser of its own). Each run gets a fresh
 * profile. Chromium's own traffic (update checks, sync, field trials, QUIC probes) is switched
 * off: on a closed network those connections are refused, and waiting for them slows the start.
 */
const fs = require('fs');
const path = require('path');

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const INSTALL_HINT =
	'install it with `apt-get update && apt-get install -y chromium` (as root; Debian/Ubuntu; .ci/run does this), ' +
	'or set E2E_CHROMIUM to a Chromium binary';

const FLAGS = [
	'--headless',
	'--no-sandbox', // runs as root in CI, where Chromium's sandbox refuses to start
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Fails with how to install Chromium when it is missing, before anything else starts. */
function requireChromium() {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: ${INSTALL_HINT}`);
	return CHROMIUM;
}

/**
 * Starts Chromium with a fresh profile in `profileDir`; resolves {page, close()}. Everything the
 * page logs as an error or warning, and every uncaught page error, goes to `logFile`.
 */
async function launchChromium({ profileDir, logFile, viewport = { width: 1600, height: 1000 } }) {
	const executablePath = requireChromium();
	const { chromium, selectors } = require('playwright-core');
	// n8n marks its elements with data-test-id (Playwright's default is data-testid).
	selectors.setTestIdAttribute('data-test-id');
	fs.rmSync(profileDir, { recursive: true, force: true });
	fs.mkdirSync(profileDir, { recursive: true });
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = (line) => fs.appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);

	const context = await chromium.launchPersistentContext(profileDir, {
		executablePath,
		headless: true,
		args: FLAGS,
		viewport,
		timeout: 120000,
	});
	const page = context.pages()[0] || (await context.newPage());
	page.on('console', (msg) => {
		if (msg.type() === 'error' || msg.type() === 'warning') log(`console.${msg.type()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => log(`page error: ${err.stack || err.message}`));
	page.on('requestfailed', (req) =>
		log(`request failed: ${req.method()} ${req.url()} (${req.failure() && req.failure().errorText})`),
	);
	log(`Chromium ${context.browser() ? context.browser().version() : ''} started (${executablePath})`);

	return {
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			fs.rmSync(profileDir, { recursive: true, force: true });
		},
	};
}

module.exports = { CHROMIUM, requireChromium, launchChromium };
