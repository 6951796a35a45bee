// Tests, benchmarks and the end-to-end harness are never published and never run inside n8n: they
// start servers, write files and wait on timers, so n8n's community-node rules do not apply here.
// They get the general JavaScript and TypeScript recommended rules instead.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
	// What the end-to-end stage installs and writes while it runs (n8n, its user folder, logs).
	globalIgnores(['e2e/.work/']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		// typescript-eslint cannot tell which folder config it was loaded from when one run loads
		// several, so each names its own folder.
		languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
	},
	{
		// The end-to-end harness is plain Node.js: CommonJS scripts and one ES module.
		files: ['**/*.js', '**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { globals: globals.node },
	},
	{
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
	},
	{
		// Functions this file hands to the browser (Playwright's evaluate) run in the editor page.
		files: ['e2e/lib/editor-page.js'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
	},
);
