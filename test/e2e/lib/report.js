'use strict';
/** Result lines of the e2e run and the closing `N passed, N failed`. */
const fs = require('fs');
const path = require('path');
const { MiB } = require('./media');

const results = [];
const fmtSec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const fmtMiB = (bytes) => `${Math.round(bytes / MiB)} MiB`;

function tailOf(file, lines = 30) {
	if (!file || !fs.existsSync(file)) return '';
	const text = fs.readFileSync(file, 'utf8').split('\n');
	return text.slice(-lines).join('\n');
}

/** Prints one result line; for a failure also the error and the tail of the log that explains it. */
function record(name, ok, { ms, notes = [], error, logFile, seeLog } = {}) {
	results.push({ name, ok });
	const extra = [ms !== undefined ? fmtSec(ms) : null, ...notes].filter(Boolean).join(', ');
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${extra ? `  (${extra})` : ''}`);
	if (!ok) {
		console.log(
			`      ${String(error && error.stack ? error.stack : error)
				.split('\n')
				.join('\n      ')}`,
		);
		const tail = tailOf(logFile || (error && error.logFile));
		if (tail)
			console.log(
				`      ----- last lines of ${path.relative(process.cwd(), logFile || error.logFile)} -----\n${tail}\n      -----`,
			);
		else if (seeLog) console.log(`      (n8n output: ${path.relative(process.cwd(), seeLog)})`);
	}
}

/** Prints the closing line; returns the exit code (non-zero on any failure, or on no result at all). */
function summary(extraFailures = 0) {
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed + extraFailures;
	console.log('');
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

module.exports = { record, summary, tailOf, fmtSec, fmtMiB };
