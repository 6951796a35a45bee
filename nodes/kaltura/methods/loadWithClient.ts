import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { KalturaClient } from '../client/client';
import { settle } from '../client/outcome';
import { getKalturaClient } from '../transport/kalturaClient';
import { toNodeError } from '../transport/nodeErrors';

/**
 * Runs a picker's or dropdown's Kaltura calls with the node's credential. A failure reaches the
 * editor as n8n's error (Kaltura's message and code, secrets removed) instead of an empty list,
 * so a wrong credential is seen for what it is.
 */
export async function loadWithClient<T>(
	context: ILoadOptionsFunctions,
	load: (client: KalturaClient) => Promise<T>,
): Promise<T> {
	const done = await settle(async () => await load(await getKalturaClient(context)));
	if (done.ok) return done.value;
	throw toNodeError(context.getNode(), done.error);
}
