import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { numberValue, valueOrThrow, type ValueCheck } from '../runner/parameterValues';

/**
 * The "Wait Until Ready" option shared by every node that creates or replaces content.
 * Put these inside an "Options" collection; read them with readWaitOptions.
 */
export const waitUntilReadyOptions: INodeProperties[] = [
	{
		displayName: 'Wait Until Ready',
		name: 'waitUntilReady',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until Kaltura has finished processing the media (status READY) before passing the item on. A failed entry becomes an error for that item.',
	},
	{
		displayName: 'Check Interval (Seconds)',
		name: 'waitIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'The longest pause between two status checks while waiting (the first checks come sooner)',
		displayOptions: { show: { waitUntilReady: [true] } },
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'waitTimeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description:
			'How long to wait at most before failing the item with a timeout. For longer processing use the Watch Entry Status node or trigger.',
		displayOptions: { show: { waitUntilReady: [true] } },
	},
];

export interface WaitOptions {
	enabled: boolean;
	intervalMs: number;
	timeoutMs: number;
}

/** The wait options' values, as they sit in an "options" collection. */
export interface WaitOptionValues {
	waitUntilReady?: boolean;
	/** Numbers from the form; expressions may put anything here. */
	waitIntervalSeconds?: unknown;
	waitTimeoutMinutes?: unknown;
}

/** Reads the wait options from an "options" collection parameter of the given item; bad values fail the item. */
export function readWaitOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	collectionName = 'options',
): WaitOptions {
	const options = (context.getNodeParameter(collectionName, itemIndex, {}) ?? {}) as WaitOptionValues;
	return valueOrThrow(context, itemIndex, waitOptionsFrom(options));
}

/** The wait options from an options collection a node has read already, checked. */
export function waitOptionsFrom(options: WaitOptionValues): ValueCheck<WaitOptions> {
	const enabled = options.waitUntilReady === true;
	const interval = numberValue(options.waitIntervalSeconds, 'Check Interval (Seconds)', { min: 1, fallback: 10 });
	if (!interval.ok) return interval;
	const timeout = numberValue(options.waitTimeoutMinutes, 'Max Wait (Minutes)', { min: 0, fallback: 30 });
	if (!timeout.ok) return timeout;
	return { ok: true, value: { enabled, intervalMs: interval.value * 1000, timeoutMs: timeout.value * 60_000 } };
}
