/**
 * Runs this package's nodes in-process through n8n's own execution engine (`n8n-core`'s
 * WorkflowExecute), as n8n runs them: parameters filled with the defaults of the node's
 * description, expressions evaluated, credentials applied by the credential type's own
 * `authenticate`, binary data kept in n8n's filesystem store, On Error settings honoured and
 * failed items routed to the error output by n8n itself, errors wrapped as n8n wraps them.
 *
 * A workflow of two nodes is built for each run: a source node that emits the test's items
 * (storing their files in n8n's binary store) and the node under test. Load-option and
 * list-search methods get n8n's own LoadOptionsContext.
 */
import { createReadStream, rmSync } from 'fs';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	OnError,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { KalturaApi } from '../../credentials/KalturaApi.credentials';

// n8n-core brings its own copies of n8n's DI container and logger; use the ones it resolves.
/* eslint-disable @typescript-eslint/no-require-imports */
const coreDir = require.resolve('n8n-core');
export const core = require('n8n-core') as typeof import('n8n-core');
const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as typeof import('@n8n/di');
const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] })) as {
	Logger: new (...args: never[]) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const PACKAGE = 'n8n-nodes-kaltura-ingestion';

export interface LoggedLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** What n8n sent for the node, after the credential's authenticate ran. */
export interface SentRequest {
	method: string;
	url: string;
	bytes: number;
}

export const logLines: LoggedLine[] = [];
export const sentRequests: SentRequest[] = [];
/** When n8n asked the credential to pre-authenticate: for a credential test, or in a node run. */
export const preAuthenticationCalls: Array<'test' | 'run'> = [];

/** n8n's logger, recording every line so tests can read what a node logged. */
const recordingLogger = {
	error: (message: string, meta?: unknown) => logLines.push({ level: 'error', message, meta }),
	warn: (message: string, meta?: unknown) => logLines.push({ level: 'warn', message, meta }),
	info: (message: string, meta?: unknown) => logLines.push({ level: 'info', message, meta }),
	debug: (message: string, meta?: unknown) => logLines.push({ level: 'debug', message, meta }),
	scoped() {
		return recordingLogger;
	},
};

let started: Promise<void> | undefined;

/** Removes the user folder and binary store of this process (see n8nEnvironment.ts). */
export function removeEngineFolder(): void {
	rmSync(process.env.N8N_USER_FOLDER ?? '/nonexistent', { recursive: true, force: true });
}

// In jest: when the test file ends. (Benchmarks call removeEngineFolder themselves.)
if (typeof afterAll === 'function') afterAll(removeEngineFolder);

/** Once per test file: the logger and n8n's filesystem binary-data store. */
export async function startEngine(): Promise<void> {
	started ??= (async () => {
		Container.set(Logger, recordingLogger);
		await Container.get(core.BinaryDataService).init();
	})();
	await started;
}

/** A file for an input item: bytes or an existing file, stored in n8n's filesystem binary store. */
export interface TestFile {
	content: Buffer | { path: string };
	fileName: string;
	mimeType: string;
	/** 'memory': the file travels base64 inside the item, as in n8n's default (in-memory) mode. */
	storage?: 'filesystem' | 'memory';
}

export interface TestItem {
	json?: IDataObject;
	binary?: Record<string, TestFile>;
	/** Binary fields emitted exactly as given (to test what a node does with a field that holds no file). */
	rawBinary?: Record<string, unknown>;
}

const SOURCE_TYPE = 'test.source';
const TEST_ITEMS = new Map<string, TestItem[]>();

/** Emits the test's items; their files go through n8n's prepareBinaryData like any node's output. */
class SourceNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Source',
		name: 'source',
		group: ['input'],
		version: 1,
		description: 'Emits the items of a test',
		defaults: { name: 'Source' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = TEST_ITEMS.get(this.getNodeParameter('key', 0) as string) ?? [];
		const out: INodeExecutionData[] = [];
		for (const item of items) {
			const produced: INodeExecutionData = { json: item.json ?? {}, pairedItem: { item: 0 } };
			for (const [property, file] of Object.entries(item.binary ?? {})) {
				const bytes = Buffer.isBuffer(file.content) ? file.content : undefined;
				produced.binary ??= {};
				if (file.storage === 'memory') {
					produced.binary[property] = {
						data: (bytes ?? Buffer.alloc(0)).toString('base64'),
						mimeType: file.mimeType,
						fileName: file.fileName,
					};
					continue;
				}
				const body = bytes ?? createReadStream((file.content as { path: string }).path);
				produced.binary[property] = await this.helpers.prepareBinaryData(body, file.fileName, file.mimeType);
			}
			if (item.rawBinary) produced.binary = { ...produced.binary, ...(item.rawBinary as INodeExecutionData['binary']) };
			out.push(produced);
		}
		return [out];
	}
}

/** The node types a test workflow can use: the source and the node(s) under test. */
export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodes: INodeType[]) {
		this.types.set(SOURCE_TYPE, new SourceNode());
		for (const node of nodes) this.types.set(`${PACKAGE}.${node.description.name}`, node);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) throw new Error(`Unknown node type ${nodeType}`);
		return found;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType) as INodeType;
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * n8n's credentials helper, for the one credential type of this package: the stored data gets
 * the defaults of the credential's properties (as n8n applies them), and every request passes
 * through the credential's own `authenticate`. Requests are recorded here, after authentication.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	private readonly type: ICredentialType = new KalturaApi();

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	) {
		const authenticate = this.type.authenticate;
		const authenticated =
			typeof authenticate === 'function' ? await authenticate(credentials, requestOptions) : requestOptions;
		const body = authenticated.body;
		const bytes = Buffer.isBuffer(body)
			? body.length
			: typeof body === 'string'
				? Buffer.byteLength(body)
				: JSON.stringify(body ?? '').length;
		sentRequests.push({ method: authenticated.method ?? 'GET', url: String(authenticated.url), bytes });
		return authenticated;
	}

	/** n8n's rule, as its own credentials helper applies it (see the credential's checkedOnTest property). */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		const preAuthentication = this.type.preAuthentication;
		if (!expirable || typeof preAuthentication !== 'function') return undefined;
		// n8n also checks for its credential-test node here (type "n8n-nodes-base.noOp"), but the
		// test node it builds is typed by the NoOp description's own name, "noOp": so in practice an
		// empty value is what makes n8n call it, in tests as in runs.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		preAuthenticationCalls.push(node?.parameters?.temp === '' ? 'test' : 'run');
		const output = await preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		// n8n writes the refreshed value back to its database here.
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Test credentials are only available decrypted');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.type.properties,
			this.data as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...(withDefaults as ICredentialDataDecryptedObject) };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return this.type.properties;
	}
}

export function additionalData(
	credentials: ICredentialDataDecryptedObject,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const hooks = new core.ExecutionLifecycleHooks('manual', executionId, {
		id: 'test-workflow',
		name: 'Test',
		nodes: [],
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	items?: TestItem[];
	credentials: ICredentialDataDecryptedObject;
	/** The node's Settings → On Error (default: stop the workflow). */
	onError?: OnError;
	/** Stop the execution (n8n's Stop button) as soon as this holds (checked every 10 ms). */
	cancelWhen?: () => boolean;
}

export interface NodeRunResult {
	/** Every main output of the node, as n8n passed them on (the error output last, when enabled). */
	outputs: INodeExecutionData[][];
	/** The error the node failed with, as n8n recorded it (undefined when it succeeded). */
	error?: ITaskData['error'];
	/** The node's task data, e.g. for its execution status. */
	task?: ITaskData;
	logs: LoggedLine[];
	requests: SentRequest[];
	/** Output 0 (the regular output) as a shortcut. */
	json: IDataObject[];
}

/** Runs the node on the items through n8n's engine and returns what n8n recorded for it. */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	await startEngine();
	const executionId = `test-${++executionCounter}`;
	const key = `items-${executionCounter}`;
	TEST_ITEMS.set(key, options.items ?? [{ json: {} }]);
	logLines.length = 0;
	sentRequests.length = 0;

	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: `${PACKAGE}.${options.node.description.name}`,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { kalturaApi: { id: 'test-credential', name: 'Kaltura (test)' } },
		...(options.onError ? { onError: options.onError } : {}),
	};
	const source: INode = {
		id: 'source',
		name: 'Source',
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { key },
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [source, nodeUnderTest],
		connections: { Source: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: new TestNodeTypes([options.node]),
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }] },
	});

	const execution = new core.WorkflowExecute(
		additionalData(options.credentials, executionId),
		'manual',
		runExecutionData,
	);
	const running = execution.processRunExecutionData(workflow);
	const { cancelWhen } = options;
	const watcher = cancelWhen
		? setInterval(() => {
				if (cancelWhen()) running.cancel();
			}, 10)
		: undefined;
	let run: IRun;
	try {
		run = await running;
	} finally {
		if (watcher) clearInterval(watcher);
		TEST_ITEMS.delete(key);
	}
	const task = run.data.resultData.runData.Node?.[0];
	const outputs = (task?.data?.main ?? []).map((items) => items ?? []);
	return {
		outputs,
		error: task?.error ?? (run.data.resultData.error as ITaskData['error']),
		task,
		logs: [...logLines],
		requests: [...sentRequests],
		json: (outputs[0] ?? []).map((item) => item.json),
	};
}

/** n8n's own context for a node's loadOptions and listSearch methods, with the given parameters. */
export async function loadOptionsContext(
	node: INodeType,
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters = {},
): Promise<ILoadOptionsFunctions> {
	await startEngine();
	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: `${PACKAGE}.${node.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { kalturaApi: { id: 'test-credential', name: 'Kaltura (test)' } },
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [nodeUnderTest],
		connections: {},
		nodeTypes: new TestNodeTypes([node]),
		active: false,
	});
	const data = additionalData(credentials, `load-options-${++executionCounter}`);
	data.currentNodeParameters = workflow.getNode('Node')?.parameters;
	return new core.LoadOptionsContext(workflow, nodeUnderTest, data, '');
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The credential's Test button, as n8n's credentials tester runs a declarative test: the test
 * request goes through n8n's RoutingNode in a throw-away no-op node (so preAuthentication and
 * `authenticate` run as in n8n), a failure's message is reported, and then the first
 * `responseSuccessBody` rule that matches the first answer item fails the test.
 */
export async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	await startEngine();
	const credentialType = new KalturaApi();
	const testRequest = credentialType.test;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		// What n8n's tester really sets: the loaded NoOp node's description name.
		type: 'noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { kalturaApi: { id: 'test-credential', name: 'Kaltura (test)' } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'kalturaApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const data = additionalData(credentials, `credential-test-${++executionCounter}`);
	data.currentNodeParameters = node.parameters;
	const decrypted = await data.credentialsHelper.getDecrypted(
		data,
		node.credentials!.kalturaApi,
		'kalturaApi',
		'internal',
	);
	const runExecutionData = createRunExecutionData();
	const inputData = { main: [[{ json: {} }]] };
	const executeFunctions = new core.ExecuteContext(
		workflow,
		node,
		data,
		'internal',
		runExecutionData,
		0,
		[],
		inputData,
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new core.RoutingNode(executeFunctions, nodeType, {
		id: 'test-credential',
		name: 'Kaltura (test)',
		type: 'kalturaApi',
		data: decrypted,
	});
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const failed = error as {
			message: string;
			cause?: { code?: string; response?: { status: number; statusText?: string } };
		};
		if (failed.cause?.response) {
			const { status, statusText } = failed.cause.response;
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (failed.cause?.code) {
			return { status: 'Error', message: failed.cause.code };
		}
		return { status: 'Error', message: String(failed.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json ?? {};
		if (getPath(json, rule.properties.key) === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function getPath(source: unknown, dotted: string): unknown {
	return dotted
		.split('.')
		.reduce<unknown>(
			(value, key) => (value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined),
			source,
		);
}
