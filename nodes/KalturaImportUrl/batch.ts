import type { KalturaCall, KalturaClient } from '../kaltura/client/client';
import { multiRequestRef } from '../kaltura/client/client';
import { settle } from '../kaltura/client/outcome';
import type { KalturaMediaEntry, KalturaObject } from '../kaltura/client/types';

/** A new entry whose content Kaltura fetches from a URL: media.add + media.addContent. */
export interface CreateJob {
	kind: 'create';
	entry: KalturaObject;
	resource: KalturaObject;
}

/** New content for an existing entry: media.updateContent. */
export interface ReplaceJob {
	kind: 'replace';
	entryId: string;
	resource: KalturaObject;
	conversionProfileId?: number;
}

export type ImportJob = CreateJob | ReplaceJob;

export type JobOutcome =
	| { ok: true; entry: KalturaMediaEntry }
	| {
			ok: false;
			error: unknown;
			/** media.add made this entry but its content was refused: an empty entry to clean up. */
			orphanEntryId?: string;
	  };

function callsFor(job: ImportJob, offset: number): KalturaCall[] {
	if (job.kind === 'create') {
		return [
			{ service: 'media', action: 'add', params: { entry: job.entry } },
			{
				service: 'media',
				action: 'addContent',
				// The entry made by the call just before, in the same multirequest.
				params: { entryId: multiRequestRef(offset, 'id'), resource: job.resource },
			},
		];
	}
	const params: KalturaObject = { entryId: job.entryId, resource: job.resource };
	if (job.conversionProfileId !== undefined) params.conversionProfileId = job.conversionProfileId;
	return [{ service: 'media', action: 'updateContent', params }];
}

/**
 * Sends the jobs as one Kaltura multirequest and maps every answer slot back to its own job,
 * so one bad URL or entry ID fails one item, not its whole batch. A request that fails as a
 * whole (network, HTTP error) fails every job it carried.
 */
export async function sendImportBatch(client: KalturaClient, jobs: ImportJob[]): Promise<JobOutcome[]> {
	const calls: KalturaCall[] = [];
	const offsets: number[] = [];
	for (const job of jobs) {
		offsets.push(calls.length);
		calls.push(...callsFor(job, calls.length));
	}
	const answer = await settle(async () => await client.multirequest(calls));
	return jobs.map((job, i): JobOutcome => {
		if (!answer.ok) return { ok: false, error: answer.error };
		const at = offsets[i];
		const head = answer.value[at];
		if (!head.ok) return { ok: false, error: head.error };
		if (job.kind === 'replace') return { ok: true, entry: head.value as KalturaMediaEntry };
		const created = head.value as KalturaMediaEntry;
		const content = answer.value[at + 1];
		if (!content.ok) return { ok: false, error: content.error, orphanEntryId: created.id };
		return { ok: true, entry: content.value as KalturaMediaEntry };
	});
}

/**
 * Deletes entries that media.add created but whose content Kaltura refused, so a failed item
 * leaves nothing behind (and a re-run with Skip If Reference ID Exists does not find an empty
 * entry). Returns the IDs that could not be deleted.
 */
export async function deleteOrphans(client: KalturaClient, entryIds: string[], batchSize: number): Promise<string[]> {
	const left: string[] = [];
	for (let first = 0; first < entryIds.length; first += batchSize) {
		const ids = entryIds.slice(first, first + batchSize);
		const answer = await settle(
			async () =>
				await client.multirequest(ids.map((entryId) => ({ service: 'media', action: 'delete', params: { entryId } }))),
		);
		ids.forEach((id, i) => {
			if (!answer.ok || !answer.value[i].ok) left.push(id);
		});
	}
	return left;
}
