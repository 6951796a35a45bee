/**
 * The item runner every node uses, run by n8n's execution engine inside a small test node: what
 * each On Error setting does with failed items (stop, regular output, error output), pairing and
 * order, details of how far an item got, batches, several outputs, and the client of the run.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	OnError,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { KalturaCancelledError } from '../../../nodes/kaltura/client/errors';
import { errorItemJson } from '../../../nodes/kaltura/runner/errorItem';
import { ItemRun, type BatchOutcome } from '../../../nodes/kaltura/runner/itemRun';
import { runNode } from '../../helpers/n8nEngine';

/** What the test node did, for assertions beyond its output. */
const seen: { batches: number[][]; worked: number[] } = { batches: [], worked: [] };

function description(outputs = 1): INodeTypeDescription {
	return {
		displayName: 'Runner Test',
		name: 'runnerTest',
		group: ['transform'],
		version: 1,
		description: 'Exercises the item runner',
		defaults: { name: 'Runner Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: Array.from({ length: outputs }, () => NodeConnectionTypes.Main),
		credentials: [{ name: 'kalturaApi', required: true }],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'each' },
			{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 2 },
		],
	};
}

/** Item JSON steers the work: `fail` makes it throw, `out` picks the output, `count` emits several items. */
async function work(run: ItemRun, itemIndex: number, details: IDataObject): Promise<IDataObject | IDataObject[]> {
	const json = run.context.getInputData()[itemIndex].json;
	seen.worked.push(itemIndex);
	details.entryId = json.entryId;
	if (json.cancel) throw new KalturaCancelledError();
	if (typeof json.fail === 'string') {
		throw new NodeOperationError(run.node, json.fail, { itemIndex, description: 'What to do about it' });
	}
	if (typeof json.count === 'number') return Array.from({ length: json.count }, (_, n) => ({ n }));
	return { done: itemIndex };
}

class RunnerTestNode implements INodeType {
	description: INodeTypeDescription;

	constructor(outputs = 1) {
		this.description = description(outputs);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const run = new ItemRun(this);
		const mode = this.getNodeParameter('mode', 0) as string;
		if (mode === 'each') {
			await run.forEach(async (itemIndex, details) => await work(run, itemIndex, details));
		} else if (mode === 'batches') {
			const planned = await run.plan((itemIndex) => {
				const json = this.getInputData()[itemIndex].json;
				if (json.unreadable) throw new NodeOperationError(run.node, 'Cannot read this item', { itemIndex });
				return json;
			});
			await run.inBatches(planned, this.getNodeParameter('batchSize', 0) as number, async (batch) => {
				seen.batches.push(batch.map((b) => b.itemIndex));
				return batch.map(
					({ value }): BatchOutcome =>
						value.fail
							? { ok: false, error: new Error(String(value.fail)), details: { url: value.url } }
							: { ok: true, json: { sent: value.url } },
				);
			});
		} else if (mode === 'outputs') {
			await run.forEach(async (itemIndex) => {
				const json = this.getInputData()[itemIndex].json;
				if (json.fail) throw new Error(String(json.fail));
				run.succeed(itemIndex, { routed: json.out }, Number(json.out));
			});
			return run.output(3);
		} else if (mode === 'client') {
			await run.forEach(async () => {
				await run.client();
				return { connected: true };
			});
		}
		return run.output();
	}
}

async function runWith(
	items: IDataObject[],
	options: { onError?: OnError; parameters?: INodeParameters; outputs?: number } = {},
) {
	seen.batches = [];
	seen.worked = [];
	return await runNode({
		node: new RunnerTestNode(options.outputs),
		parameters: options.parameters ?? {},
		items: items.map((json) => ({ json })),
		credentials: { serviceUrl: 'http://127.0.0.1:9', partnerId: 1, authType: 'secret', secret: '' },
		onError: options.onError,
	});
}

const ITEMS: IDataObject[] = [
	{ name: 'a' },
	{ name: 'b', fail: 'Item b is bad', entryId: '0_bbbbbbbb' },
	{ name: 'c' },
	{ name: 'd', count: 2 },
];

describe('ItemRun.forEach', () => {
	it('Stop Workflow: the first failed item stops the node with its error, naming the item; later items are not worked on', async () => {
		const result = await runWith(ITEMS);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item b is bad',
			description: 'What to do about it',
		});
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(seen.worked).toEqual([0, 1]);
		expect(result.outputs).toEqual([]);
	});

	it('Continue (regular output): the failed item becomes an error item in place, the others carry on, all paired', async () => {
		const result = await runWith(ITEMS, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0]).toEqual([
			{ json: { done: 0 }, pairedItem: { item: 0 } },
			{
				json: { error: 'Item b is bad', details: { entryId: '0_bbbbbbbb', description: 'What to do about it' } },
				pairedItem: { item: 1 },
			},
			{ json: { done: 2 }, pairedItem: { item: 2 } },
			{ json: { n: 0 }, pairedItem: { item: 3 } },
			{ json: { n: 1 }, pairedItem: { item: 3 } },
		]);
	});

	it('Continue (using error output): n8n moves the failed item to the error output, with its input fields', async () => {
		const result = await runWith(ITEMS, { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }, { item: 3 }]);
		expect(failed).toEqual([
			{
				json: {
					name: 'b',
					fail: 'Item b is bad',
					entryId: '0_bbbbbbbb',
					error: 'Item b is bad',
					details: { entryId: '0_bbbbbbbb', description: 'What to do about it' },
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('a cancelled execution stops at once, whatever On Error says', async () => {
		const result = await runWith([{ name: 'a' }, { cancel: true }, { name: 'c' }], {
			onError: 'continueRegularOutput',
		});
		expect(result.error?.message).toBe('The execution was cancelled');
		expect(seen.worked).toEqual([0, 1]);
	});

	it('a credential that cannot work fails every item with the same clear error under Continue', async () => {
		const result = await runWith([{}, {}], { onError: 'continueRegularOutput', parameters: { mode: 'client' } });
		expect(result.json).toEqual([
			{ error: expect.stringMatching(/no secret/), details: {} },
			{ error: expect.stringMatching(/no secret/), details: {} },
		]);
	});
});

describe('ItemRun.plan and inBatches', () => {
	const rows: IDataObject[] = [
		{ url: 'u0' },
		{ url: 'u1', fail: 'refused' },
		{ url: 'u2', unreadable: true },
		{ url: 'u3' },
		{ url: 'u4' },
		{ url: 'u5' },
	];

	it('Continue: unreadable items fail before anything is sent, the rest go in batches; each item gets its own outcome', async () => {
		const result = await runWith(rows, {
			onError: 'continueRegularOutput',
			parameters: { mode: 'batches', batchSize: 2 },
		});
		expect(seen.batches).toEqual([[0, 1], [3, 4], [5]]);
		expect(result.json).toEqual([
			{ sent: 'u0' },
			{ error: 'refused', details: { url: 'u1' } },
			{ error: 'Cannot read this item', details: {} },
			{ sent: 'u3' },
			{ sent: 'u4' },
			{ sent: 'u5' },
		]);
	});

	it('Stop Workflow: an unreadable item stops the node before any batch is sent', async () => {
		const result = await runWith(rows, { parameters: { mode: 'batches', batchSize: 2 } });
		expect(result.error?.message).toBe('Cannot read this item');
		expect(seen.batches).toEqual([]);
	});

	it('Stop Workflow: the first batch with a failure is the last one sent', async () => {
		const readable = rows.filter((row) => !row.unreadable);
		const result = await runWith(readable, { parameters: { mode: 'batches', batchSize: 2 } });
		expect(result.error?.message).toBe('refused');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(seen.batches).toEqual([[0, 1]]);
	});
});

describe('ItemRun.output with several outputs', () => {
	it('sends each item to the output it chose; failures go where n8n expects them', async () => {
		const items = [{ out: 2 }, { out: 0 }, { fail: 'nope' }, { out: 1 }];
		const regular = await runWith(items, {
			outputs: 3,
			onError: 'continueRegularOutput',
			parameters: { mode: 'outputs' },
		});
		expect(regular.outputs.map((o) => o.map((i) => i.pairedItem))).toEqual([
			[{ item: 1 }, { item: 2 }],
			[{ item: 3 }],
			[{ item: 0 }],
		]);
		const routed = await runWith(items, {
			outputs: 3,
			onError: 'continueErrorOutput',
			parameters: { mode: 'outputs' },
		});
		expect(routed.outputs).toHaveLength(4);
		expect(routed.outputs.map((o) => o.map((i) => i.pairedItem))).toEqual([
			[{ item: 1 }],
			[{ item: 3 }],
			[{ item: 0 }],
			[{ item: 2 }],
		]);
		expect(routed.outputs[3][0].json).toMatchObject({ error: 'nope' });
	});
});

describe('errorItemJson', () => {
	it('keeps only error and details, so n8n can route it; empty details are left out', () => {
		const error = new NodeOperationError(
			{ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} },
			'Broken',
			{
				description: 'Fix it',
			},
		);
		expect(errorItemJson(error, { entryId: '0_x', url: '', uploadTokenId: undefined })).toEqual({
			error: 'Broken',
			details: { entryId: '0_x', description: 'Fix it' },
		});
	});
});
