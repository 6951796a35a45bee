'use strict';
/** Where this e2e run keeps things, from the environment run.sh sets (see run-cases.js). */
const path = require('path');

function required(name) {
	const v = process.env[name];
	if (!v) throw new Error(`${name} is not set (run this through test/e2e/run.sh)`);
	return v;
}

const CASES_DIR = path.resolve(__dirname, '..', 'cases');
const RUN_DIR = required('E2E_RUN_DIR');
const SANDBOX_URL = required('SANDBOX_URL');
const USER_FOLDER = required('N8N_USER_FOLDER');
const FILES_ROOT = required('N8N_RESTRICT_FILE_ACCESS_TO');
const LOG_DIR = path.join(RUN_DIR, 'logs');
const FILTER = (process.env.E2E_CASES || '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);

/** Whether E2E_CASES selects a case (or the editor checks): no filter, or a word of it in the name. */
const isSelected = (name) => FILTER.length === 0 || FILTER.some((f) => name.includes(f));

module.exports = { CASES_DIR, RUN_DIR, SANDBOX_URL, USER_FOLDER, FILES_ROOT, LOG_DIR, FILTER, isSelected, required };
