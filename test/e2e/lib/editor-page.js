'use strict';
/**
 * The n8n editor as a user meets it, for the editor checks: the sign-in page, a workflow's canvas,
 * a node's details view (NDV) and the Execute workflow button. Elements are found by n8n's own
 * data-test-id attributes (those n8n's end-to-end tests use), all listed in SELECTORS.
 */

const SELECTORS = {
	// Sign-in page.
	email: '[data-test-id="emailOrLdapLoginId"] input',
	password: '[data-test-id="password"] input',
	signIn: '[data-test-id="form-submit-button"]',
	// Canvas: one element per node (sticky notes excepted), carrying data-node-name and data-node-type.
	canvasNode: '[data-test-id="canvas-node"]',
	// Inside a canvas node: the warning of a node with issues (a missing parameter or credential,
	// or the error of its last run) and the green check of a node whose last run succeeded.
	nodeIssues: '[data-test-id="node-issues"]',
	nodeSuccess: '[data-test-id="canvas-node-status-success"]',
	executeWorkflow: '[data-test-id="execute-workflow-button"]',
	// Node details view.
	ndv: '[data-test-id="ndv"]',
	ndvTitle: '[data-test-id="node-title-container"]',
	ndvClose: '[data-test-id="ndv-close-button"]',
	parameters: '[data-test-id="node-parameters"]',
	parameterItem: '[data-test-id="parameter-item"]',
	// Every parameter's label, for="<parameter name>" (collections included).
	parameterLabel: '[data-test-id="input-label"] label[for]',
	parameterIssues: '[data-test-id="parameter-issues"]',
	credentialsSelect: '[data-test-id="node-credentials-select"]',
	// n8n's toasts are Element Plus notifications (no test id); an error toast has this icon.
	errorNotification: '.el-notification:has(.el-notification--error)',
	stopExecution: '[data-test-id="stop-execution-button"]', // shown while a run from the editor is under way
	successNotification: '.el-notification:has(.el-notification--success)',
};

/** A CSS string literal (for attribute selectors on node names with quotes). */
function cssString(text) {
	return `"${String(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

const oneLine = (text) =>
	String(text || '')
		.replace(/\s+/g, ' ')
		.trim();

class EditorPage {
	constructor(page, baseUrl) {
		this.page = page;
		this.baseUrl = baseUrl;
		// The editor's own API calls in flight (not the push connection, which stays open).
		this.inFlight = new Set();
		const isApiCall = (req) => ['fetch', 'xhr'].includes(req.resourceType()) && !req.url().includes('/rest/push');
		page.on('request', (req) => isApiCall(req) && this.inFlight.add(req));
		page.on('requestfinished', (req) => this.inFlight.delete(req));
		page.on('requestfailed', (req) => this.inFlight.delete(req));
	}

	canvasNode(name) {
		return this.page.locator(`${SELECTORS.canvasNode}[data-node-name=${cssString(name)}]`);
	}

	/** Waits until the editor has made no API call for `quietMs` (it loads credentials, types... after a view shows). */
	async settle({ quietMs = 500, timeoutMs = 30000 } = {}) {
		const started = Date.now();
		let quietSince = Date.now();
		while (Date.now() - quietSince < quietMs) {
			if (this.inFlight.size > 0) quietSince = Date.now();
			if (Date.now() - started > timeoutMs) return;
			await this.page.waitForTimeout(100);
		}
	}

	async signIn({ email, password }) {
		await this.page.goto(`${this.baseUrl}/signin`, { waitUntil: 'domcontentloaded', timeout: 120000 });
		await this.page.locator(SELECTORS.email).fill(email, { timeout: 120000 });
		await this.page.locator(SELECTORS.password).fill(password);
		await this.page.locator(SELECTORS.signIn).click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60000 });
		await this.settle();
	}

	/**
	 * Opens an editor route without reloading the page: a full load makes Chromium parse n8n's
	 * ~30 MB editor bundle again (20–30 s on a busy 2-core machine); the editor's router switches
	 * views in about a second. A route change made while the editor is still redirecting (right
	 * after sign-in) is cancelled by it, so it is retried. Without the router: a page load.
	 */
	async navigate(route, { timeoutMs = 60000 } = {}) {
		const started = Date.now();
		for (;;) {
			const outcome = await this.page.evaluate(async (to) => {
				const app = document.querySelector('#app');
				const router = app && app.__vue_app__ && app.__vue_app__.config.globalProperties.$router;
				if (!router) return 'no router';
				const failure = await router.push(to);
				return failure ? `navigation failure ${failure.type}` : 'ok';
			}, route);
			if (outcome === 'no router') {
				await this.page.goto(`${this.baseUrl}${route}`, { waitUntil: 'domcontentloaded', timeout: 120000 });
				return;
			}
			if (new URL(this.page.url()).pathname === route) return;
			if (Date.now() - started > timeoutMs) throw new Error(`the editor did not open ${route} (${outcome})`);
			await this.page.waitForTimeout(250);
		}
	}

	/** Opens a workflow and waits until its canvas shows exactly these nodes (by name). */
	async openWorkflow(id, nodeNames, { timeoutMs = 60000 } = {}) {
		await this.navigate(`/workflow/${id}`);
		const expected = [...nodeNames].sort();
		try {
			await this.page.waitForFunction(
				({ selector, names }) => {
					const shown = [...document.querySelectorAll(selector)].map((el) => el.dataset.nodeName).sort();
					return JSON.stringify(shown) === JSON.stringify(names);
				},
				{ selector: SELECTORS.canvasNode, names: expected },
				{ timeout: timeoutMs, polling: 200 },
			);
		} catch (err) {
			const shown = await this.canvasNodeNames();
			throw new Error(
				`the canvas of ${id} shows [${shown.join(', ')}], expected [${expected.join(', ')}] (${err.message.split('\n')[0]})`,
			);
		}
		await this.settle();
	}

	async canvasNodeNames() {
		return this.page.locator(SELECTORS.canvasNode).evaluateAll((els) => els.map((el) => el.dataset.nodeName));
	}

	/**
	 * The text of the tooltip an icon shows on hover ('' if none shows). The tooltip is found
	 * through the icon's aria-describedby, which points into the tooltip once it is open.
	 */
	async tooltipOf(icon) {
		try {
			await icon.hover({ timeout: 5000 });
			const handle = await icon.elementHandle();
			await this.page.waitForFunction(
				(el) => el.matches('[aria-describedby]') || el.querySelector('[aria-describedby]') !== null,
				handle,
				{
					timeout: 3000,
					polling: 100,
				},
			);
			const text = await handle.evaluate((el) => {
				const trigger = el.matches('[aria-describedby]') ? el : el.querySelector('[aria-describedby]');
				const tip = document.getElementById(trigger.getAttribute('aria-describedby'));
				return tip ? (tip.parentElement || tip).innerText : '';
			});
			await this.page.mouse.move(0, 0);
			return oneLine(text);
		} catch {
			return '';
		}
	}

	/** Canvas nodes showing n8n's issues warning: [{name, issues}] (issues: the warning's tooltip). */
	async nodesWithIssues() {
		const names = await this.page
			.locator(`${SELECTORS.canvasNode}:has(${SELECTORS.nodeIssues})`)
			.evaluateAll((els) => els.map((el) => el.dataset.nodeName));
		const found = [];
		for (const name of names)
			found.push({ name, issues: await this.tooltipOf(this.canvasNode(name).locator(SELECTORS.nodeIssues).first()) });
		return found;
	}

	/** Opens a node's details view the way a user does (double-click on the canvas). */
	async openNode(name) {
		await this.canvasNode(name).dblclick();
		const ndv = this.page.locator(SELECTORS.ndv);
		await ndv.locator(SELECTORS.ndvTitle).filter({ hasText: name }).first().waitFor({ state: 'visible' });
		await ndv.locator(SELECTORS.parameters).waitFor({ state: 'visible' });
		await this.settle();
	}

	/**
	 * What the open node details view shows: `parameters` (names of the visible labelled
	 * parameters), `issues` ([{parameter: name or null, text}] of parameter issue warnings), `credentials`
	 * (the credential field's text) and `errors` (error notifications on screen).
	 */
	async nodeDetails() {
		const ndv = this.page.locator(SELECTORS.ndv);
		const parameters = await ndv
			.locator(`${SELECTORS.parameters} ${SELECTORS.parameterLabel}`)
			.evaluateAll((labels) => labels.filter((l) => l.checkVisibility()).map((l) => l.getAttribute('for')));
		const issues = [];
		const icons = ndv.locator(`${SELECTORS.parameterIssues}:visible`);
		for (let i = 0; i < (await icons.count()); i++) {
			const icon = icons.nth(i);
			// The issue's parameter: the label of the innermost parameter item around the icon.
			const parameter = await icon.evaluate(
				(el, { item, label }) => {
					const owner = el.closest(item);
					const l = owner && owner.querySelector(label);
					return l ? l.getAttribute('for') : null;
				},
				{ item: SELECTORS.parameterItem, label: SELECTORS.parameterLabel },
			);
			issues.push({ parameter, text: await this.tooltipOf(icon) });
		}
		const credentials = await ndv
			.locator(SELECTORS.credentialsSelect)
			.evaluateAll((els) =>
				els.map((el) => [el.innerText, ...[...el.querySelectorAll('input')].map((i) => i.value)].join(' ')).join(' | '),
			);
		return { parameters, issues, credentials: oneLine(credentials), errors: await this.errorNotifications() };
	}

	async errorNotifications() {
		const texts = await this.page.locator(`${SELECTORS.errorNotification}:visible`).allInnerTexts();
		return texts.map(oneLine);
	}

	/** Screenshot of the node details view, with the window made tall enough to show every parameter. */
	async screenshotNode(file) {
		const ndv = this.page.locator(SELECTORS.ndv);
		await this.page.mouse.move(0, 0); // the double-click left the pointer over a parameter's hover controls
		const viewport = this.page.viewportSize();
		const hidden = await ndv.locator(SELECTORS.parameters).evaluate((el) => el.scrollHeight - el.clientHeight);
		if (hidden > 0) {
			await this.page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + hidden + 40, 4000) });
			await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
		}
		try {
			await ndv.screenshot({ path: file, animations: 'disabled' });
		} finally {
			if (hidden > 0) await this.page.setViewportSize(viewport);
		}
	}

	async closeNode() {
		await this.page.locator(SELECTORS.ndvClose).click();
		await this.page.locator(SELECTORS.ndv).waitFor({ state: 'hidden' });
	}

	/** Clicks the canvas's "Execute workflow" button. */
	async executeWorkflow() {
		await this.page.locator(SELECTORS.executeWorkflow).click();
	}

	/** Each node's state on the canvas: {name: 'success' | 'issues' | 'none'}. */
	async nodeStates() {
		return this.page
			.locator(SELECTORS.canvasNode)
			.evaluateAll(
				(els, { issues, success }) =>
					Object.fromEntries(
						els.map((el) => [
							el.dataset.nodeName,
							el.querySelector(issues) ? 'issues' : el.querySelector(success) ? 'success' : 'none',
						]),
					),
				{ issues: SELECTORS.nodeIssues, success: SELECTORS.nodeSuccess },
			);
	}

	/**
	 * Waits until the editor shows the run as over: its Stop button is gone and, when the run
	 * succeeded, n8n's success toast is up (not required: the canvas states are what is checked).
	 */
	async waitForRunEnd({ timeoutMs = 60000 } = {}) {
		await this.page.locator(SELECTORS.stopExecution).waitFor({ state: 'hidden', timeout: timeoutMs });
		await this.page
			.locator(SELECTORS.successNotification)
			.first()
			.waitFor({ state: 'visible', timeout: 10000 })
			.catch(() => undefined);
	}

	/** Waits until every named node shows success, or any node shows issues; returns nodeStates(). */
	async waitForRunStates(names, { timeoutMs = 60000 } = {}) {
		await this.page
			.waitForFunction(
				({ node, issues, success, names }) => {
					const els = [...document.querySelectorAll(node)];
					if (els.some((el) => el.querySelector(issues))) return true;
					return names.every((n) => els.some((el) => el.dataset.nodeName === n && el.querySelector(success)));
				},
				{ node: SELECTORS.canvasNode, issues: SELECTORS.nodeIssues, success: SELECTORS.nodeSuccess, names },
				{ timeout: timeoutMs, polling: 250 },
			)
			.catch(() => undefined); // the caller reports what the canvas shows
		return this.nodeStates();
	}

	/**
	 * A screenshot of the window, with animations run to their end (toasts, buttons) and the
	 * pointer moved to the window's empty right edge, so no hover toolbar shows.
	 */
	async screenshot(file) {
		const { width, height } = this.page.viewportSize();
		await this.page.mouse.move(width - 2, Math.round(height / 2));
		await this.page.screenshot({ path: file, animations: 'disabled' });
	}
}

module.exports = { EditorPage, SELECTORS };
