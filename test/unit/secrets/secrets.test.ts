/**
 * No secret leaves: every node and operation runs in n8n's engine with a recognisable admin
 * secret, user secret and app token, succeeding and failing (stopping and continuing), and
 * everything a user or an operator could see is searched for them and for any Kaltura session:
 * outputs, the error n8n records (message, description, cause, context, stack, its JSON), every
 * line logged through n8n's logger, the credential test's answer, pickers' errors, and what the
 * sandbox wrote to its own log and request log.
 */
import type { ICredentialDataDecryptedObject, INodeParameters, INodeType, OnError } from 'n8n-workflow';

import { KalturaImportUrl } from '../../../nodes/KalturaImportUrl/KalturaImportUrl.node';
import { KalturaLiveStream } from '../../../nodes/KalturaLiveStream/KalturaLiveStream.node';
import { KalturaUploadFile } from '../../../nodes/KalturaUploadFile/KalturaUploadFile.node';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall } from '../../helpers/kalturaHttp';
import { fakeMp4 } from '../../helpers/media';
import { startMediaServer, type MediaServer } from '../../helpers/mediaServer';
import { loadOptionsContext, runNode, testCredential, type NodeRunResult } from '../../helpers/n8nEngine';
import { sandboxCredentials } from '../../helpers/sandboxCredentials';

const ADMIN_SECRET = 'adm1n-SECRET-7c1e04d5b9';
const USER_SECRET = 'us3r-SECRET-a44f9e2210';
/** Kaltura sessions (KS v2) in any encoding a URL or a message might carry them in. */
const KS_PATTERNS = [/djJ8/];

let sandbox: Sandbox;
let media: MediaServer;
let appToken: { id: string; token: string };
let stderr: string[];
let restoreStderr: () => void;
let liveEntryId: string;
let mediaEntryId: string;
/** Every text a test produced, with where it came from. */
const seen: Array<{ where: string; text: string }> = [];

beforeAll(async () => {
	stderr = [];
	const write = process.stderr.write.bind(process.stderr);
	process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		stderr.push(String(chunk));
		return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
	}) as typeof process.stderr.write;
	restoreStderr = () => {
		process.stderr.write = write;
	};
	sandbox = await startSandbox({ processingMs: 20, adminSecret: ADMIN_SECRET, userSecret: USER_SECRET, verbose: true });
	media = await startMediaServer();
	const ks = await adminKs(sandbox.url, sandbox.partnerId, ADMIN_SECRET);
	appToken = (await apiCall(sandbox.url, 'appToken', 'add', {
		ks,
		appToken: { objectType: 'KalturaAppToken', hashType: 'SHA256', sessionType: 2 },
	})) as { id: string; token: string };
	const live = (await apiCall(sandbox.url, 'liveStream', 'add', {
		ks,
		sourceType: '32',
		liveStreamEntry: { objectType: 'KalturaLiveStreamEntry', name: 'Secrets live', mediaType: 201 },
	})) as { id: string };
	liveEntryId = live.id;
	const entry = (await apiCall(sandbox.url, 'media', 'add', {
		ks,
		entry: { objectType: 'KalturaMediaEntry', name: 'Secrets clip', mediaType: 1 },
	})) as { id: string };
	mediaEntryId = entry.id;
});
afterAll(async () => {
	restoreStderr();
	await Promise.all([sandbox.close(), media.close()]);
});

const credentialsOf: Record<string, () => ICredentialDataDecryptedObject> = {
	'admin secret': () => sandboxCredentials(sandbox),
	'user secret': () => sandboxCredentials(sandbox, { secret: USER_SECRET, sessionType: 0 }),
	'app token': () =>
		sandboxCredentials(sandbox, {
			authType: 'appToken',
			appTokenId: appToken.id,
			appToken: appToken.token,
			hashType: 'SHA256',
		}),
};

/** JSON of anything, circular references and all. */
function jsonOf(value: unknown): string {
	const visited = new WeakSet<object>();
	try {
		const text = JSON.stringify(value, (_key, inner: unknown) => {
			if (inner && typeof inner === 'object') {
				if (visited.has(inner)) return '[circular]';
				visited.add(inner);
			}
			return inner;
		}) as string | undefined;
		return text ?? String(value);
	} catch {
		return String(value);
	}
}

function record(where: string, result: NodeRunResult): void {
	seen.push({ where: `${where}: outputs`, text: jsonOf(result.outputs) });
	const error = result.error as (Error & { description?: unknown; cause?: unknown; context?: unknown }) | undefined;
	if (error) {
		seen.push({ where: `${where}: error message`, text: String(error.message) });
		seen.push({ where: `${where}: error description`, text: String(error.description) });
		seen.push({ where: `${where}: error cause`, text: jsonOf(error.cause) });
		seen.push({ where: `${where}: error context`, text: jsonOf(error.context) });
		seen.push({ where: `${where}: error stack`, text: String(error.stack) });
		// n8n attaches the node to every error: its parameters are the workflow as the user wrote it
		// (a URL typed with a password in it stays in the workflow), not something a node leaked.
		const ownFields = Object.entries(error as unknown as Record<string, unknown>).filter(([key]) => key !== 'node');
		seen.push({ where: `${where}: error JSON`, text: jsonOf(Object.fromEntries(ownFields)) });
	}
	for (const line of result.logs) seen.push({ where: `${where}: log`, text: `${line.message} ${jsonOf(line.meta)}` });
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const clip = () => ({
	json: {},
	binary: { data: { content: fakeMp4(1024 * 1024 + 11, 'secrets'), fileName: 'clip.mp4', mimeType: 'video/mp4' } },
});

interface Scenario {
	name: string;
	node: INodeType;
	parameters: () => INodeParameters;
	withFile?: boolean;
	/** It fails: run it in the three On Error modes (a success is the same in all of them). */
	fails?: boolean;
}

const scenarios: Scenario[] = [
	{
		name: 'Upload File › Create Entry',
		node: new KalturaUploadFile(),
		parameters: () => ({ operation: 'createEntry', options: { chunkSizeMiB: 1, waitUntilReady: true } }),
		withFile: true,
	},
	{
		name: 'Upload File › Create Entry (Kaltura refuses the entry)',
		fails: true,
		node: new KalturaUploadFile(),
		parameters: () => ({ operation: 'createEntry', entryFields: { conversionProfileId: 999999 } }),
		withFile: true,
	},
	{
		name: 'Upload File › Replace Content',
		node: new KalturaUploadFile(),
		parameters: () => ({ operation: 'replaceContent', entryId: byId(mediaEntryId) }),
		withFile: true,
	},
	{
		name: 'Upload File › Replace Content (unknown entry)',
		fails: true,
		node: new KalturaUploadFile(),
		parameters: () => ({ operation: 'replaceContent', entryId: byId('0_nosuch00') }),
		withFile: true,
	},
	{
		name: 'Import URL › Create From URL',
		node: new KalturaImportUrl(),
		parameters: () => ({
			operation: 'createFromUrl',
			url: `${media.url}/media/secret.mp4?token=url-t0ken-55`,
			options: { waitUntilReady: true, urlHeaders: 'Authorization: Bearer hdr-t0ken-66' },
		}),
	},
	{
		name: 'Import URL › Create From URL (download fails)',
		fails: true,
		node: new KalturaImportUrl(),
		parameters: () => ({
			operation: 'createFromUrl',
			url: `ftp://bob:pw-t0ken-77@127.0.0.1:9/none.mp4`,
			options: { waitUntilReady: true, waitTimeoutMinutes: 0.2 },
		}),
	},
	{
		name: 'Import URL › Replace Content From URL (unknown entry)',
		fails: true,
		node: new KalturaImportUrl(),
		parameters: () => ({
			operation: 'replaceContentFromUrl',
			entryId: byId('0_nosuch00'),
			url: `${media.url}/media/x.mp4`,
		}),
	},
	{
		name: 'Live Stream › Create',
		node: new KalturaLiveStream(),
		parameters: () => ({ operation: 'create', name: 'Secrets town hall' }),
	},
	{
		name: 'Live Stream › Get',
		node: new KalturaLiveStream(),
		parameters: () => ({ operation: 'get', entryId: byId(liveEntryId) }),
	},
	{
		name: 'Live Stream › Get (a media entry)',
		fails: true,
		node: new KalturaLiveStream(),
		parameters: () => ({ operation: 'get', entryId: byId(mediaEntryId) }),
	},
	{
		name: 'Live Stream › Get Status',
		node: new KalturaLiveStream(),
		parameters: () => ({ operation: 'getStatus', entryId: byId(liveEntryId) }),
	},
	{
		name: 'Live Stream › Regenerate Stream Key',
		node: new KalturaLiveStream(),
		parameters: () => ({ operation: 'regenerateStreamKey', entryId: byId(liveEntryId) }),
	},
	{
		name: 'Live Stream › Regenerate Stream Key (unknown entry)',
		fails: true,
		node: new KalturaLiveStream(),
		parameters: () => ({ operation: 'regenerateStreamKey', entryId: byId('0_nosuch00') }),
	},
];

const modes: Array<OnError | undefined> = [undefined, 'continueRegularOutput', 'continueErrorOutput'];

// Every operation with the admin secret and the app token; the user secret (the same client code,
// another session type) goes through the failing paths below.
describe.each(['admin secret', 'app token'])('every operation with the %s', (credentialName) => {
	it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		for (const onError of scenario.fails ? modes : [undefined]) {
			const result = await runNode({
				node: scenario.node,
				parameters: scenario.parameters(),
				items: scenario.withFile ? [clip()] : [{ json: {} }],
				credentials: credentialsOf[credentialName](),
				onError,
			});
			record(`${credentialName} › ${scenario.name} › ${onError ?? 'stop'}`, result);
		}
	});
});

describe.each(Object.keys(credentialsOf))('with the %s', (credentialName) => {
	it('failing: wrong values next to the real ones, and the credential test', async () => {
		const wrong = {
			...credentialsOf[credentialName](),
			partnerId: 999,
		};
		const result = await runNode({
			node: new KalturaLiveStream(),
			parameters: { operation: 'get', entryId: byId(liveEntryId) },
			credentials: wrong,
		});
		record(`${credentialName} › wrong partner`, result);
		const tested = await testCredential(credentialsOf[credentialName]());
		seen.push({ where: `${credentialName} › credential test`, text: jsonOf(tested) });
		const failedTest = await testCredential(wrong);
		seen.push({ where: `${credentialName} › failing credential test`, text: jsonOf(failedTest) });
		const picker = await loadOptionsContext(new KalturaLiveStream(), wrong);
		const listed = await new KalturaLiveStream().methods.listSearch.searchLiveStreams.call(picker).then(
			(value) => value,
			(error: unknown) => error,
		);
		seen.push({
			where: `${credentialName} › picker with a wrong partner`,
			text: `${jsonOf(listed)} ${String(listed)}`,
		});
	});
});

describe('what was seen', () => {
	it('covered outputs, errors and logs of every scenario', () => {
		expect(seen.filter((s) => s.where.endsWith('error message')).length).toBeGreaterThan(10);
		expect(seen.filter((s) => s.where.endsWith(': log')).length).toBeGreaterThan(10);
		// The scan below would find a session if one were there: the sandbox's sessions look like this.
		expect(KS_PATTERNS[0].test(`ks=djJ8${'A'.repeat(20)}`)).toBe(true);
	});

	it.each([
		['the admin secret', ADMIN_SECRET],
		['the user secret', USER_SECRET],
		['the app token', () => appToken.token],
		['a password in an import URL', 'pw-t0ken-77'],
		['a token in a signed import URL', 'url-t0ken-55'],
		['a token in an HTTP header for the import', 'hdr-t0ken-66'],
	] as const)('never shows %s', (_what, secret) => {
		const value = typeof secret === 'function' ? secret() : secret;
		const found = seen.filter((s) => s.text.includes(value)).map((s) => s.where);
		expect(found).toEqual([]);
	});

	it('never shows a Kaltura session, in outputs, errors, logs or the sandbox logs', () => {
		const texts = [
			...seen,
			{ where: 'sandbox stderr', text: stderr.join('') },
			{ where: 'sandbox request log', text: jsonOf(sandbox.requestLog.entries()) },
		];
		const found = texts.filter((s) => KS_PATTERNS.some((pattern) => pattern.test(s.text))).map((s) => s.where);
		expect(found).toEqual([]);
		expect(stderr.join('')).toContain('/api_v3/');
	});
});
