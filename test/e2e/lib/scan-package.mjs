// Runs the checks of @n8n/scan-community-package offline. Its CLI only scans packages published
// on npm: it downloads the tarball and the provenance-attested source, then lints both with
// analyzePackage(). This does the same two legs on local folders:
//   source  — the checkout, with the scanner's SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/)
//   tarball — the unpacked `npm pack` output, compiled .js + package.json (as the CLI does)
// usage: node scan-package.mjs <source dir> <unpacked package dir>   → exit 0 when both pass
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = process.env.E2E_RUNNER_MODULES || path.join(here, '..', '.work', 'runner', 'node_modules');
const scanner = path.join(modules, '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scanner).href);

const [sourceDir, packageDir] = process.argv.slice(2).map((p) => path.resolve(p));
let ok = true;
for (const [leg, dir, patterns] of [
	['source', sourceDir, SOURCE_FILE_PATTERNS],
	['tarball', packageDir, ['**/*.js', 'package.json']],
]) {
	const result = await analyzePackage(dir, patterns);
	console.log(
		result.passed ? `scan ${leg}: passed (${dir})` : `scan ${leg}: FAILED: ${result.message}\n${result.details ?? ''}`,
	);
	ok &&= result.passed;
}
process.exit(ok ? 0 : 1);
