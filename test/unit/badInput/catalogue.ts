/**
 * The bad-input catalogue: for every node and operation, what a user may get wrong and the exact
 * message the node answers with. badInput.test.ts runs each row in n8n's engine in all three On
 * Error modes; the README's table is rendered from these rows (`npm run docs:bad-input` writes it).
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { KalturaImportUrl } from '../../../nodes/KalturaImportUrl/KalturaImportUrl.node';
import { KalturaLiveStream } from '../../../nodes/KalturaLiveStream/KalturaLiveStream.node';
import { KalturaUploadFile } from '../../../nodes/KalturaUploadFile/KalturaUploadFile.node';
import { fakeMp4 } from '../../helpers/media';
import type { TestItem } from '../../helpers/n8nEngine';

/** What a row can refer to: the servers of the test run. */
export interface CatalogueWorld {
	/** The sandbox's URL, partner and secrets. */
	sandbox: { url: string; partnerId: number; adminSecret: string; userSecret: string };
	/** A media server for URL imports. */
	mediaUrl: string;
	/** Servers that are not Kaltura (see wrongServers.ts). */
	wrongUrl: string;
	/** A media entry (not a live stream) that exists in the sandbox. */
	mediaEntryId: string;
}

type FromWorld<T> = T | ((world: CatalogueWorld) => T);

export interface BadInputCase {
	node: 'Upload File' | 'Import URL' | 'Live Stream' | 'Any node';
	operation: string;
	/** What is wrong, in the words of the README table. */
	input: string;
	/** Which node runs the row (for "Any node" rows, the one used to prove it). */
	nodeType: INodeType;
	parameters: FromWorld<INodeParameters>;
	item?: FromWorld<TestItem>;
	/** Credential fields that differ from a working admin-secret credential. */
	credentials?: FromWorld<IDataObject>;
	/** The error message, exactly. */
	message: FromWorld<string>;
	/**
	 * n8n itself refuses to start the workflow (a required parameter left empty, a value that fails
	 * the field's own check): the node never runs, so On Error does not apply. `message` is n8n's
	 * line for it.
	 */
	refusedByN8n?: boolean;
	/** Checked before anything is sent: no API call but starting a session reaches Kaltura. */
	checkedLocally: boolean;
	/** The message as the README shows it, where it names a server of the test. */
	shownMessage?: string;
}

const uploadFile = new KalturaUploadFile();
const importUrl = new KalturaImportUrl();
const liveStream = new KalturaLiveStream();

const clip = (size = 2048): TestItem => ({
	json: { title: 'Clip' },
	binary: { data: { content: fakeMp4(size, 'catalogue'), fileName: 'clip.mp4', mimeType: 'video/mp4' } },
});
const withJson = (json: IDataObject, item: TestItem = clip()): TestItem => ({
	...item,
	json: { ...item.json, ...json },
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const create = { operation: 'createEntry', binaryPropertyName: 'data' };
const replace = (entryId: INodeParameters[string]): INodeParameters => ({
	operation: 'replaceContent',
	binaryPropertyName: 'data',
	entryId,
});
const importCreate = (url: string) => ({ operation: 'createFromUrl', url });
const liveCreate = { operation: 'create', name: 'Town hall' };

export const CATALOGUE: BadInputCase[] = [
	// Upload File: the file
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Item has no binary data',
		nodeType: uploadFile,
		parameters: create,
		item: { json: { title: 'no file' } },
		message:
			"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Input Binary Field names a field the item does not have',
		nodeType: uploadFile,
		parameters: { ...create, binaryPropertyName: 'video' },
		message: "The item has no binary field 'video' [item 0]",
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Binary field holds text, not a file',
		nodeType: uploadFile,
		parameters: create,
		item: { json: {}, rawBinary: { data: 'hello' } },
		message: 'The binary field "data" holds "hello", not a file',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Binary field holds an object that is not a file',
		nodeType: uploadFile,
		parameters: create,
		item: { json: {}, rawBinary: { data: { fileName: 'a.mp4' } } },
		message: 'The binary field "data" holds an object ({"fileName":"a.mp4"}), not a file',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: '0-byte file',
		nodeType: uploadFile,
		parameters: create,
		item: { json: {}, binary: { data: { content: Buffer.alloc(0), fileName: 'empty.mp4', mimeType: 'video/mp4' } } },
		message: 'The file "empty.mp4" is empty (0 bytes)',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Input Binary Field expression returns an object',
		nodeType: uploadFile,
		parameters: { ...create, binaryPropertyName: '={{ $json }}' },
		message: 'Input Binary Field must be text, but it is an object ({"title":"Clip"})',
		checkedLocally: true,
	},
	// Upload File: entry fields
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Entry Name expression returns an object',
		nodeType: uploadFile,
		parameters: { ...create, name: '={{ $json.meta }}' },
		item: withJson({ meta: { title: 'Keynote' } }),
		message: 'Entry Name must be text, but it is an object ({"title":"Keynote"})',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Entry Name expression returns a list',
		nodeType: uploadFile,
		parameters: { ...create, name: '={{ $json.names }}' },
		item: withJson({ names: ['a', 'b'] }),
		message: 'Entry Name must be text, but it is a list (["a","b"])',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Reference ID of 1 character',
		nodeType: uploadFile,
		parameters: { ...create, entryFields: { referenceId: 'a' } },
		message: 'Reference ID must be at least 2 characters, but it is "a"',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Tags expression returns an object',
		nodeType: uploadFile,
		parameters: { ...create, entryFields: { tags: '={{ $json.tags }}' } },
		item: withJson({ tags: { first: 'a' } }),
		message: 'Tags must be text, but it is an object ({"first":"a"})',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Categories expression returns an object',
		nodeType: uploadFile,
		parameters: { ...create, entryFields: { categories: '={{ $json.category }}' } },
		item: withJson({ category: { id: 12 } }),
		message: 'Categories must be names or IDs, but one of them is an object ({"id":12})',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Media Type 7 (no such type)',
		nodeType: uploadFile,
		parameters: { ...create, mediaType: '={{ 7 }}' },
		message: 'Media Type must be Automatic, Video (1), Audio (5) or Image (2), but it is number 7',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Conversion Profile "abc"',
		nodeType: uploadFile,
		parameters: { ...create, entryFields: { conversionProfileId: 'abc' } },
		message: 'Conversion Profile must be a profile from the list or its ID (a whole number), but it is "abc"',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input:
			'Conversion Profile that does not exist (Kaltura says so after the upload; a re-run reuses the uploaded file)',
		nodeType: uploadFile,
		parameters: { ...create, entryFields: { conversionProfileId: 999999 } },
		message: 'Conversion profile id "999999" not found [CONVERSION_PROFILE_ID_NOT_FOUND]',
		checkedLocally: false,
	},
	// Upload File: transfer options
	...[0, -5, 'abc'].map(
		(value): BadInputCase => ({
			node: 'Upload File',
			operation: 'Create Entry',
			input: `Chunk Size (MiB) ${JSON.stringify(value)}`,
			nodeType: uploadFile,
			parameters: { ...create, options: { chunkSizeMiB: `={{ ${JSON.stringify(value)} }}` } },
			message: `Chunk Size (MiB) must be a number from 1 to 256, but it is ${typeof value === 'string' ? `"${value}"` : `number ${value}`}`,
			checkedLocally: true,
		}),
	),
	...[0, -3, 2.5].map(
		(value): BadInputCase => ({
			node: 'Upload File',
			operation: 'Create Entry',
			input: `Parallel Chunks ${value}`,
			nodeType: uploadFile,
			parameters: { ...create, options: { parallelChunks: `={{ ${value} }}` } },
			message: `Parallel Chunks must be a whole number from 1 to 16, but it is number ${value}`,
			checkedLocally: true,
		}),
	),
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Resume Upload Token ID that does not exist',
		nodeType: uploadFile,
		parameters: { ...create, options: { resumeUploadId: '0_nosuchtoken' } },
		message: 'Upload token not found [UPLOAD_TOKEN_NOT_FOUND]',
		checkedLocally: false,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Check Interval (Seconds) "soon"',
		nodeType: uploadFile,
		parameters: { ...create, options: { waitUntilReady: true, waitIntervalSeconds: '={{ "soon" }}' } },
		message: 'Check Interval (Seconds) must be a number of at least 1, but it is "soon"',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Create Entry',
		input: 'Max Wait (Minutes) -1',
		nodeType: uploadFile,
		parameters: { ...create, options: { waitUntilReady: true, waitTimeoutMinutes: '={{ -1 }}' } },
		message: 'Max Wait (Minutes) must be a number of at least 0, but it is number -1',
		checkedLocally: true,
	},
	// Upload File: the entry to replace
	{
		node: 'Upload File',
		operation: 'Replace Content',
		input: 'Entry left empty',
		nodeType: uploadFile,
		parameters: replace(byId('')),
		message: 'Parameter "Entry" is required.',
		refusedByN8n: true,
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Replace Content',
		input: 'Entry expression returns nothing',
		nodeType: uploadFile,
		parameters: replace(byId('={{ $json.missing }}')),
		message: 'The entry is empty',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Replace Content',
		input: 'Entry "abc" typed in By ID',
		nodeType: uploadFile,
		parameters: replace(byId('abc')),
		message: 'Not a Kaltura entry ID (it looks like 1_abcd1234)',
		refusedByN8n: true,
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Replace Content',
		input: 'Entry expression returns "abc"',
		nodeType: uploadFile,
		parameters: replace(byId('={{ "abc" }}')),
		message: '"abc" is not a Kaltura entry ID',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Replace Content',
		input: 'Entry expression returns an object',
		nodeType: uploadFile,
		parameters: replace(byId('={{ $json.entry }}')),
		item: withJson({ entry: { id: '0_abcdefgh' } }),
		message: 'The entry is an object, not an entry ID',
		checkedLocally: true,
	},
	{
		node: 'Upload File',
		operation: 'Replace Content',
		input: 'Entry that does not exist (checked before the upload)',
		nodeType: uploadFile,
		parameters: replace(byId('0_nosuch00')),
		message: 'Entry id "0_nosuch00" not found [ENTRY_ID_NOT_FOUND]',
		checkedLocally: false,
	},
	// Import URL
	...(
		[
			['URL expression returns nothing', '={{ $json.missing }}', 'The URL is empty'],
			['URL "video.mp4" (not a URL)', 'video.mp4', '"video.mp4" is not a valid URL'],
			['URL file:///etc/passwd', 'file:///etc/passwd', 'Kaltura cannot import from a "file" URL'],
			['URL javascript:alert(1)', 'javascript:alert(1)', 'Kaltura cannot import from a "javascript" URL'],
			['URL data:video/mp4;base64,AAAA', 'data:video/mp4;base64,AAAA', 'Kaltura cannot import from a "data" URL'],
			[
				'URL with a password that is not valid (password masked)',
				'https://bob:pw@exa mple.com/a.mp4',
				'"https://bob:***@exa mple.com/a.mp4" is not a valid URL',
			],
		] as const
	).map(
		([input, url, message]): BadInputCase => ({
			node: 'Import URL',
			operation: 'Create From URL',
			input,
			nodeType: importUrl,
			parameters: importCreate(url),
			message,
			checkedLocally: true,
		}),
	),
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'URL left empty',
		nodeType: importUrl,
		parameters: importCreate(''),
		message: 'Parameter "URL" is required.',
		refusedByN8n: true,
		checkedLocally: true,
	},
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'URL expression returns an object',
		nodeType: importUrl,
		parameters: importCreate('={{ $json.link }}'),
		item: { json: { link: { href: 'https://example.com/a.mp4' } } },
		message: 'URL must be text, but it is an object ({"href":"https://example.com/a.mp4"})',
		checkedLocally: true,
	},
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'Reference ID of 1 character',
		nodeType: importUrl,
		parameters: { ...importCreate('https://example.com/a.mp4'), entryFields: { referenceId: 'a' } },
		message: 'Reference ID must be at least 2 characters, but it is "a"',
		checkedLocally: true,
	},
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'Media Type "movie"',
		nodeType: importUrl,
		parameters: { ...importCreate('https://example.com/a.mp4'), mediaType: '={{ "movie" }}' },
		message: 'Media Type must be Automatic, Video (1), Audio (5) or Image (2), but it is "movie"',
		checkedLocally: true,
	},
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'Batch Size 0',
		nodeType: importUrl,
		parameters: { ...importCreate('https://example.com/a.mp4'), options: { batchSize: '={{ 0 }}' } },
		message: 'Batch Size must be a whole number from 1 to 100, but it is number 0',
		checkedLocally: true,
	},
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'HTTP Headers line without a colon (the line is not quoted: it may hold a token)',
		nodeType: importUrl,
		parameters: {
			...importCreate('https://example.com/a.mp4'),
			options: { urlHeaders: 'X-Source: n8n\nBearer s3cr3t' },
		},
		message: 'HTTP Headers line 2 is not a "Name: value" header',
		checkedLocally: true,
	},
	{
		node: 'Import URL',
		operation: 'Create From URL',
		input: 'Conversion Profile that does not exist (Kaltura says so)',
		nodeType: importUrl,
		parameters: {
			...importCreate('https://example.com/a.mp4'),
			entryFields: { conversionProfileId: 999999 },
		},
		message: 'Conversion profile id "999999" not found [CONVERSION_PROFILE_ID_NOT_FOUND]',
		checkedLocally: false,
	},
	{
		node: 'Import URL',
		operation: 'Replace Content From URL',
		input: 'Entry that does not exist',
		nodeType: importUrl,
		parameters: {
			operation: 'replaceContentFromUrl',
			url: 'https://example.com/a.mp4',
			entryId: byId('0_nosuch00'),
		},
		message: 'Entry id "0_nosuch00" not found [ENTRY_ID_NOT_FOUND]',
		checkedLocally: false,
	},
	// Live Stream
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Name left empty',
		nodeType: liveStream,
		parameters: { ...liveCreate, name: '' },
		message: 'Parameter "Name" is required.',
		refusedByN8n: true,
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Name expression returns only spaces',
		nodeType: liveStream,
		parameters: { ...liveCreate, name: '={{ "  " }}' },
		message: 'The live stream needs a name',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Name expression returns an object',
		nodeType: liveStream,
		parameters: { ...liveCreate, name: '={{ $json.event }}' },
		item: { json: { event: { title: 'Town hall' } } },
		message: 'Name must be text, but it is an object ({"title":"Town hall"})',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'DVR Window (Minutes) 0',
		nodeType: liveStream,
		parameters: { ...liveCreate, dvr: true, dvrWindowMinutes: '={{ 0 }}' },
		message: 'DVR Window (Minutes) must be a whole number of at least 1, but it is number 0',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'HLS Segment Duration (Seconds) 1',
		nodeType: liveStream,
		parameters: { ...liveCreate, additionalFields: { segmentDurationSeconds: '={{ 1 }}' } },
		message: 'HLS Segment Duration (Seconds) must be a number from 2 to 20, but it is number 1',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'SRT Passphrase of 5 characters',
		nodeType: liveStream,
		parameters: { ...liveCreate, additionalFields: { srtPass: 'short' } },
		message: 'The SRT passphrase must be 10 to 79 characters long',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Custom Conversion Profile left empty',
		nodeType: liveStream,
		parameters: { ...liveCreate, transcoding: 'custom', conversionProfileId: '' },
		message: 'Parameter "Conversion Profile Name or ID" is required.',
		refusedByN8n: true,
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Custom Conversion Profile expression returns 0',
		nodeType: liveStream,
		parameters: { ...liveCreate, transcoding: 'custom', conversionProfileId: '={{ 0 }}' },
		message: 'Enter the ID of the live conversion profile to use',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Custom Conversion Profile that does not exist (Kaltura says so)',
		nodeType: liveStream,
		parameters: { ...liveCreate, transcoding: 'custom', conversionProfileId: 999999 },
		message: 'Conversion profile id "999999" not found [CONVERSION_PROFILE_ID_NOT_FOUND]',
		checkedLocally: false,
	},
	{
		node: 'Live Stream',
		operation: 'Create',
		input: 'Reference ID of 1 character',
		nodeType: liveStream,
		parameters: { ...liveCreate, additionalFields: { referenceId: 'a' } },
		message: 'Reference ID must be at least 2 characters, but it is "a"',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Get',
		input: 'Entry expression returns nothing',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('={{ $json.missing }}') },
		message: 'The entry is empty',
		checkedLocally: true,
	},
	{
		node: 'Live Stream',
		operation: 'Get',
		input: 'Entry that does not exist',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_nosuch00') },
		message: 'No live stream with entry ID "0_nosuch00"',
		checkedLocally: false,
	},
	{
		node: 'Live Stream',
		operation: 'Get',
		input: 'Entry that is a media entry, not a live stream',
		nodeType: liveStream,
		parameters: (world) => ({ operation: 'get', entryId: byId(world.mediaEntryId) }),
		message: (world) => `Entry ${world.mediaEntryId} is not a live stream`,
		checkedLocally: false,
	},
	{
		node: 'Live Stream',
		operation: 'Get Status',
		input: 'Protocol expression returns a list',
		nodeType: liveStream,
		parameters: { operation: 'getStatus', entryId: byId('0_abcdefgh'), protocol: '={{ ["hls"] }}' },
		message: 'Protocol must be text, but it is a list (["hls"])',
		checkedLocally: true,
	},
	// Credentials and the Service URL (the same for every node)
	{
		node: 'Any node',
		operation: 'Any',
		input: 'Wrong admin secret',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
		credentials: { secret: 'not-the-secret' },
		message:
			'Kaltura refused the credential: the Partner ID or the secret is wrong (an Admin session type needs the admin secret) [START_SESSION_ERROR]',
		checkedLocally: false,
	},
	{
		node: 'Any node',
		operation: 'Any',
		input: 'Wrong Partner ID',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
		credentials: { partnerId: 999 },
		message:
			'Kaltura refused the credential: the Partner ID or the secret is wrong (an Admin session type needs the admin secret) [START_SESSION_ERROR]',
		checkedLocally: false,
	},
	{
		node: 'Any node',
		operation: 'Any',
		input: 'User secret with Session Type Admin',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
		credentials: (world) => ({ secret: world.sandbox.userSecret, sessionType: 2 }),
		message:
			'Kaltura refused the credential: the Partner ID or the secret is wrong (an Admin session type needs the admin secret) [START_SESSION_ERROR]',
		checkedLocally: false,
	},
	{
		node: 'Any node',
		operation: 'Any',
		input: 'App token that does not exist',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
		credentials: { authType: 'appToken', appTokenId: '0_nosuchtk', appToken: 'abcdef', hashType: 'SHA256' },
		message: 'App Token ID "0_nosuchtk" does not exist for partner 100. Check the App Token ID.',
		checkedLocally: false,
	},
	{
		node: 'Any node',
		operation: 'Any',
		input: 'Service URL empty',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
		credentials: { serviceUrl: '' },
		message: 'The Service URL in the Kaltura API credential is empty. Use e.g. https://www.kaltura.com.',
		checkedLocally: true,
	},
	{
		node: 'Any node',
		operation: 'Any',
		input: 'Service URL without http(s)://',
		nodeType: liveStream,
		parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
		credentials: { serviceUrl: 'www.kaltura.com' },
		message: 'The Service URL "www.kaltura.com" is not a web address. Use e.g. https://www.kaltura.com.',
		checkedLocally: true,
	},
	...(
		[
			[
				'Service URL of a web page (answers HTML)',
				'html',
				"Kaltura's answer to liveStream.get is not JSON (is the Service URL right?): <!doctype html><html><body><h1>Welcome to our video portal</h1></body></html>",
			],
			[
				'Service URL behind a failing proxy (HTTP 502)',
				'bad-gateway',
				'The server at {url} answered HTTP 502 to liveStream.get',
			],
			[
				'Service URL that never answers (timeout named; 1 s in this test, 30 s by default)',
				'hang',
				'Kaltura did not answer liveStream.get within 1 s (the timeout of this call) at {url}',
			],
			[
				'Service URL that closes the connection',
				'close',
				'Could not reach Kaltura at {url}: the connection was closed before Kaltura answered',
			],
			[
				'Service URL that answers JSON that is not Kaltura',
				'echo',
				'The answer to liveStream.get is not a Kaltura object (it has no objectType): is the Service URL a Kaltura server?',
			],
			[
				'Service URL with a wrong path (HTTP 404)',
				'missing',
				'The server at {url} answered HTTP 404 to liveStream.get',
			],
		] as const
	).map(
		([input, path, message]): BadInputCase => ({
			node: 'Any node',
			operation: 'Any',
			input,
			nodeType: liveStream,
			parameters: { operation: 'get', entryId: byId('0_abcdefgh') },
			credentials: (world) => ({ serviceUrl: `${world.wrongUrl}/${path}` }),
			message: (world) => message.replace('{url}', `${world.wrongUrl}/${path}`),
			shownMessage: message.replace('{url}', '<Service URL>'),
			checkedLocally: false,
		}),
	),
];

/** A world for showing rows: the values a reader of the README recognises. */
const SHOWN_WORLD: CatalogueWorld = {
	sandbox: { url: '<Service URL>', partnerId: 100, adminSecret: '', userSecret: '' },
	mediaUrl: 'https://media.example.com',
	wrongUrl: '<Service URL>',
	mediaEntryId: '0_abcd1234',
};

/** Markdown table cell text: pipes escaped, tags shown as text. */
function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The README table of the catalogue (between its markers). */
export function catalogueTable(): string {
	const rows = CATALOGUE.map((row) => {
		const message = row.shownMessage ?? (typeof row.message === 'function' ? row.message(SHOWN_WORLD) : row.message);
		const when = row.refusedByN8n ? 'n8n refuses to run' : row.checkedLocally ? 'before sending' : 'on the answer';
		return `| ${cell(row.node)} | ${cell(row.operation)} | ${cell(row.input)} | ${cell(message)} | ${when} |`;
	});
	return ['| Node | Operation | Input | Message | Caught |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export const TABLE_START = '<!-- bad-input-catalogue:start -->';
export const TABLE_END = '<!-- bad-input-catalogue:end -->';
