/**
 * Trigger nodes in n8n's own contexts (`n8n-core`'s PollContext, HookContext and WebhookContext),
 * as an active workflow runs them: one workflow object lives for the whole test, so the node's
 * static data (`getWorkflowStaticData('node')`) carries over from call to call the way n8n keeps
 * it in an active workflow. Whether n8n *saves* it to its database after a given call is n8n's
 * business and is checked in the real-n8n stage; here `staticData()` shows what the node wrote.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PACKAGE, TestNodeTypes, additionalData, core, logLines, startEngine, type LoggedLine } from './n8nEngine';

export interface TriggerSetup {
	node: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** The workflow's static data at activation (what n8n loaded from its database). */
	staticData?: IDataObject;
	/** The id n8n gives the node's webhook (part of its URL). */
	webhookId?: string;
}

/** An HTTP request as a webhook receives it (n8n parses the body; `rawBody` is what was sent). */
export interface WebhookRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: Buffer;
	query?: Record<string, string>;
}

/** What the webhook answered, when the node wrote the response itself. */
export interface WebhookAnswer {
	status: number;
	body?: unknown;
	headers: Record<string, string>;
}

let activationCounter = 0;

/** Records what a node writes to n8n's response object (the subset nodes use). */
function fakeResponse(answer: WebhookAnswer) {
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		setHeader(name: string, value: string) {
			answer.headers[name.toLowerCase()] = value;
			return response;
		},
		header(name: string, value: string) {
			return response.setHeader(name, value);
		},
		json(body: unknown) {
			answer.body = body;
			return response;
		},
		send(body?: unknown) {
			answer.body = body;
			return response;
		},
		end(body?: unknown) {
			if (body !== undefined) answer.body = body;
			return response;
		},
	};
	return response;
}

export class TriggerHarness {
	readonly workflow: Workflow;
	readonly nodeUnderTest: INode;
	private readonly setup: TriggerSetup;

	constructor(setup: TriggerSetup) {
		this.setup = setup;
		this.nodeUnderTest = {
			id: 'trigger-under-test',
			name: 'Trigger',
			type: `${PACKAGE}.${setup.node.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: setup.parameters,
			credentials: { kalturaApi: { id: 'test-credential', name: 'Kaltura (test)' } },
			webhookId: setup.webhookId ?? 'test-webhook-id',
		};
		this.workflow = new Workflow({
			id: 'test-trigger-workflow',
			nodes: [this.nodeUnderTest],
			connections: {},
			nodeTypes: new TestNodeTypes([setup.node]),
			active: true,
			staticData: setup.staticData ?? {},
			settings: { executionOrder: 'v1' },
		});
	}

	/** The node's static data as it stands (a plain copy). */
	staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.getStaticData('node', this.nodeUnderTest))) as IDataObject;
	}

	/** Lines the node logged through n8n's logger during the last call. */
	get logs(): LoggedLine[] {
		return [...logLines];
	}

	private data(): IWorkflowExecuteAdditionalData {
		return additionalData(this.setup.credentials, `trigger-${++activationCounter}`);
	}

	/** One poll, as n8n's poll trigger runs it: `trigger` on the schedule, `manual` for "Fetch test event". */
	async poll(
		mode: WorkflowExecuteMode = 'trigger',
		activation: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[][] | null> {
		await startEngine();
		logLines.length = 0;
		const poll = this.setup.node.poll;
		if (!poll) throw new Error(`${this.setup.node.description.name} has no poll()`);
		const context = new core.PollContext(this.workflow, this.nodeUnderTest, this.data(), mode, activation);
		return await poll.call(context);
	}

	/** The webhook description n8n registers (the first, unless named). */
	webhookData(isTest = false, name = 'default'): IWebhookData {
		const description = (this.setup.node.description.webhooks ?? []).find(
			(w) => w.name === name,
		) as IWebhookDescription;
		if (!description) throw new Error(`${this.setup.node.description.name} has no webhook "${name}"`);
		return {
			httpMethod: 'POST',
			node: this.nodeUnderTest.name,
			path: `${this.nodeUnderTest.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.data(),
			webhookId: this.nodeUnderTest.webhookId,
			isTest,
		};
	}

	/** A webhook lifecycle method (checkExists, create, delete), as n8n calls it on (de)activation. */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		options: { isTest?: boolean; activation?: WorkflowActivateMode } = {},
	): Promise<boolean> {
		await startEngine();
		logLines.length = 0;
		const methods = this.setup.node.webhookMethods?.default;
		const fn = methods?.[method];
		if (!fn) throw new Error(`${this.setup.node.description.name} has no webhookMethods.default.${method}`);
		const webhookData = this.webhookData(options.isTest);
		const mode: WorkflowExecuteMode = options.isTest ? 'manual' : 'trigger';
		const context = new core.HookContext(
			this.workflow,
			this.nodeUnderTest,
			this.data(),
			mode,
			options.activation ?? 'activate',
			webhookData,
		);
		return await fn.call(context);
	}

	/** One request to the node's webhook, as n8n hands it over; returns the node's answer. */
	async webhook(
		request: WebhookRequest,
		options: { isTest?: boolean } = {},
	): Promise<{ result: IWebhookResponseData; answer: WebhookAnswer }> {
		await startEngine();
		logLines.length = 0;
		const webhook = this.setup.node.webhook;
		if (!webhook) throw new Error(`${this.setup.node.description.name} has no webhook()`);
		const answer: WebhookAnswer = { status: 200, headers: {} };
		const data = this.data();
		const body = request.body ?? {};
		const rawBody = request.rawBody ?? Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		data.httpRequest = {
			method: request.method ?? 'POST',
			headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
			body,
			rawBody,
			query: request.query ?? {},
			params: {},
		} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		data.httpResponse = fakeResponse(answer) as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const mode: WorkflowExecuteMode = options.isTest ? 'manual' : 'webhook';
		const context = new core.WebhookContext(
			this.workflow,
			this.nodeUnderTest,
			data,
			mode,
			this.webhookData(options.isTest),
			[],
			null,
		);
		const result = await webhook.call(context);
		return { result, answer };
	}
}
