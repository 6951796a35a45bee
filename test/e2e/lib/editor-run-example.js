'use strict';
/**
 * The example the editor check runs from the canvas, as npm start imports it: its sample media
 * links served by the sandbox. Its reference IDs get a prefix of their own, so the run imports for
 * real instead of finding the entries case 50 made with the same example (it skips existing ones).
 */
const fs = require('fs');
const path = require('path');
const wf = require('./workflows');

const RUN_EXAMPLE = {
	file: 'import-url-list-in-batches.json',
	replace: { "referenceId: 'archive-": "referenceId: 'editor-run-" },
};

/** The workflow to import for the run (its own id and name, the sandbox credential). */
function editorRunWorkflow({ sandboxUrl, credential }) {
	const example = wf.useSampleMedia(wf.exampleWithReplacements(RUN_EXAMPLE.file, RUN_EXAMPLE.replace), sandboxUrl);
	const workflow = wf.useCredential(example, credential);
	workflow.id = wf.caseWorkflowId(`editor run ${RUN_EXAMPLE.file}`);
	workflow.name = `e2e editor: ${workflow.name}`;
	workflow.active = false;
	return { exampleFile: RUN_EXAMPLE.file, workflow };
}

/**
 * The workflows in test/e2e/editor/: nodes whose panels the editor check opens besides the
 * examples' (every operation of every node, each mode of the entry picker, the dropdowns).
 */
function editorPanelWorkflows(credential) {
	const dir = path.join(__dirname, '..', 'editor');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.workflow.json'))
		.sort()
		.map((f) => {
			const file = path.join(dir, f);
			const workflow = wf.useCredential(JSON.parse(fs.readFileSync(file, 'utf8')), credential);
			workflow.id = wf.caseWorkflowId(`editor panels ${f}`);
			workflow.active = false;
			return { file, workflow };
		});
}

module.exports = { RUN_EXAMPLE, editorRunWorkflow, editorPanelWorkflows };
