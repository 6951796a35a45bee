'use strict';
/**
 * Reads what an n8n execution produced: the JSON that `n8n execute --rawOutput` prints after its
 * log lines, or the run data of an execution saved in the database. Both become a RunResult,
 * the object case checks use.
 */

/**
 * `n8n execute --rawOutput` prints log lines ("n8n Task Broker ready", license notices...) and then
 * the run as JSON.stringify(run, null, 2): it starts at the first line that is exactly "{" and
 * ends at the first line that is exactly "}".
 */
function parseExecuteStdout(stdout) {
	const text = stdout.replace(/\r\n/g, '\n');
	const start = text.startsWith('{\n') ? 0 : text.indexOf('\n{\n') + 1;
	if (start <= 0 && !text.startsWith('{\n')) return null;
	const end = text.indexOf('\n}\n', start);
	const json = text.slice(start, end === -1 ? undefined : end + 2);
	return JSON.parse(json);
}

/** Wraps an IRun (`{ data: { resultData } }` or `{ resultData }`) with helpers for checks. */
class RunResult {
	constructor(run) {
		this.raw = run;
		const data = run && run.data && run.data.resultData ? run.data : run;
		this.resultData = (data && data.resultData) || { runData: {} };
	}

	/** The workflow-level error, if the execution failed (undefined otherwise). */
	get error() {
		return this.resultData.error;
	}

	get lastNodeExecuted() {
		return this.resultData.lastNodeExecuted;
	}

	/** Names of the nodes that ran. */
	get nodesRun() {
		return Object.keys(this.resultData.runData || {});
	}

	/** Every run of a node (more than one in loops). */
	runsOf(nodeName) {
		const runs = (this.resultData.runData || {})[nodeName];
		if (!runs) throw new Error(`node "${nodeName}" did not run; nodes that ran: ${this.nodesRun.join(', ') || 'none'}`);
		return runs;
	}

	/** Items (json + binary meta + error + pairedItem) of output `output` of a node, all runs concatenated. */
	itemsOf(nodeName, output = 0) {
		const items = [];
		for (const run of this.runsOf(nodeName)) {
			if (run.error) throw new Error(`node "${nodeName}" failed: ${run.error.message}`);
			const main = (run.data && run.data.main) || [];
			items.push(...(main[output] || []));
		}
		return items;
	}

	/** The `json` of every item a node output. */
	json(nodeName, output = 0) {
		return this.itemsOf(nodeName, output).map((i) => i.json);
	}

	/** The error a node stopped with (undefined if it succeeded). */
	nodeError(nodeName) {
		const failed = this.runsOf(nodeName).find((r) => r.error);
		return failed && failed.error;
	}
}

module.exports = { parseExecuteStdout, RunResult };
