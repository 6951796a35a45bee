/**
 * Every row of the bad-input catalogue, run by n8n's engine against the sandbox in the three On
 * Error modes: Stop Workflow fails the node with the exact message; Continue (regular output)
 * gives an error item with it, paired with its input; Continue (using error output) has n8n route
 * that item to the error output. Rows checked before sending prove that nothing reached Kaltura.
 */
import type { INodeParameters, OnError } from 'n8n-workflow';

import { CLIENT_DEFAULTS } from '../../../nodes/kaltura/transport/kalturaClient';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { startMediaServer, type MediaServer } from '../../helpers/mediaServer';
import { runNode, type NodeRunResult, type TestItem } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';
import { startWrongServers, type WrongServers } from '../../helpers/wrongServers';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { CATALOGUE, TABLE_END, TABLE_START, catalogueTable, type BadInputCase, type CatalogueWorld } from './catalogue';

let sandbox: Sandbox;
let media: MediaServer;
let wrong: WrongServers;
let world: CatalogueWorld;

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	media = await startMediaServer();
	wrong = await startWrongServers();
	const ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
	const entry = (await apiCall(sandbox.url, 'media', 'add', {
		ks,
		entry: { objectType: 'KalturaMediaEntry', name: 'A clip', mediaType: 1 },
	})) as { id: string };
	world = { sandbox, mediaUrl: media.url, wrongUrl: wrong.url, mediaEntryId: entry.id };
	// Dead and failing servers answer within a second, not after minutes of retries.
	CLIENT_DEFAULTS.timeoutMs = 1000;
	CLIENT_DEFAULTS.retry = { retries: 1, baseDelayMs: 10, maxDelayMs: 20 };
});
afterAll(async () => {
	delete CLIENT_DEFAULTS.timeoutMs;
	delete CLIENT_DEFAULTS.retry;
	await Promise.all([sandbox.close(), media.close(), wrong.close()]);
});

const resolve = <T>(value: T | ((w: CatalogueWorld) => T)): T =>
	typeof value === 'function' ? (value as (w: CatalogueWorld) => T)(world) : value;

async function run(row: BadInputCase, onError?: OnError): Promise<NodeRunResult> {
	sandbox.requestLog.clear();
	const item: TestItem = resolve(row.item) ?? {
		json: { title: 'Clip' },
		binary: {
			data: { content: Buffer.from('catalogue clip bytes'), fileName: 'clip.mp4', mimeType: 'video/mp4' },
		},
	};
	return await runNode({
		node: row.nodeType,
		parameters: resolve(row.parameters) as INodeParameters,
		items: [item],
		credentials: sandboxCredentials(sandbox, resolve(row.credentials) ?? {}),
		onError,
	});
}

/** API calls that reached the sandbox, starting a session aside. */
function callsMade(): string[] {
	return sandbox.requestLog
		.entries()
		.flatMap((e) => e.calls)
		.map((c) => `${c.service}.${c.action}`)
		.filter((c) => c !== 'session.start');
}

describe.each(CATALOGUE.map((row) => [`${row.node} › ${row.operation} › ${row.input}`, row] as const))(
	'%s',
	(_title, row) => {
		if (row.refusedByN8n) {
			it('n8n refuses to start the workflow and says why', async () => {
				const refused = await run(row).then(
					() => undefined,
					(error: unknown) => error as Error,
				);
				expect(refused?.message).toMatch(/^The 'Node' node has issues:/);
				expect(refused?.message.split('\n').map((line) => line.replace(/^- /, ''))).toContain(resolve(row.message));
				expect(callsMade()).toEqual([]);
			});
			return;
		}

		it('Stop Workflow: the node fails with the exact message', async () => {
			const result = await run(row);
			expect(result.error?.message).toBe(resolve(row.message));
			expect(result.outputs.flat()).toEqual([]);
			if (row.checkedLocally) expect(callsMade()).toEqual([]);
		});

		it('Continue (regular output): an error item with the message, paired with its input', async () => {
			const result = await run(row, 'continueRegularOutput');
			expect(result.error).toBeUndefined();
			expect(result.outputs[0]).toHaveLength(1);
			expect(result.outputs[0][0].json.error).toBe(resolve(row.message));
			expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		});

		it('Continue (using error output): n8n routes the item to the error output', async () => {
			const result = await run(row, 'continueErrorOutput');
			expect(result.error).toBeUndefined();
			expect(result.outputs[0]).toEqual([]);
			expect(result.outputs[1]).toHaveLength(1);
			expect(result.outputs[1][0].json.error).toBe(resolve(row.message));
			expect(result.outputs[1][0].pairedItem).toEqual({ item: 0 });
		});
	},
);

it('the README shows this catalogue (npm run docs:bad-input rewrites it)', () => {
	const readmePath = join(__dirname, '..', '..', '..', 'README.md');
	const readme = readFileSync(readmePath, 'utf8');
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	expect(start).toBeGreaterThan(0);
	expect(end).toBeGreaterThan(start);
	if (process.env.WRITE_BAD_INPUT_TABLE === '1') {
		const table = `${TABLE_START}\n${catalogueTable()}\n`;
		writeFileSync(readmePath, readme.slice(0, start) + table + readme.slice(end));
		return;
	}
	expect(readme.slice(start + TABLE_START.length, end).trim()).toBe(catalogueTable());
});
