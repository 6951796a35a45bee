/**
 * What the canvas shows under each Kaltura node: the chosen operation by its display name, as n8n
 * evaluates the subtitle expression.
 */
import type { INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { KalturaImportUrl } from '../../../nodes/KalturaImportUrl/KalturaImportUrl.node';
import { KalturaLiveStream } from '../../../nodes/KalturaLiveStream/KalturaLiveStream.node';
import { KalturaUploadFile } from '../../../nodes/KalturaUploadFile/KalturaUploadFile.node';

function subtitleFor(node: INodeType, operation: string): unknown {
	const workflowNode = {
		id: '1',
		name: 'Kaltura',
		type: 'x',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { operation },
	};
	const workflow = new Workflow({
		nodes: [workflowNode],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(workflowNode, node.description.subtitle as string, 'manual', {});
}

describe.each([
	['Upload File', new KalturaUploadFile()],
	['Import URL', new KalturaImportUrl()],
	['Live Stream', new KalturaLiveStream()],
])('%s', (_label, node) => {
	const operation = node.description.properties.find((p) => p.name === 'operation');
	const options = (operation?.options ?? []) as Array<{ name: string; value: string }>;

	it.each(options.map((o) => [o.value, o.name]))('shows "%s" as "%s"', (value, name) => {
		expect(subtitleFor(node, value)).toBe(name);
	});
});
