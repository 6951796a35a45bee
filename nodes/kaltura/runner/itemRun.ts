import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { KalturaClient } from '../client/client';
import { KalturaCancelledError } from '../client/errors';
import { settle } from '../client/outcome';
import { getKalturaClient } from '../transport/kalturaClient';
import { toNodeError } from '../transport/nodeErrors';
import { errorItemJson, type NodeError } from './errorItem';

type ItemResult =
	| { ok: true; outputIndex: number; json: IDataObject[] }
	| { ok: false; error: NodeError; details: IDataObject };

/**
 * What one item knows about itself while it is worked on (an entry ID, a URL, an upload token):
 * shown in `details` if it fails, so the user can see how far it got.
 */
export type ItemDetails = IDataObject;

/**
 * One item's work for `ItemRun.forEach`: its output JSON (one or several items), or nothing —
 * then the item has no output, unless the work settled it itself (`succeed` on another output).
 */
export type ItemWork = (itemIndex: number, details: ItemDetails) => Promise<IDataObject | IDataObject[] | void>;

/** An item of a batch, with the value the node prepared for it. */
export interface Planned<T> {
	itemIndex: number;
	value: T;
}

/** What a batch did for one of its items. */
export type BatchOutcome =
	| { ok: true; json: IDataObject | IDataObject[] }
	| { ok: false; error: unknown; details?: ItemDetails };

/**
 * The one item loop of every node in this package: it owns the Kaltura client of the run, each
 * item's result, n8n's On Error setting and the output. A node reads its parameters and does
 * the work; the run decides what a failure means:
 * - **Stop Workflow** (default): the first failed item stops the node with its error (n8n's
 *   NodeApiError or NodeOperationError, naming the item).
 * - **Continue** (regular output) and **Continue (using error output)**: a failed item becomes
 *   an error item (see errorItemJson) paired with its input, and the other items carry on; in
 *   the second mode n8n routes it to the error output.
 * A cancelled execution always stops at once. Items come out in input order, each paired with
 * the input item it came from.
 */
export class ItemRun {
	readonly context: IExecuteFunctions;
	readonly node: INode;
	readonly itemCount: number;
	readonly continueOnFail: boolean;
	private readonly results = new Map<number, ItemResult>();
	private clientPromise?: Promise<KalturaClient>;

	constructor(context: IExecuteFunctions) {
		this.context = context;
		this.node = context.getNode();
		this.itemCount = context.getInputData().length;
		this.continueOnFail = context.continueOnFail();
	}

	/** The Kaltura client of this run, made once from the node's credential. */
	async client(): Promise<KalturaClient> {
		this.clientPromise ??= getKalturaClient(this.context);
		return await this.clientPromise;
	}

	/**
	 * Runs `work` for every item not settled yet, one after another. What it returns is the
	 * item's output; what it throws fails the item (with the details it noted so far).
	 */
	async forEach(work: ItemWork): Promise<void> {
		for (let itemIndex = 0; itemIndex < this.itemCount; itemIndex++) {
			if (this.results.has(itemIndex)) continue;
			const details: ItemDetails = {};
			const done = await settle(async () => await work(itemIndex, details));
			if (!done.ok) this.fail(itemIndex, done.error, details);
			else if (done.value !== undefined || !this.results.has(itemIndex)) this.succeed(itemIndex, done.value ?? []);
			this.stopOnFailure();
		}
	}

	/**
	 * Reads every unsettled item into a plan before anything is sent (parameters, checks). An
	 * item whose reading throws is settled as failed with the details noted so far; without
	 * Continue On Fail the first such item stops the node, so nothing is sent for bad input.
	 */
	async plan<T>(read: (itemIndex: number, details: ItemDetails) => T | Promise<T>): Promise<Array<Planned<T>>> {
		const planned: Array<Planned<T>> = [];
		for (const itemIndex of this.unsettledItems()) {
			const details: ItemDetails = {};
			const done = await settle(async () => await read(itemIndex, details));
			if (done.ok) planned.push({ itemIndex, value: done.value });
			else this.fail(itemIndex, done.error, details);
			this.stopOnFailure();
		}
		return planned;
	}

	/**
	 * Sends the planned items in batches of `size` (one Kaltura multirequest each, say). Each
	 * batch's outcomes settle its items; without Continue On Fail the first batch with a failure
	 * is the last one sent, and the failure is raised once `afterBatches` (clean-up) has run.
	 */
	async inBatches<T>(
		planned: Array<Planned<T>>,
		size: number,
		send: (batch: Array<Planned<T>>) => Promise<BatchOutcome[]>,
		afterBatches?: () => Promise<void>,
	): Promise<void> {
		for (let first = 0; first < planned.length; first += size) {
			const batch = planned.slice(first, first + size);
			const outcomes = await send(batch);
			batch.forEach(({ itemIndex }, i) => {
				const outcome = outcomes[i];
				if (outcome.ok) this.succeed(itemIndex, outcome.json);
				else this.fail(itemIndex, outcome.error, outcome.details);
			});
			if (!this.continueOnFail && outcomes.some((outcome) => !outcome.ok)) break;
		}
		if (afterBatches) await afterBatches();
		this.stopOnFailure();
	}

	/** Settles an item with its output (several items, or none, are fine); replaces an earlier result. */
	succeed(itemIndex: number, json: IDataObject | IDataObject[], outputIndex = 0): void {
		this.results.set(itemIndex, { ok: true, outputIndex, json: Array.isArray(json) ? json : [json] });
	}

	/**
	 * Settles an item as failed (replacing an earlier result). A cancelled execution is raised at
	 * once; other failures are raised by `stopOnFailure` when Continue On Fail is off.
	 */
	fail(itemIndex: number, error: unknown, details: ItemDetails = {}): void {
		const nodeError = toNodeError(this.node, error, itemIndex);
		if (error instanceof KalturaCancelledError || this.isCancelled()) throw nodeError;
		this.results.set(itemIndex, { ok: false, error: nodeError, details });
	}

	/** Whether the execution was stopped (the Stop button, a workflow timeout). */
	isCancelled(): boolean {
		return this.context.getExecutionCancelSignal?.()?.aborted === true;
	}

	/** Without Continue On Fail, raises the failure of the first failed item (in input order). */
	stopOnFailure(): void {
		if (this.continueOnFail) return;
		const failed = this.failedItems()[0];
		if (failed !== undefined) throw (this.results.get(failed) as { error: NodeError }).error;
	}

	/** The output JSON of a settled, successful item. */
	outputOf(itemIndex: number): IDataObject[] | undefined {
		const result = this.results.get(itemIndex);
		return result?.ok ? result.json : undefined;
	}

	/** The failure of an item, if it failed. */
	failureOf(itemIndex: number): NodeError | undefined {
		const result = this.results.get(itemIndex);
		return result && !result.ok ? result.error : undefined;
	}

	isSettled(itemIndex: number): boolean {
		return this.results.has(itemIndex);
	}

	/** Items that have not been settled yet, in input order. */
	unsettledItems(): number[] {
		const left: number[] = [];
		for (let i = 0; i < this.itemCount; i++) if (!this.results.has(i)) left.push(i);
		return left;
	}

	/** Items that succeeded, in input order. */
	succeededItems(): number[] {
		return [...this.results.entries()]
			.filter(([, r]) => r.ok)
			.map(([i]) => i)
			.sort((a, b) => a - b);
	}

	private failedItems(): number[] {
		return [...this.results.entries()]
			.filter(([, r]) => !r.ok)
			.map(([i]) => i)
			.sort((a, b) => a - b);
	}

	/**
	 * The node's outputs: `outputCount` arrays (a node with Ready / Failed / Timed Out outputs
	 * has three); failed items go to the first, where n8n finds them for its error output.
	 */
	output(outputCount = 1): INodeExecutionData[][] {
		const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
		for (let itemIndex = 0; itemIndex < this.itemCount; itemIndex++) {
			const result = this.results.get(itemIndex);
			if (!result) continue;
			const pairedItem = { item: itemIndex };
			if (result.ok) {
				for (const json of result.json) outputs[result.outputIndex].push({ json, pairedItem });
			} else {
				outputs[0].push({ json: errorItemJson(result.error, result.details), pairedItem });
			}
		}
		return outputs;
	}
}
