/**
 * What n8n needs from the package before it loads or verifies it: package.json registers every
 * node and credential that exists (and nothing else), each node has its codex file under its
 * type name, the package has no runtime dependencies, lint runs in strict mode, and releases are
 * published from GitHub Actions with provenance. Everything is read from the files, so adding or
 * renaming a node needs no change here.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../../..');

interface PackageJson {
	name: string;
	scripts?: Record<string, string>;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	publishConfig?: Record<string, unknown>;
	n8n?: { strict?: boolean; nodes?: string[]; credentials?: string[] };
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;

/** Source files of one kind, as paths from the package root: `nodes/X/X.node.ts`. */
function sourceFiles(folder: string, suffix: string, depth: 1 | 2): string[] {
	const found: string[] = [];
	const walk = (dir: string, level: number): void => {
		for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
			const relative = path.posix.join(dir, entry.name);
			if (entry.isDirectory() && level < depth) walk(relative, level + 1);
			else if (entry.isFile() && level === depth && entry.name.endsWith(suffix)) found.push(relative);
		}
	};
	walk(folder, 1);
	return found.sort();
}

/** Where `n8n-node build` puts the compiled file, as package.json must list it. */
function distPath(source: string): string {
	return `dist/${source.replace(/\.ts$/, '.js')}`;
}

/**
 * The class n8n instantiates: it loads `X.node.js` and takes the export named `X`, so the class
 * must be named after its file.
 */
async function loadClass<T>(source: string): Promise<T> {
	const className = path.basename(source).split('.')[0];
	const exported = ((await import(path.join(root, source))) as Record<string, unknown>)[className];
	if (typeof exported !== 'function') throw new Error(`${source} does not export a class named ${className}`);
	return new (exported as new () => T)();
}

const nodeSources = sourceFiles('nodes', '.node.ts', 2);
const credentialSources = sourceFiles('credentials', '.credentials.ts', 1);

describe('package.json', () => {
	it('finds the nodes and credentials it checks', () => {
		expect(nodeSources.length).toBeGreaterThan(0);
		expect(credentialSources.length).toBeGreaterThan(0);
	});

	it('keeps n8n lint in strict mode, as verification expects', () => {
		expect(pkg.n8n?.strict).toBe(true);
	});

	it('registers every node in nodes/*/ and no other', () => {
		expect([...(pkg.n8n?.nodes ?? [])].sort()).toEqual(nodeSources.map(distPath));
	});

	it('registers every credential in credentials/ and no other', () => {
		expect([...(pkg.n8n?.credentials ?? [])].sort()).toEqual(credentialSources.map(distPath));
	});

	it('has no runtime dependencies; n8n-workflow is a peer of any version', () => {
		expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
		expect(pkg.peerDependencies?.['n8n-workflow']).toBe('*');
	});

	it('publishes only through the release flow, with provenance', () => {
		expect(pkg.scripts?.release).toBe('n8n-node release');
		expect(pkg.scripts?.prepublishOnly).toBe('n8n-node prerelease');
		expect(pkg.publishConfig?.provenance).toBe(true);
	});
});

describe.each(nodeSources)('%s', (source) => {
	const codexFile = source.replace(/\.ts$/, '.json');

	it('has a codex file naming the node type n8n registers', async () => {
		const node = await loadClass<INodeType>(source);
		expect(fs.existsSync(path.join(root, codexFile))).toBe(true);
		const codex = JSON.parse(fs.readFileSync(path.join(root, codexFile), 'utf8')) as { node?: unknown };
		expect(codex.node).toBe(`${pkg.name}.${node.description.name}`);
	});
});

describe.each(credentialSources)('%s', (source) => {
	it('exports a credential class named after its file', async () => {
		const credential = await loadClass<ICredentialType>(source);
		expect(typeof credential.name).toBe('string');
	});
});

describe('.github/workflows/publish.yml', () => {
	const workflow = fs.readFileSync(path.join(root, '.github/workflows/publish.yml'), 'utf8');

	it('runs on version tags', () => {
		expect(workflow).toMatch(/^\s*tags:\s*\n\s*(#.*\n\s*)*- '\*\.\*\.\*'\s*$/m);
	});

	it('may mint the OIDC token npm provenance is signed with', () => {
		expect(workflow).toMatch(/^\s*id-token:\s*write\s*$/m);
	});

	it('publishes with npm run release', () => {
		expect(workflow).toMatch(/^\s*(run:\s*)?npm run release\s*$/m);
	});
});
