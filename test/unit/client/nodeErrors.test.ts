import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { KalturaApiError, KalturaCancelledError, KalturaTransportError } from '../../../nodes/kaltura/client/errors';
import { generateKsV2 } from '../../../nodes/kaltura/client/ks';
import { errorItemJson } from '../../../nodes/kaltura/runner/errorItem';
import { toNodeError } from '../../../nodes/kaltura/transport/nodeErrors';

const node: INode = {
	id: '1',
	name: 'Kaltura',
	type: 'n8n-nodes-kaltura-ingestion.kalturaUploadFile',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('toNodeError', () => {
	it("shows Kaltura's code, message and a hint, on the right item", () => {
		const error = toNodeError(
			node,
			new KalturaApiError(
				{
					objectType: 'KalturaAPIException',
					code: 'ENTRY_ID_NOT_FOUND',
					message: 'Entry id "1_nothere" not found',
					args: { ENTRY_ID: '1_nothere' },
				},
				'media',
				'updateContent',
			),
			3,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Entry id "1_nothere" not found [ENTRY_ID_NOT_FOUND]');
		expect(error.description).toContain('media.updateContent');
		expect(error.description).toContain('1_abcd1234');
		expect(error.context.itemIndex).toBe(3);
		expect(errorItemJson(error)).toMatchObject({ error: error.message, details: { code: 'ENTRY_ID_NOT_FOUND' } });
	});

	it('never lets a session through, even when Kaltura quotes it', () => {
		const ks = generateKsV2({ partnerId: 1, adminSecret: 'x', type: 2, expirySeconds: 60 });
		const error = toNodeError(
			node,
			new KalturaApiError(
				{
					objectType: 'KalturaAPIException',
					code: 'INVALID_KS',
					message: `Invalid KS "${ks}", Error "-1,INVALID_STR"`,
					args: { KSID: ks },
				},
				'media',
				'list',
			),
		);
		expect(
			JSON.stringify({ m: error.message, d: error.description, r: (error as NodeApiError).errorResponse }),
		).not.toContain(ks);
	});

	it('maps transport failures and cancellation', () => {
		const network = toNodeError(
			node,
			new KalturaTransportError('Could not reach Kaltura at https://x (ECONNREFUSED)', {
				service: 'media',
				action: 'list',
				networkCode: 'ECONNREFUSED',
				notSent: true,
			}),
			0,
		);
		expect(network).toBeInstanceOf(NodeApiError);
		expect(network.description).toContain('Service URL');
		const http = toNodeError(
			node,
			new KalturaTransportError('Kaltura answered HTTP 503', { service: 'media', action: 'list', httpStatus: 503 }),
		);
		expect((http as NodeApiError).httpCode).toBe('503');
		expect(toNodeError(node, new KalturaCancelledError())).toBeInstanceOf(NodeOperationError);
	});

	it('points at the Service URL for an answer that is not an API failure (404, a web page), and names timeouts', () => {
		const hint = (details: ConstructorParameters<typeof KalturaTransportError>[1]) =>
			toNodeError(node, new KalturaTransportError('x', details)).description;
		expect(hint({ service: 'media', action: 'list', httpStatus: 404 })).toMatch(
			/must be the address of the Kaltura server itself/,
		);
		expect(hint({ service: 'media', action: 'list', httpStatus: 200 })).toMatch(
			/must be the address of the Kaltura server itself/,
		);
		expect(hint({ service: 'media', action: 'list', httpStatus: 502 })).toMatch(
			/server \(or a proxy in front of it\) failed/,
		);
		expect(hint({ service: 'media', action: 'list', httpStatus: 429 })).not.toMatch(/server itself/);
		expect(hint({ service: 'media', action: 'list', networkCode: 'ETIMEDOUT' })).toMatch(/slow or down/);
	});

	it('keeps n8n errors as they are and adds the item index', () => {
		const original = new NodeOperationError(node, 'bad input');
		expect(toNodeError(node, original, 2)).toBe(original);
		expect(original.context.itemIndex).toBe(2);
	});
});
