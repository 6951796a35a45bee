/**
 * Jest setup file (runs before each test file's modules load): gives n8n's execution engine the
 * environment it reads at import time — a throw-away user folder (n8n writes its instance
 * settings there), the filesystem binary-data store in a temporary folder, and no telemetry.
 */
import { mkdtempSync } from 'fs';
import os from 'os';
import path from 'path';

const home = mkdtempSync(path.join(os.tmpdir(), 'n8n-engine-'));
process.env.N8N_USER_FOLDER = home;
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(home, 'binary-data');
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_ENCRYPTION_KEY = 'unit-tests-only';
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.GENERIC_TIMEZONE = 'UTC';
