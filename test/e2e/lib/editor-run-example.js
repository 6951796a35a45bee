'use strict';
/**
 * The example the editor check runs from the canvas, and how its sample media reaches it.
 *
 * The example's sample URLs point at a host that nothing serves here. Until the examples come
 * with sample media of their own, `replace` points them at the harness's media server (as case
 * 50-example-import-url-list does), and every file the workflow then asks that server for is
 * written before the run. To point the URLs somewhere else later, change `replace`; with an
 * empty map the example runs as shipped.
 */
const path = require('path');
const { MiB, writeMediaFile } = require('./media');
const wf = require('./workflows');

const RUN_EXAMPLE = {
	file: 'import-url-list-in-batches.json',
	replace: { 'https://media.example.com/archive/': '__MEDIA_URL__/media/' },
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The workflow to import for the run (its own id and name, the sandbox credential) and the names
 * of the files it will fetch from the media server at `mediaUrl`.
 */
function editorRunWorkflow({ mediaUrl, credential }) {
	const example = wf.exampleWithReplacements(RUN_EXAMPLE.file, RUN_EXAMPLE.replace);
	const workflow = wf.useCredential(wf.substitute(example, { MEDIA_URL: mediaUrl }), credential);
	workflow.id = wf.caseWorkflowId(`editor run ${RUN_EXAMPLE.file}`);
	workflow.name = `e2e editor: ${workflow.name}`;
	workflow.active = false;
	const fileUrl = new RegExp(`${escapeRegExp(`${mediaUrl}/media/`)}([A-Za-z0-9._-]+)`, 'g');
	const mediaFiles = [...new Set([...JSON.stringify(workflow).matchAll(fileUrl)].map((m) => m[1]))];
	return { exampleFile: RUN_EXAMPLE.file, workflow, mediaFiles };
}

/** Writes each file the run fetches into the media server's folder (1 MiB the sandbox takes for video). */
async function writeRunMedia(mediaDir, mediaFiles) {
	for (const name of mediaFiles) await writeMediaFile(path.join(mediaDir, name), MiB);
}

module.exports = { RUN_EXAMPLE, editorRunWorkflow, writeRunMedia };
