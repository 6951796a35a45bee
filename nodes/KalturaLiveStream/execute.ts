import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KalturaClient } from '../kaltura/client/client';
import { KalturaEntryType } from '../kaltura/client/enums';
import { KalturaApiError } from '../kaltura/client/errors';
import { settle } from '../kaltura/client/outcome';
import type { KalturaBaseEntry, KalturaLiveStreamEntry } from '../kaltura/client/types';
import { entryKind } from '../kaltura/entries/entryKind';
import { parseEntryParameter, readEntryId } from '../kaltura/entries/entryLocator';
import { ItemRun } from '../kaltura/runner/itemRun';
import { readText } from '../kaltura/runner/parameterValues';
import type { LiveOperation } from './description';
import { OPERATION } from './description';
import { findPassthroughProfileId, PASSTHROUGH_SYSTEM_NAME, readLiveStreamRequest } from './liveEntry';
import type { LiveOutputContext } from './liveOutput';
import { broadcastStatusName, formatLiveStream } from './liveOutput';

interface LiveRun {
	context: IExecuteFunctions;
	client: KalturaClient;
	node: INode;
	where: LiveOutputContext;
	/** Looked up at most once per run, and only if an item asks for passthrough. */
	passthroughProfile?: Promise<number | undefined>;
}

/**
 * Kaltura answers ENTRY_ID_NOT_FOUND / INVALID_ENTRY_ID both for a wrong ID and for an entry
 * that is not a live stream; one extra look at the entry tells the two apart.
 */
async function explainLiveLookupFailure(
	run: LiveRun,
	entryId: string,
	error: unknown,
	itemIndex: number,
): Promise<unknown> {
	if (!(error instanceof KalturaApiError) || !['ENTRY_ID_NOT_FOUND', 'INVALID_ENTRY_ID'].includes(error.code)) {
		return error;
	}
	const found = await settle(async () => await run.client.call<KalturaBaseEntry>('baseEntry', 'get', { entryId }));
	if (found.ok && String(found.value.type) === KalturaEntryType.LIVE_STREAM) return error;
	if (found.ok) {
		return new NodeOperationError(run.node, `Entry ${entryId} is not a live stream`, {
			itemIndex,
			description: `It is a ${entryKind(found.value)} entry. This operation works on live stream entries only; make one with the Create operation.`,
		});
	}
	return new NodeOperationError(run.node, `No live stream with entry ID "${entryId}"`, {
		itemIndex,
		description:
			'Check the entry ID (it looks like 1_abcd1234) and that the Kaltura API credential belongs to the account (partner) that owns it.',
	});
}

async function callForLiveEntry<T>(
	run: LiveRun,
	entryId: string,
	itemIndex: number,
	action: string,
	params: Record<string, string>,
): Promise<T> {
	const outcome = await settle(async () => await run.client.call<T>('liveStream', action, params));
	if (outcome.ok) return outcome.value;
	throw await explainLiveLookupFailure(run, entryId, outcome.error, itemIndex);
}

async function create(run: LiveRun, itemIndex: number): Promise<IDataObject> {
	const request = readLiveStreamRequest(run.context, itemIndex);
	if (request.needsPassthroughProfile) {
		run.passthroughProfile ??= findPassthroughProfileId(run.client);
		const profileId = await run.passthroughProfile;
		if (profileId === undefined) {
			throw new NodeOperationError(run.node, 'This Kaltura account has no passthrough live profile', {
				itemIndex,
				description: `No live conversion profile with the system name ${PASSTHROUGH_SYSTEM_NAME} was found. Choose Custom Conversion Profile and enter the ID of the passthrough profile (KMC → Settings → Transcoding Settings → Live).`,
			});
		}
		request.liveStreamEntry.conversionProfileId = profileId;
	}
	const entry = await run.client.call<KalturaLiveStreamEntry>('liveStream', 'add', {
		liveStreamEntry: request.liveStreamEntry,
		sourceType: request.sourceType,
	});
	return formatLiveStream(entry, run.where);
}

async function get(run: LiveRun, itemIndex: number): Promise<IDataObject> {
	const entryId = readEntryId(run.context, itemIndex);
	const entry = await callForLiveEntry<KalturaLiveStreamEntry>(run, entryId, itemIndex, 'get', { entryId });
	return formatLiveStream(entry, run.where);
}

async function regenerate(run: LiveRun, itemIndex: number): Promise<IDataObject> {
	const entryId = readEntryId(run.context, itemIndex);
	const entry = await callForLiveEntry<KalturaLiveStreamEntry>(run, entryId, itemIndex, 'regenerateStreamToken', {
		entryId,
	});
	return formatLiveStream(entry, run.where);
}

interface LiveStreamDetails {
	broadcastStatus?: number;
	viewMode?: number;
	wasBroadcast?: boolean;
}

/** isLive and getDetails in one multirequest: is it on air, and is it public or in preview. */
async function status(run: LiveRun, itemIndex: number): Promise<IDataObject> {
	const entryId = readEntryId(run.context, itemIndex);
	const protocol = readText(run.context, itemIndex, 'protocol', 'Protocol') || 'hls';
	const answer = await run.client.multirequest([
		{ service: 'liveStream', action: 'isLive', params: { id: entryId, protocol } },
		{ service: 'liveStream', action: 'getDetails', params: { id: entryId } },
	]);
	const [isLive, details] = answer;
	if (!isLive.ok) throw await explainLiveLookupFailure(run, entryId, isLive.error, itemIndex);
	const out: IDataObject = {
		entryId,
		isLive: isLive.value === true || isLive.value === 1 || isLive.value === '1' || isLive.value === 'true',
		protocol,
		checkedAt: new Date().toISOString(),
	};
	// Details are a bonus (not every account exposes them); their failure does not fail the item.
	if (details.ok && details.value && typeof details.value === 'object') {
		const d = details.value as LiveStreamDetails;
		const broadcast = broadcastStatusName(d.broadcastStatus);
		if (broadcast) out.broadcastStatus = broadcast;
		if (d.viewMode !== undefined) out.audience = Number(d.viewMode) === 1 ? 'public' : 'preview';
		if (d.wasBroadcast !== undefined) out.wasBroadcast = d.wasBroadcast === true;
	}
	return out;
}

const OPERATIONS: Record<LiveOperation, (run: LiveRun, itemIndex: number) => Promise<IDataObject>> = {
	[OPERATION.CREATE]: create,
	[OPERATION.GET]: get,
	[OPERATION.REGENERATE]: regenerate,
	[OPERATION.STATUS]: status,
};

export async function executeLiveStream(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = new ItemRun(context);
	const operation = context.getNodeParameter('operation', 0) as LiveOperation;
	const handler = OPERATIONS[operation];
	if (!handler) throw new NodeOperationError(items.node, `Unknown operation "${String(operation)}"`);
	let run: LiveRun | undefined;

	await items.forEach(async (itemIndex, details) => {
		if (operation !== OPERATION.CREATE) details.entryId = entryIdForDetails(context, itemIndex);
		if (!run) {
			const client = await items.client();
			run = {
				context,
				client,
				node: items.node,
				where: { serviceUrl: client.serviceUrl, partnerId: client.credentials.partnerId },
			};
		}
		return await handler(run, itemIndex);
	});
	return items.output();
}

/** The entry an item names, for its error details; nothing when it names none that is valid. */
function entryIdForDetails(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const parsed = parseEntryParameter(context.getNodeParameter('entryId', itemIndex, '') as unknown);
	return parsed.ok ? parsed.entryId : undefined;
}
