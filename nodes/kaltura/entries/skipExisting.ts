import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The "Skip If Reference ID Exists" option shared by every node that creates entries. It makes
 * ingest idempotent: a workflow that is re-run (after a failure, or on the same trigger event)
 * returns the entry an earlier run created instead of creating a duplicate. Put it inside an
 * "Options" collection; read it with readSkipIfReferenceIdExists and look entries up with
 * findEntriesByReferenceIds (referenceId.ts).
 */
export const skipIfReferenceIdExistsOption: INodeProperties = {
	displayName: 'Skip If Reference ID Exists',
	name: 'skipIfReferenceIdExists',
	type: 'boolean',
	default: false,
	description:
		'Whether to return the existing entry instead of creating a new one when an entry with the same reference ID is already in Kaltura. Needs a reference ID in Entry Fields.',
};

export function readSkipIfReferenceIdExists(
	context: IExecuteFunctions,
	itemIndex: number,
	collectionName = 'options',
): boolean {
	const options = context.getNodeParameter(collectionName, itemIndex, {}) as {
		skipIfReferenceIdExists?: boolean;
	};
	return options.skipIfReferenceIdExists === true;
}
