'use strict';
/**
 * The check shared by the "error modes" cases: the same items go through the node twice, once
 * with On Error → Continue (regular output) and once with Continue (using error output).
 * - Continue: one output item per input, in order, paired; bad ones carry `error` and `details`.
 * - Error output: the good ones leave through the success output and reach the next node, the
 *   bad ones through the error output (with their input fields), each paired with its input.
 */
function checkErrorModes({ run, assert }, { count, bad, messages = {} }) {
	const regular = run.itemsOf('Continue');
	assert.deepEqual(
		regular.map((i) => i.pairedItem.item),
		[...Array(count).keys()],
		'Continue: one item per input, in order',
	);
	for (let i = 0; i < count; i++) {
		const json = regular[i].json;
		if (bad.includes(i)) {
			assert.equal(typeof json.error, 'string', `Continue: item ${i} should be an error item: ${JSON.stringify(json)}`);
			assert.equal(typeof json.details, 'object', `Continue: item ${i} has no details: ${JSON.stringify(json)}`);
			if (messages[i]) assert.match(json.error, messages[i], `Continue: item ${i}`);
		} else {
			assert.equal(json.error, undefined, `Continue: item ${i} failed: ${json.error}`);
		}
	}
	assert.equal(run.itemsOf('After Continue').length, count, 'every item reaches the next node');

	const good = [...Array(count).keys()].filter((i) => !bad.includes(i));
	const success = run.itemsOf('Error Output', 0);
	const failed = run.itemsOf('Error Output', 1);
	assert.deepEqual(
		success.map((i) => i.pairedItem.item),
		good,
		'success output: the good items, in order',
	);
	assert.deepEqual(
		failed.map((i) => i.pairedItem.item),
		bad,
		'error output: the bad items, in order',
	);
	for (const item of success)
		assert.equal(item.json.error, undefined, `success output carries an error: ${item.json.error}`);
	for (const item of failed) {
		const i = item.pairedItem.item;
		assert.equal(item.json.row, i + 1, `error item ${i} keeps its input fields (row)`);
		assert.equal(typeof item.json.error, 'string', `error item ${i}: ${JSON.stringify(item.json)}`);
		if (messages[i]) assert.match(item.json.error, messages[i], `error output: item ${i}`);
	}
	assert.deepEqual(
		run.itemsOf('Succeeded').map((i) => i.json.id),
		success.map((i) => i.json.id),
		'the success branch ran with the good items',
	);
	assert.deepEqual(
		run.itemsOf('Failed').map((i) => i.json.error),
		failed.map((i) => i.json.error),
		'the error branch ran with the bad items',
	);
	return { regular, success, failed };
}

module.exports = { checkErrorModes };
