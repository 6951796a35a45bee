/**
 * Import URL benchmark: how many HTTP calls and how many seconds 1,000 URLs cost through the
 * Kaltura Import URL node, run by n8n's execution engine against the sandbox with a local media
 * server, for several batch sizes, without and with Wait Until Ready and Skip If Reference ID
 * Exists.
 *
 *   npx ts-node --transpile-only --project tsconfig.test.json test/bench/importUrl.ts [items]
 *
 * Calls are counted from the sandbox's request log (one entry per HTTP request).
 */
// n8n's engine reads its settings from the environment when it loads: set them first.
import '../helpers/n8nEnvironment';

import type { INodeParameters, INodeType } from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import { startMediaServer } from '../helpers/mediaServer';
import { removeEngineFolder, runNode } from '../helpers/n8nEngine';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

// By its full name: under plain ts-node "KalturaImportUrl.node" would find the .node.json codex first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KalturaImportUrl } = require('../../nodes/KalturaImportUrl/KalturaImportUrl.node.ts') as {
	KalturaImportUrl: new () => INodeType;
};

interface Scenario {
	label: string;
	batchSize: number;
	wait: boolean;
	skipExisting?: boolean;
}

const SCENARIOS: Scenario[] = [
	{ label: 'batch 1 (one request per item)', batchSize: 1, wait: false },
	{ label: 'batch 50 (default)', batchSize: 50, wait: false },
	{ label: 'batch 100', batchSize: 100, wait: false },
	{ label: 'batch 50 + Skip If Reference ID Exists', batchSize: 50, wait: false, skipExisting: true },
	{ label: 'batch 50 + Wait Until Ready', batchSize: 50, wait: true },
];

async function main(): Promise<void> {
	const items = Number(process.argv[2] ?? 1000);
	const processingMs = 200;
	const sandbox = await startSandbox({ processingMs });
	const media = await startMediaServer();
	const rows: string[] = [];
	try {
		for (const scenario of SCENARIOS) {
			sandbox.requestLog.clear();
			const options: INodeParameters = { batchSize: scenario.batchSize };
			if (scenario.wait) Object.assign(options, { waitUntilReady: true, waitIntervalSeconds: 1 });
			if (scenario.skipExisting) options.skipIfReferenceIdExists = true;
			const started = process.hrtime.bigint();
			const result = await runNode({
				node: new KalturaImportUrl(),
				credentials: sandboxCredentials(sandbox),
				parameters: {
					operation: 'createFromUrl',
					url: '={{ $json.url }}',
					entryFields: { referenceId: '={{ $json.referenceId }}' },
					options,
				},
				items: Array.from({ length: items }, (_, i) => ({
					json: {
						url: `${media.url}/media/${scenario.label.length}-${i}.mp4`,
						referenceId: `bench-${scenario.label.length}-${i}`,
					},
				})),
			});
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			if (result.error) throw new Error(`${scenario.label}: ${result.error.message}`);
			const out = result.outputs[0];
			const failed = out.filter((o) => o.json.error !== undefined).length;
			const ready = out.filter((o) => o.json.status === 'READY').length;
			const calls = sandbox.requestLog.entries().length;
			rows.push(
				`${scenario.label.padEnd(40)} ${String(calls).padStart(6)} calls  ${seconds.toFixed(2).padStart(7)} s` +
					`  (${items} items, ${failed} failed${scenario.wait ? `, ${ready} READY` : ''})`,
			);
			// Let the sandbox finish the imports of this scenario before the next one starts.
			await sandbox.runtime.lifecycle.idle();
		}
	} finally {
		await sandbox.close();
		await media.close();
		removeEngineFolder();
	}
	process.stdout.write(
		`Kaltura Import URL: ${items} URLs, sandbox on 127.0.0.1 (processingMs ${processingMs}), Node ${process.version}\n` +
			`${rows.join('\n')}\n`,
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
