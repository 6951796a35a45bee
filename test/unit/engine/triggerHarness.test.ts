/**
 * The trigger harness itself (test/helpers/n8nTriggers.ts), with two small trigger nodes: n8n's
 * contexts reach the node, static data carries over between calls as in an active workflow, the
 * webhook URL is n8n's, and a node's own HTTP answer is recorded.
 */
import type {
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { TriggerHarness } from '../../helpers/n8nTriggers';

const base = (name: string): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['trigger'],
	version: 1,
	description: 'A test trigger',
	defaults: { name },
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	properties: [{ displayName: 'Label', name: 'label', type: 'string', default: 'counted' }],
});

class CountingPollTrigger implements INodeType {
	description: INodeTypeDescription = { ...base('countingPollTrigger'), polling: true };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		state.polls = Number(state.polls ?? 0) + 1;
		if (this.getMode() === 'manual') return [[{ json: { sample: true } }]];
		return Number(state.polls) % 2 === 0
			? [[{ json: { label: this.getNodeParameter('label') as string, polls: state.polls } }]]
			: null;
	}
}

class RegisteringWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		...base('registeringWebhookTrigger'),
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').remoteId !== undefined;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				state.remoteId = 'remote-1';
				state.url = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').remoteId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getHeaderData()['x-secret'] !== 'yes') {
			this.getResponseObject().status(401).send('forged');
			return { noWebhookResponse: true };
		}
		const raw = (this.getRequestObject() as unknown as { rawBody: Buffer }).rawBody.toString();
		return { workflowData: [[{ json: { body: this.getBodyData(), raw } }]] };
	}
}

const credentials = { serviceUrl: 'http://127.0.0.1:9', partnerId: 1, authType: 'secret', secret: 'x' };

it("polls in n8n's PollContext, keeping static data between polls and a manual sample apart", async () => {
	const trigger = new TriggerHarness({ node: new CountingPollTrigger(), parameters: {}, credentials });
	expect(await trigger.poll()).toBeNull();
	expect(await trigger.poll()).toEqual([[{ json: { label: 'counted', polls: 2 } }]]);
	expect(trigger.staticData()).toEqual({ polls: 2 });
	expect(await trigger.poll('manual')).toEqual([[{ json: { sample: true } }]]);
});

it("runs the webhook lifecycle in n8n's HookContext and the webhook in its WebhookContext", async () => {
	const trigger = new TriggerHarness({
		node: new RegisteringWebhookTrigger(),
		parameters: {},
		credentials,
		webhookId: 'abc',
	});
	expect(await trigger.hook('checkExists')).toBe(false);
	expect(await trigger.hook('create')).toBe(true);
	expect(trigger.staticData()).toEqual({ remoteId: 'remote-1', url: 'http://localhost:5678/webhook/abc/webhook' });
	expect(await trigger.hook('checkExists')).toBe(true);

	const forged = await trigger.webhook({ body: { a: 1 } });
	expect(forged.answer).toMatchObject({ status: 401, body: 'forged' });
	expect(forged.result).toEqual({ noWebhookResponse: true });

	const signed = await trigger.webhook({ headers: { 'X-Secret': 'yes' }, body: { a: 1 } });
	expect(signed.result.workflowData).toEqual([[{ json: { body: { a: 1 }, raw: '{"a":1}' } }]]);

	expect(await trigger.hook('delete')).toBe(true);
	expect(trigger.staticData()).toEqual({ url: 'http://localhost:5678/webhook/abc/webhook' });
});
