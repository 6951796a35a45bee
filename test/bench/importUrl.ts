/**
 * Import URL benchmark: how many HTTP calls and how many seconds 1,000 URLs cost through the
 * Kaltura Import URL node, against the sandbox with a local media server, for several batch
 * sizes, without and with Wait Until Ready.
 *
 *   npx ts-node --transpile-only --project tsconfig.test.json test/bench/importUrl.ts [items]
 *
 * Calls are counted from the sandbox's request log (one entry per HTTP request).
 */
import type { IDataObject } from 'n8n-workflow';

// The node's execute() is exactly executeImportUrl(this). (Under plain ts-node, importing
// "KalturaImportUrl.node" would resolve to the .node.json codex file first.)
import { executeImportUrl } from '../../nodes/KalturaImportUrl/execute';
import { startSandbox } from '../../sandbox';
import { startMediaServer } from '../helpers/mediaServer';
import { createExecuteContext, sandboxCredentials } from '../helpers/n8nContext';

interface Scenario {
	label: string;
	batchSize: number;
	wait: boolean;
}

const SCENARIOS: Scenario[] = [
	{ label: 'batch 1 (one request per item)', batchSize: 1, wait: false },
	{ label: 'batch 50 (default)', batchSize: 50, wait: false },
	{ label: 'batch 100', batchSize: 100, wait: false },
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
			const options: IDataObject = { batchSize: scenario.batchSize };
			if (scenario.wait) Object.assign(options, { waitUntilReady: true, waitIntervalSeconds: 1 });
			const { context } = createExecuteContext({
				credentials: sandboxCredentials(sandbox),
				parameters: (name: string, i: number) =>
					({ operation: 'createFromUrl', url: `${media.url}/media/${scenario.batchSize}-${i}.mp4`, options })[name],
				items: Array.from({ length: items }, () => ({ json: {} })),
			});
			const started = process.hrtime.bigint();
			const [out] = await executeImportUrl(context);
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const failed = out.filter((o) => o.json.error !== undefined).length;
			const ready = out.filter((o) => o.json.status === 'READY').length;
			const calls = sandbox.requestLog.entries().length;
			rows.push(
				`${scenario.label.padEnd(34)} ${String(calls).padStart(6)} calls  ${seconds.toFixed(2).padStart(7)} s` +
					`  (${items} items, ${failed} failed${scenario.wait ? `, ${ready} READY` : ''})`,
			);
			// Let the sandbox finish the imports of this scenario before the next one starts.
			await sandbox.runtime.lifecycle.idle();
		}
	} finally {
		await sandbox.close();
		await media.close();
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
