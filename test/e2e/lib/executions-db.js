'use strict';
/**
 * Reads executions that a running n8n (`n8n start`) saved in its SQLite database: the way to see
 * what a trigger-started workflow produced. Uses the runner's own sqlite3 and flatted (n8n stores
 * run data serialized with flatted).
 */
const path = require('path');
const { RUNNER } = require('./n8n-cli');
const { RunResult } = require('./run-output');

const sqlite3 = require(path.join(RUNNER, 'sqlite3'));
const { parse } = require(path.join(RUNNER, 'flatted'));

function query(dbFile, sql, params) {
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (openErr) => {
			if (openErr) return reject(openErr);
			db.all(sql, params, (err, rows) => {
				db.close();
				if (err) reject(err);
				else resolve(rows);
			});
		});
	});
}

/** Finished executions of a workflow, oldest first: {id, status, mode, finished, result: RunResult}. */
async function executionsOf(dbFile, workflowId) {
	const rows = await query(
		dbFile,
		`select e.id, e.status, e.mode, e.finished, x.data
		   from execution_entity e join execution_data x on x.executionId = e.id
		  where e.workflowId = ? and e.status not in ('new', 'running', 'waiting')
		  order by e.id`,
		[workflowId],
	);
	return rows.map((r) => ({
		id: r.id,
		status: r.status,
		mode: r.mode,
		finished: Boolean(r.finished),
		result: new RunResult(parse(r.data)),
	}));
}

/** Waits until a workflow has at least `count` finished executions; returns them. */
async function waitForExecutions(dbFile, workflowId, { count = 1, timeoutMs = 60000 } = {}) {
	const started = Date.now();
	for (;;) {
		let found = [];
		try {
			found = await executionsOf(dbFile, workflowId);
		} catch (err) {
			// the table may be locked or not yet written; retry until the timeout
			if (Date.now() - started > timeoutMs) throw err;
		}
		if (found.length >= count) return found;
		if (Date.now() - started > timeoutMs) {
			throw new Error(`workflow ${workflowId}: ${found.length} of ${count} executions after ${timeoutMs} ms`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
}

module.exports = { executionsOf, waitForExecutions };
