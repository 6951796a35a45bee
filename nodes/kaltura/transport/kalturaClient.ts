import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HttpResponse, KalturaLogger } from '../client/client';
import { KalturaClient } from '../client/client';
import { parseKalturaCredentials } from '../client/credentials';
import type { RetryPolicy } from '../client/retry';

export const KALTURA_CREDENTIAL = 'kalturaApi';

export type KalturaContext =
	| IExecuteFunctions
	| IPollFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface KalturaClientSettings {
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
}

/**
 * What every client gets unless a node asks otherwise; empty means the client's own defaults
 * (30 s per call, four retries). Tests of dead or failing servers shorten these so that they do
 * not wait minutes; nodes never change them.
 */
export const CLIENT_DEFAULTS: KalturaClientSettings = {};

function executionScope(context: KalturaContext): string {
	const withId = context as { getExecutionId?: () => string | undefined };
	try {
		return withId.getExecutionId?.() ?? 'no-execution';
	} catch {
		return 'no-execution';
	}
}

function cancelSignal(context: KalturaContext): AbortSignal | undefined {
	const withSignal = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return withSignal.getExecutionCancelSignal?.();
}

/**
 * Builds the Kaltura client for a node run. Requests go through n8n's authenticated HTTP helper,
 * so n8n's proxy, TLS and cancellation settings apply; the client adds the session itself.
 */
export async function getKalturaClient(
	context: KalturaContext,
	settings: KalturaClientSettings = {},
): Promise<KalturaClient> {
	const raw = await context.getCredentials(KALTURA_CREDENTIAL);
	const credentials = parseKalturaCredentials(raw);
	const logger: KalturaLogger | undefined = context.logger;

	return new KalturaClient({
		credentials,
		sessionScope: executionScope(context),
		sleep,
		signal: cancelSignal(context),
		logger,
		retry: settings.retry ?? CLIENT_DEFAULTS.retry,
		timeoutMs: settings.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
		send: async (request): Promise<HttpResponse> => {
			const options: IHttpRequestOptions = {
				url: request.url,
				method: request.method,
				headers: request.headers,
				body: request.body,
				// Raw bytes back: the client decodes Kaltura's JSON itself (a bare string is a valid answer).
				encoding: 'arraybuffer',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: request.timeoutMs,
			};
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				KALTURA_CREDENTIAL,
				options,
			)) as { statusCode: number; body: unknown };
			return { statusCode: response.statusCode, body: response.body };
		},
	});
}
