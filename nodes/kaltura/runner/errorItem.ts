import { NodeApiError, type IDataObject, type NodeOperationError } from 'n8n-workflow';

export type NodeError = NodeApiError | NodeOperationError;

/**
 * The JSON of an item that failed under Continue On Fail, the same in both of n8n's modes:
 * `error` is the message, `details` holds the rest — what to do (`description`), Kaltura's
 * error code (`code`), and what the item got to (`entryId`, `url`, `uploadTokenId`, …).
 *
 * Why only these two keys: n8n sends an item to the error output when its JSON holds nothing
 * but `error`, `message` and `details` (and then adds the input item's fields to it), whereas an
 * item carrying an error object has its JSON cut down to the message alone. This shape keeps
 * every detail and is routed by n8n in both modes.
 */
export function errorItemJson(error: NodeError, context: IDataObject = {}): IDataObject {
	const details: IDataObject = {};
	for (const [key, value] of Object.entries(context)) {
		if (value !== undefined && value !== null && value !== '') details[key] = value;
	}
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError) {
		const code = error.errorResponse?.code;
		if (typeof code === 'string' && code !== '') details.code = code;
		if (error.httpCode && error.httpCode !== '200') details.httpCode = error.httpCode;
	}
	return { error: error.message, details };
}
