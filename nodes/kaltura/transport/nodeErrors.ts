import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { KalturaCredentialError } from '../client/credentials';
import {
	KalturaApiError,
	KalturaCancelledError,
	KalturaTransportError,
	hintFor,
	plainMessageFor,
} from '../client/errors';
import { redactSessionsStrict } from '../client/redact';

/**
 * Turns whatever went wrong into the error n8n shows: NodeApiError for Kaltura's own answers
 * (with its code and a hint), NodeOperationError for bad input and local problems.
 * Every text passes through redaction: Kaltura quotes sessions in some messages.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof KalturaApiError) {
		const where = error.action ? `${error.service}.${error.action}` : error.service;
		const plain = plainMessageFor(error.code);
		const answered = plain ? `${error.code} ("${error.message}")` : error.code;
		return new NodeApiError(node, error.toJSON() as unknown as JsonObject, {
			message: `${plain ?? error.message} [${error.code}]`,
			description: `Kaltura ${where} answered ${answered}. ${hintFor(error.code) ?? ''}`.trim(),
			itemIndex,
		});
	}
	if (error instanceof KalturaTransportError) {
		return new NodeApiError(
			node,
			{ message: error.message, httpStatus: error.httpStatus ?? null, networkCode: error.networkCode ?? null },
			{
				message: error.message,
				description: transportHint(error),
				httpCode: error.httpStatus !== undefined ? String(error.httpStatus) : undefined,
				itemIndex,
			},
		);
	}
	if (error instanceof KalturaCancelledError) {
		return new NodeOperationError(node, 'The execution was cancelled', { itemIndex });
	}
	if (error instanceof KalturaCredentialError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	const message = redactSessionsStrict(error instanceof Error ? error.message : String(error));
	return new NodeOperationError(node, message, { itemIndex });
}

/**
 * What to do about a request that got no Kaltura answer: a server error is Kaltura's (retried when
 * safe); anything else that answered — a 404, a redirect, a page that is not Kaltura's API — most
 * likely means the Service URL points somewhere else.
 */
function transportHint(error: KalturaTransportError): string {
	const status = error.httpStatus;
	if (status !== undefined && status >= 500) {
		return 'The Kaltura server (or a proxy in front of it) failed. Failed requests that are safe to repeat were retried first.';
	}
	if (status === 413) {
		return 'A web server or proxy in front of Kaltura refuses requests this large. Lower Chunk Size (MiB), or ask the Kaltura administrator to raise the limit.';
	}
	if (status !== undefined && status !== 408 && status !== 429) {
		return 'Check the Service URL in the Kaltura API credential: it must be the address of the Kaltura server itself (e.g. https://www.kaltura.com), where /api_v3/ answers.';
	}
	if (error.networkCode === 'ETIMEDOUT' || error.networkCode === 'ECONNABORTED') {
		return 'Kaltura or the network between n8n and Kaltura is slow or down; calls that are safe to repeat were retried first.';
	}
	return 'Check the Service URL in the Kaltura API credential and the network between n8n and Kaltura.';
}
