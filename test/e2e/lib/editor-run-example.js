'use strict';
/**
 * The example the editor check runs from the canvas, as npm start imports it: its sample media
 * links served by the sandbox. Its reference IDs get a prefix of their own, so the run imports for
 * real instead of finding the entries case 50 made with the same example (it skips existing ones).
 */
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

module.exports = { RUN_EXAMPLE, editorRunWorkflow };
