/**
 * A stand-in for n8n's execution context, enough to run our nodes in jest: parameters per item,
 * credentials, binary data kept in files (like n8n's filesystem mode), Continue On Fail, a cancel
 * signal, a logger that records every line, and HTTP helpers that really send requests (to the
 * sandbox) after applying the credential's own authenticate function, as n8n does.
 * n8n's own workflow test harness is not published, so this is the closest honest substitute.
 */
import { createReadStream, promises as fs, statSync } from 'fs';
import http from 'http';
import https from 'https';
import os from 'os';
import path from 'path';
import { URL } from 'url';

import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KalturaApi } from '../../credentials/KalturaApi.credentials';

export interface LoggedLine {
	level: string;
	message: string;
	meta?: unknown;
}

export interface RecordedRequest {
	url: string;
	method: string;
	bytes: number;
}

export interface ContextOptions {
	credentials: ICredentialDataDecryptedObject;
	/** Node parameters: a value for all items, or a function of (name, itemIndex). */
	parameters: Record<string, unknown> | ((name: string, itemIndex: number) => unknown);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	executionId?: string;
	node?: Partial<INode>;
	abortController?: AbortController;
}

export interface TestContext {
	context: IExecuteFunctions;
	logs: LoggedLine[];
	requests: RecordedRequest[];
	abort: AbortController;
}

const binaryFiles = new Map<string, { file: string; fileName?: string; mimeType: string }>();
let binaryCounter = 0;

/** Stores bytes (or an existing file) the way n8n's filesystem mode does: an id that streams. */
export async function storeBinary(
	content: Buffer | { file: string },
	fileName: string,
	mimeType: string,
): Promise<IBinaryData> {
	let file: string;
	if (Buffer.isBuffer(content)) {
		file = path.join(os.tmpdir(), `n8n-test-binary-${process.pid}-${++binaryCounter}`);
		await fs.writeFile(file, content);
	} else {
		file = content.file;
	}
	const id = `filesystem-v2:test/${process.pid}/${++binaryCounter}`;
	binaryFiles.set(id, { file, fileName, mimeType });
	const size = statSync(file).size;
	return { id, data: 'filesystem-v2', mimeType, fileName, fileSize: String(size), bytes: size };
}

function getPath(source: unknown, dotted: string): unknown {
	let current: unknown = source;
	for (const part of dotted.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

function sendHttp(options: IHttpRequestOptions, requests: RecordedRequest[]): Promise<unknown> {
	const target = new URL(options.url, options.baseURL);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value !== undefined) target.searchParams.set(key, String(value));
	}
	let body: Buffer | undefined;
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.headers ?? {})) headers[key] = String(value);
	if (Buffer.isBuffer(options.body)) body = options.body;
	else if (typeof options.body === 'string') body = Buffer.from(options.body);
	else if (options.body !== undefined) {
		body = Buffer.from(JSON.stringify(options.body));
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json';
		}
	}
	if (body) headers['Content-Length'] = String(body.length);
	requests.push({ url: target.toString(), method: options.method ?? 'GET', bytes: body?.length ?? 0 });
	const transport = target.protocol === 'https:' ? https : http;

	return new Promise((resolve, reject) => {
		const request = transport.request(
			target,
			{ method: options.method ?? 'GET', headers, signal: options.abortSignal as AbortSignal | undefined },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const raw = Buffer.concat(chunks);
					const status = response.statusCode ?? 0;
					if (!options.ignoreHttpStatusErrors && (status < 200 || status >= 300)) {
						reject(Object.assign(new Error(`HTTP ${status}`), { httpCode: String(status) }));
						return;
					}
					let parsed: unknown = raw;
					if (options.encoding !== 'arraybuffer') {
						const text = raw.toString('utf8');
						try {
							parsed = options.json === false ? text : JSON.parse(text);
						} catch {
							parsed = text;
						}
					}
					resolve(
						options.returnFullResponse
							? { statusCode: status, headers: response.headers, body: parsed }
							: parsed,
					);
				});
			},
		);
		if (options.timeout) request.setTimeout(options.timeout, () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		request.on('error', reject);
		request.end(body);
	});
}

export function createExecuteContext(options: ContextOptions): TestContext {
	const logs: LoggedLine[] = [];
	const requests: RecordedRequest[] = [];
	const abort = options.abortController ?? new AbortController();
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const node: INode = {
		id: 'test-node',
		name: 'Kaltura',
		type: 'n8n-nodes-kaltura-ingestion.test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...options.node,
	};
	const credentialType = new KalturaApi();
	const log = (level: string) => (message: string, meta?: unknown) => logs.push({ level, message, meta });

	const getParameter = (name: string, itemIndex: number, fallback?: unknown): unknown => {
		const source = options.parameters;
		const value =
			typeof source === 'function'
				? source(name, itemIndex)
				: name.includes('.')
					? getPath(source, name)
					: source[name];
		return value === undefined ? fallback : value;
	};

	const helpers = {
		httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
			const authenticated = await credentialType.authenticate(options.credentials, { ...request });
			return await sendHttp({ ...authenticated, abortSignal: abort.signal }, requests);
		},
		httpRequest: async (request: IHttpRequestOptions) => await sendHttp(request, requests),
		assertBinaryData: (itemIndex: number, property: string): IBinaryData => {
			const binary = items[itemIndex]?.binary?.[property];
			if (!binary) {
				throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`, { itemIndex });
			}
			return binary;
		},
		getBinaryStream: async (id: string, chunkSize?: number) => {
			const stored = binaryFiles.get(id);
			if (!stored) throw new Error(`No binary data with id ${id}`);
			return createReadStream(stored.file, { highWaterMark: chunkSize });
		},
		getBinaryMetadata: async (id: string) => {
			const stored = binaryFiles.get(id);
			if (!stored) throw new Error(`No binary data with id ${id}`);
			return { fileName: stored.fileName, mimeType: stored.mimeType, fileSize: statSync(stored.file).size };
		},
		getBinaryDataBuffer: async (itemIndex: number, property: string) => {
			const binary = items[itemIndex]?.binary?.[property];
			if (!binary) throw new Error('no binary');
			if (binary.id) return await fs.readFile(binaryFiles.get(binary.id)!.file);
			return Buffer.from(binary.data, 'base64');
		},
		returnJsonArray: (data: IDataObject | IDataObject[]) =>
			(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
			data.map((d) => ({ ...d, pairedItem: meta.itemData })),
	};

	const context = {
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			getParameter(name, itemIndex, fallback),
		getCredentials: async () => options.credentials,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionId: () => options.executionId ?? 'test-execution',
		getExecutionCancelSignal: () => abort.signal,
		onExecutionCancellation: () => undefined,
		getMode: () => 'manual',
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		sendMessageToUI: () => undefined,
		helpers,
	};
	return { context: context as unknown as IExecuteFunctions, logs, requests, abort };
}

/** Kaltura API credential data pointing at a sandbox. */
export function sandboxCredentials(
	sandbox: { url: string; partnerId: number; adminSecret: string },
	extra: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		serviceUrl: sandbox.url,
		partnerId: sandbox.partnerId,
		authType: 'secret',
		secret: sandbox.adminSecret,
		userId: 'test-user',
		sessionType: 2,
		privileges: '',
		sessionExpiry: 86400,
		...extra,
	};
}
