'use strict';
/**
 * Which parameters the editor should show for a node: the node type that the running n8n serves
 * (its /types/nodes.json) and the node's values, through n8n-workflow's own display rules — the
 * library the editor itself uses — so nothing here names a node or a parameter.
 */
const path = require('path');
const { RUNNER } = require('./n8n-cli');

const { NodeHelpers } = require(path.join(RUNNER, 'n8n-workflow'));

/** Parameter types the editor shows without a labelled field (notices, hidden values...). */
const UNLABELLED = new Set(['notice', 'callout', 'hidden', 'button']);

/** The node type description (of the node's typeVersion) among the types n8n serves. */
function nodeTypeOf(node, nodeTypes) {
	const type = nodeTypes.find((t) => t.name === node.type && [].concat(t.version).includes(node.typeVersion));
	if (!type) throw new Error(`node "${node.name}": n8n serves no ${node.type} version ${node.typeVersion}`);
	return type;
}

/**
 * The top-level parameters the node details view shows for `node` with its current values:
 * [{name, displayName}], in the type's order. Nested fields of collections are not listed (the
 * collection is); labelled parameters only.
 */
function displayedParameters(node, nodeTypes) {
	const type = nodeTypeOf(node, nodeTypes);
	const values = NodeHelpers.getNodeParameters(type.properties, node.parameters || {}, true, false, node, type) || {};
	const shown = new Map();
	for (const p of type.properties) {
		if (UNLABELLED.has(p.type) || shown.has(p.name)) continue;
		if (NodeHelpers.displayParameter(values, p, node, type))
			shown.set(p.name, { name: p.name, displayName: p.displayName });
	}
	return [...shown.values()];
}

/** `"Display Name" (name)` of a parameter of the node's type, nested ones (collection fields) included. */
function describeParameter(node, nodeTypes, name) {
	const find = (props) => {
		for (const p of props || []) {
			if (p.name === name && p.displayName) return p;
			const nested = find(
				(p.options || [])
					.filter((o) => o && typeof o === 'object' && ('type' in o || 'values' in o))
					.flatMap((o) => (o.values ? o.values : [o])),
			);
			if (nested) return nested;
		}
		return null;
	};
	const p = find(nodeTypeOf(node, nodeTypes).properties);
	return p ? `"${p.displayName}" (${name})` : `"${name}"`;
}

module.exports = { displayedParameters, describeParameter, nodeTypeOf };
