// The Kaltura sandbox is a local test server: it is never published and never runs inside n8n, so
// n8n's community-node rules (no file system, no timers, no process) do not apply here. It gets
// the general JavaScript and TypeScript recommended rules instead.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig({
	files: ['**/*.ts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
	// typescript-eslint cannot tell which folder config it was loaded from when one run loads
	// several, so each names its own folder.
	languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
});
