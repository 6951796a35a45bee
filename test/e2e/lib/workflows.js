'use strict';
/**
 * Workflow files as the harness imports them: case workflows (with placeholders for the
 * addresses of this run), case files that point at an example, and the examples themselves.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw new Error(`${path.basename(file)}: not valid JSON (${err.message})`);
	}
}

/** A stable 16-character workflow id for a case (n8n accepts ids of up to 21 characters). */
function caseWorkflowId(caseName) {
	return `e2e${crypto.createHash('sha1').update(caseName).digest('hex').slice(0, 13)}`;
}

/**
 * Replaces __NAME__ placeholders in every string of a workflow (parameters, expressions, notes).
 * An unknown placeholder is an error, so a typo cannot silently reach n8n.
 */
function substitute(value, vars) {
	if (typeof value === 'string') {
		return value.replace(/__([A-Z][A-Z0-9_]*)__/g, (match, name) => {
			if (!(name in vars)) throw new Error(`unknown placeholder ${match} (known: ${Object.keys(vars).join(', ')})`);
			return String(vars[name]);
		});
	}
	if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
	}
	return value;
}

/** Points every Kaltura credential reference of a workflow at the imported credential. */
function useCredential(workflow, credential) {
	for (const node of workflow.nodes || []) {
		if (node.credentials && node.credentials.kalturaApi) {
			node.credentials.kalturaApi = { id: credential.id, name: credential.name };
		}
	}
	return workflow;
}

/**
 * Example workflows write their sample media links as https://media.example.com/<file>, a host
 * that serves nothing. Against the sandbox (npm start, the e2e stage) those links are pointed at
 * the sample media the sandbox generates, so every example's main path works on a fresh machine.
 */
const SAMPLE_MEDIA_HOST = 'https://media.example.com/';

function useSampleMedia(workflow, sandboxUrl) {
	if (!sandboxUrl) return workflow;
	const samples = `${sandboxUrl.replace(/\/+$/, '')}/__sandbox/samples/`;
	return JSON.parse(JSON.stringify(workflow).split(SAMPLE_MEDIA_HOST).join(samples));
}

/**
 * An example workflow with every occurrence of each `replace` key replaced by its value (in the
 * file's text: parameters, code and notes alike). A key the example does not contain is an error,
 * so a replacement cannot silently stop applying when the example changes.
 */
function exampleWithReplacements(fromExample, replace = {}) {
	let text = fs.readFileSync(path.join(EXAMPLES_DIR, fromExample), 'utf8');
	for (const [from, to] of Object.entries(replace)) {
		if (!text.includes(from)) throw new Error(`${fromExample} does not contain "${from}"`);
		text = text.split(from).join(to);
	}
	return JSON.parse(text);
}

/**
 * A case workflow file is either a workflow, or {"fromExample": "<file in examples/>",
 * "replace": {"<text>": "<text>"}} to run an example with, say, reachable URLs.
 */
function loadCaseWorkflow(file, caseName, vars) {
	let workflow = readJson(file);
	if (workflow.fromExample) {
		try {
			workflow = exampleWithReplacements(workflow.fromExample, workflow.replace);
		} catch (err) {
			throw new Error(`${err.message} (in ${path.basename(file)})`);
		}
		// As npm start imports it: sample links served by the sandbox.
		workflow = useSampleMedia(workflow, vars.SANDBOX_URL);
	}
	workflow = substitute(workflow, vars);
	workflow.id = caseWorkflowId(caseName);
	workflow.name = `e2e: ${caseName}`;
	workflow.active = false;
	return workflow;
}

function exampleFiles() {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

/** Structural checks n8n's importer does not make (it accepts unknown node types silently). */
function checkExampleShape(file) {
	const wf = readJson(file);
	const problems = [];
	if (typeof wf.id !== 'string' || wf.id.length === 0 || wf.id.length > 21)
		problems.push('needs an "id" of 1-21 characters');
	if (!wf.name) problems.push('needs a "name"');
	if (!Array.isArray(wf.nodes) || wf.nodes.length === 0) problems.push('has no nodes');
	const names = new Set((wf.nodes || []).map((n) => n.name));
	for (const [from, outputs] of Object.entries(wf.connections || {})) {
		if (!names.has(from)) problems.push(`connection from unknown node "${from}"`);
		for (const list of Object.values(outputs)) {
			for (const branch of list)
				for (const c of branch || []) if (!names.has(c.node)) problems.push(`connection to unknown node "${c.node}"`);
		}
	}
	if (!(wf.nodes || []).some((n) => n.type === 'n8n-nodes-base.stickyNote'))
		problems.push('has no sticky note explaining it');
	return { workflow: wf, problems };
}

/**
 * Checks every node of a workflow against the node types a running n8n serves at
 * /types/nodes.json (n8n's own and the installed community package): known type, supported
 * typeVersion, known credential types.
 */
function checkAgainstTypes(workflow, nodeTypes, credentialTypes) {
	const versions = new Map();
	for (const t of nodeTypes) {
		const v = Array.isArray(t.version) ? t.version : [t.version];
		versions.set(t.name, new Set([...(versions.get(t.name) || []), ...v]));
	}
	const credNames = new Set(credentialTypes.map((c) => c.name));
	const problems = [];
	for (const node of workflow.nodes) {
		const known = versions.get(node.type);
		if (!known) problems.push(`node "${node.name}": unknown type ${node.type}`);
		else if (!known.has(node.typeVersion)) {
			problems.push(
				`node "${node.name}": ${node.type} has no version ${node.typeVersion} (has ${[...known].join(', ')})`,
			);
		}
		for (const credType of Object.keys(node.credentials || {})) {
			if (!credNames.has(credType)) problems.push(`node "${node.name}": unknown credential type ${credType}`);
		}
	}
	return problems;
}

module.exports = {
	EXAMPLES_DIR,
	caseWorkflowId,
	substitute,
	useCredential,
	useSampleMedia,
	exampleWithReplacements,
	loadCaseWorkflow,
	exampleFiles,
	checkExampleShape,
	checkAgainstTypes,
};
