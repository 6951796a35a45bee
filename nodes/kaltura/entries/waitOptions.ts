import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
	waitIntervalSeconds?: number;
	waitTimeoutMinutes?: number;
}

/** Reads the wait options from an "options" collection parameter of the given item. */
export function readWaitOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	collectionName = 'options',
): WaitOptions {
	return waitOptionsFrom(context.getNodeParameter(collectionName, itemIndex, {}) as WaitOptionValues);
}

/** The wait options from an options collection a node has read already. */
export function waitOptionsFrom(options: WaitOptionValues): WaitOptions {
	return {
		enabled: options.waitUntilReady === true,
		intervalMs: Math.max(1, options.waitIntervalSeconds ?? 10) * 1000,
		timeoutMs: Math.max(0, options.waitTimeoutMinutes ?? 30) * 60_000,
	};
}
