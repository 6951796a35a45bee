/**
 * The sandbox's front controller and core services, spoken to on the wire: routing, error
 * shapes, KS validation, media entries and their time-driven lifecycle, lists, multirequest.
 */
import { generateKsV2 } from '../../../nodes/kaltura/client/ks';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { adminKs, apiCall, eventually, multiCall } from '../../helpers/kalturaHttp';
import { fakeMp4, sha256 } from '../../helpers/media';

interface ApiError {
	objectType: 'KalturaAPIException';
	code: string;
	message: string;
	args: Record<string, string> | [];
}
interface Entry {
	objectType: string;
	id: string;
	name: string;
	status: number;
	referenceId?: string;
	mediaType?: number;
	description?: string;
}
interface ListResponse {
	objectType: string;
	objects: Entry[];
	totalCount: number;
}

let sandbox: Sandbox;
let ks: string;

async function uploadBytes(data: Buffer, fileName: string): Promise<string> {
	const token = (await apiCall(sandbox.url, 'uploadtoken', 'add', {
		ks,
		uploadToken: { objectType: 'KalturaUploadToken', fileName, fileSize: data.length },
	})) as { id: string };
	const form = new FormData();
	form.append(
		'json',
		JSON.stringify({ format: 1, ks, uploadTokenId: token.id, resume: false, finalChunk: true, resumeAt: 0 }),
	);
	form.append('fileData', new Blob([data]), fileName);
	const res = await fetch(`${sandbox.url}/api_v3/service/uploadtoken/action/upload`, { method: 'POST', body: form });
	const uploaded = (await res.json()) as { status: number; uploadedFileSize: number };
	expect(uploaded).toMatchObject({ status: 2, uploadedFileSize: data.length });
	return token.id;
}

async function addEntry(fields: Record<string, unknown> = {}): Promise<Entry> {
	return (await apiCall(sandbox.url, 'media', 'add', {
		ks,
		entry: { objectType: 'KalturaMediaEntry', name: 'Test entry', mediaType: 1, ...fields },
	})) as Entry;
}

async function getEntry(entryId: string): Promise<Entry | ApiError> {
	return (await apiCall(sandbox.url, 'media', 'get', { ks, entryId })) as Entry | ApiError;
}

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 100 });
	ks = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
});

afterAll(async () => {
	await sandbox.close();
});

describe('front controller', () => {
	it('answers unknown services and actions with Kaltura errors over HTTP 200', async () => {
		expect(await apiCall(sandbox.url, 'nosuch', 'list', { ks })).toMatchObject({
			objectType: 'KalturaAPIException',
			code: 'SERVICE_DOES_NOT_EXISTS',
			message: 'Service "nosuch" does not exists',
		});
		expect(await apiCall(sandbox.url, 'media', 'fly', { ks })).toMatchObject({ code: 'ACTION_DOES_NOT_EXISTS' });
	});

	it('is case-insensitive in service and action names', async () => {
		const list = (await apiCall(sandbox.url, 'Media', 'LIST', { ks })) as ListResponse;
		expect(list.objectType).toBe('KalturaMediaListResponse');
	});

	it('refuses anything but JSON responses, so a client that forgets format=1 finds out', async () => {
		const res = await fetch(`${sandbox.url}/api_v3/service/system/action/ping`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
		expect(await res.json()).toMatchObject({ code: 'UNKNOWN_RESPONSE_FORMAT' });
	});

	it('reads params from the path and the query string as well as the body', async () => {
		const res = await fetch(
			`${sandbox.url}/api_v3/service/media/action/get/format/1?ks=${encodeURIComponent(ks)}&entryId=0_missing`,
		);
		expect(await res.json()).toMatchObject({ code: 'ENTRY_ID_NOT_FOUND', args: { ENTRY_ID: '0_missing' } });
	});

	it('emits an empty args array for errors without arguments, like PHP', async () => {
		const entry = await addEntry();
		const token = await uploadBytes(fakeMp4(2000), 'a.mp4');
		await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		});
		const again = (await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		})) as ApiError;
		expect(again.code).toBe('ENTRY_ALREADY_WITH_CONTENT');
		expect(again.args).toEqual([]);
	});
});

describe('sessions', () => {
	it('starts KS v2 sessions with the admin secret and refuses a wrong one', async () => {
		expect(ks.startsWith('djJ8')).toBe(true);
		const wrong = (await apiCall(sandbox.url, 'session', 'start', {
			secret: 'nope',
			partnerId: sandbox.partnerId,
			type: 2,
		})) as ApiError;
		expect(wrong).toMatchObject({ code: 'START_SESSION_ERROR', args: { PID: String(sandbox.partnerId) } });
	});

	it('lets the user secret open user sessions only', async () => {
		const userKs = await apiCall(sandbox.url, 'session', 'start', {
			secret: sandbox.userSecret,
			partnerId: sandbox.partnerId,
			type: 0,
		});
		expect(typeof userKs).toBe('string');
		const adminTry = (await apiCall(sandbox.url, 'session', 'start', {
			secret: sandbox.userSecret,
			partnerId: sandbox.partnerId,
			type: 2,
		})) as ApiError;
		expect(adminTry.code).toBe('START_SESSION_ERROR');
	});

	it('accepts a KS generated locally with the admin secret (no round trip)', async () => {
		const local = generateKsV2({
			partnerId: sandbox.partnerId,
			adminSecret: sandbox.adminSecret,
			userId: 'me',
			type: 2,
			expirySeconds: 600,
			privileges: '',
		});
		const info = (await apiCall(sandbox.url, 'session', 'get', { ks: local })) as Record<string, unknown>;
		expect(info).toMatchObject({
			objectType: 'KalturaSessionInfo',
			partnerId: sandbox.partnerId,
			userId: 'me',
			sessionType: 2,
		});
	});

	it('rejects tampered, foreign-secret and expired KSs with INVALID_KS', async () => {
		const foreign = generateKsV2({
			partnerId: sandbox.partnerId,
			adminSecret: 'other',
			userId: '',
			type: 2,
			expirySeconds: 600,
			privileges: '',
		});
		expect(await apiCall(sandbox.url, 'media', 'list', { ks: foreign })).toMatchObject({ code: 'INVALID_KS' });
		expect(await apiCall(sandbox.url, 'media', 'list', { ks: `${ks.slice(0, -6)}AAAAAA` })).toMatchObject({
			code: 'INVALID_KS',
		});
		const expired = generateKsV2({
			partnerId: sandbox.partnerId,
			adminSecret: sandbox.adminSecret,
			userId: '',
			type: 2,
			expirySeconds: -60,
			privileges: '',
		});
		const err = (await apiCall(sandbox.url, 'media', 'list', { ks: expired })) as ApiError;
		expect(err).toMatchObject({ code: 'INVALID_KS', message: 'Invalid KS "EXPIRED", Error "-1,INVALID_STR"' });
	});

	it('answers a missing KS with SERVICE_FORBIDDEN naming service and action', async () => {
		expect(await apiCall(sandbox.url, 'media', 'list')).toMatchObject({
			code: 'SERVICE_FORBIDDEN',
			args: { SERVICE: 'media->list' },
		});
	});

	it('ends sessions: an ended KS is refused as LOGOUT', async () => {
		const temp = await adminKs(sandbox.url, sandbox.partnerId, sandbox.adminSecret);
		await apiCall(sandbox.url, 'session', 'end', { ks: temp });
		expect(await apiCall(sandbox.url, 'media', 'list', { ks: temp })).toMatchObject({
			code: 'INVALID_KS',
			args: { KSID: 'LOGOUT' },
		});
	});
});

describe('media entries', () => {
	it('adds an entry without content (NO_CONTENT) and omits null properties', async () => {
		const entry = await addEntry({ description: 'about', referenceId: 'ref-add' });
		expect(entry).toMatchObject({
			objectType: 'KalturaMediaEntry',
			status: 7,
			name: 'Test entry',
			referenceId: 'ref-add',
		});
		expect(entry.id).toMatch(/^0_[a-z0-9]{8}$/);
		expect(Object.values(entry)).not.toContain(null);
	});

	it('rejects read-only fields on add and enforces the reference ID length', async () => {
		const ro = (await addEntry({ status: 2 })) as unknown as ApiError;
		expect(ro.code).toBe('PROPERTY_VALIDATION_NOT_UPDATABLE');
		const short = (await addEntry({ referenceId: 'x' })) as unknown as ApiError;
		expect(short.code).toBe('PROPERTY_VALIDATION_MIN_LENGTH');
	});

	it('walks NO_CONTENT → IMPORT/PRECONVERT → READY and keeps the exact bytes on disk', async () => {
		const data = fakeMp4(300_000, 'lifecycle');
		const entry = await addEntry();
		const token = await uploadBytes(data, 'movie.mp4');
		const added = (await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		})) as Entry;
		expect([0, 1]).toContain(added.status);
		const ready = (await eventually(
			() => getEntry(entry.id),
			(e) => (e as Entry).status === 2,
		)) as Entry & { duration: number };
		expect(ready.duration).toBeGreaterThan(0);
		const res = await fetch(`${sandbox.url}/__sandbox/entries/${entry.id}/sha256`);
		expect(await res.json()).toMatchObject({ sha256: sha256(data), size: data.length });
		const token2 = (await apiCall(sandbox.url, 'uploadtoken', 'get', { ks, uploadTokenId: token })) as {
			status: number;
		};
		expect(token2.status).toBe(3); // CLOSED once an entry used it
	});

	it('ends in ERROR_CONVERTING when the bytes are not media', async () => {
		const entry = await addEntry();
		const token = await uploadBytes(Buffer.from('this is a text file, not a video'), 'notes.txt');
		await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		});
		await eventually(
			() => getEntry(entry.id),
			(e) => (e as Entry).status === -1,
		);
	});

	it('ends in ERROR_IMPORTING when a URL cannot be fetched', async () => {
		const entry = await addEntry();
		await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUrlResource', url: `${sandbox.url}/nothing-here.mp4` },
		});
		await eventually(
			() => getEntry(entry.id),
			(e) => (e as Entry).status === -2,
		);
	});

	it('updates writable fields and deletes entries', async () => {
		const entry = await addEntry();
		const updated = (await apiCall(sandbox.url, 'media', 'update', {
			ks,
			entryId: entry.id,
			mediaEntry: { objectType: 'KalturaMediaEntry', name: 'Renamed', tags: 'a,b' },
		})) as Entry & { tags: string };
		expect(updated).toMatchObject({ name: 'Renamed', tags: 'a,b' });
		expect(await apiCall(sandbox.url, 'media', 'delete', { ks, entryId: entry.id })).toBeNull();
		expect(await getEntry(entry.id)).toMatchObject({
			code: 'ENTRY_ID_NOT_FOUND',
			message: `Entry id "${entry.id}" not found`,
		});
	});
});

describe('content replacement', () => {
	async function readyEntry(data: Buffer): Promise<Entry> {
		const entry = await addEntry();
		const token = await uploadBytes(data, 'first.mp4');
		await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		});
		return (await eventually(
			() => getEntry(entry.id),
			(e) => (e as Entry).status === 2,
		)) as Entry;
	}
	const storedHash = async (entryId: string): Promise<string> =>
		((await (await fetch(`${sandbox.url}/__sandbox/entries/${entryId}/sha256`)).json()) as { sha256: string }).sha256;

	it('swaps the new content in when it is ready; approveReplace without a replacement is refused', async () => {
		const entry = await readyEntry(fakeMp4(5000, 'old'));
		const fresh = fakeMp4(7000, 'new');
		const token = await uploadBytes(fresh, 'second.mp4');
		const replacing = (await apiCall(sandbox.url, 'media', 'updateContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		})) as Entry & { replacingEntryId?: string };
		expect(replacing.replacingEntryId).toBeTruthy();
		await eventually(
			() => getEntry(entry.id),
			(e) => (e as Entry & { replacingEntryId?: string }).replacingEntryId === undefined,
		);
		expect(await storedHash(entry.id)).toBe(sha256(fresh));
		expect(await apiCall(sandbox.url, 'media', 'approveReplace', { ks, entryId: entry.id })).toMatchObject({
			code: 'INVALID_ENTRY_STATUS',
		});
	});

	it('cancelReplace drops the pending replacement and keeps the old content', async () => {
		const old = fakeMp4(5000, 'keep');
		const entry = await readyEntry(old);
		const token = await uploadBytes(fakeMp4(6000, 'dropped'), 'second.mp4');
		const replacing = (await apiCall(sandbox.url, 'media', 'updateContent', {
			ks,
			entryId: entry.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		})) as Entry & { replacingEntryId: string };
		const cancelled = (await apiCall(sandbox.url, 'media', 'cancelReplace', { ks, entryId: entry.id })) as Entry & {
			replacingEntryId?: string;
		};
		expect(cancelled).toMatchObject({ id: entry.id, status: 2 });
		expect(cancelled.replacingEntryId).toBeUndefined();
		expect(await getEntry(replacing.replacingEntryId)).toMatchObject({ code: 'ENTRY_ID_NOT_FOUND' });
		expect(await storedHash(entry.id)).toBe(sha256(old));
	});
});

describe('media.list', () => {
	let readyId: string;
	let pendingIds: string[];

	beforeAll(async () => {
		const ready = await addEntry({ referenceId: 'list-ready', name: 'B ready' });
		const token = await uploadBytes(fakeMp4(1000, 'list'), 'l.mp4');
		await apiCall(sandbox.url, 'media', 'addContent', {
			ks,
			entryId: ready.id,
			resource: { objectType: 'KalturaUploadedFileTokenResource', token },
		});
		await eventually(
			() => getEntry(ready.id),
			(e) => (e as Entry).status === 2,
		);
		readyId = ready.id;
		pendingIds = [
			(await addEntry({ referenceId: 'list-a', name: 'A' })).id,
			(await addEntry({ referenceId: 'list-b', name: 'C' })).id,
		];
	});

	const list = async (filter: Record<string, unknown>, pager?: Record<string, unknown>): Promise<ListResponse> =>
		(await apiCall(sandbox.url, 'media', 'list', {
			ks,
			filter: { objectType: 'KalturaMediaEntryFilter', ...filter },
			...(pager ? { pager: { objectType: 'KalturaFilterPager', ...pager } } : {}),
		})) as ListResponse;

	it('shows READY entries only when no status filter is given', async () => {
		const ids = (await list({ idIn: [readyId, ...pendingIds].join(',') })).objects.map((e) => e.id);
		expect(ids).toEqual([readyId]);
	});

	it('filters by statusIn, referenceIdEqual and referenceIdIn', async () => {
		const all = await list({ idIn: [readyId, ...pendingIds].join(','), statusIn: '2,7' });
		expect(all.totalCount).toBe(3);
		const one = await list({ referenceIdEqual: 'list-a', statusIn: '7' });
		expect(one.objects.map((e) => e.id)).toEqual([pendingIds[0]]);
		const two = await list({ referenceIdIn: 'list-a,list-b', statusIn: '7' });
		expect(two.objects.map((e) => e.id).sort()).toEqual([...pendingIds].sort());
	});

	it('orders and pages, with totalCount independent of the page', async () => {
		const page = await list(
			{ idIn: [readyId, ...pendingIds].join(','), statusIn: '2,7', orderBy: '+name' },
			{ pageSize: 2, pageIndex: 2 },
		);
		expect(page.totalCount).toBe(3);
		expect(page.objects.map((e) => e.name)).toEqual(['C']);
	});

	it('filters by updatedAtGreaterThanOrEqual', async () => {
		const future = Math.floor(Date.now() / 1000) + 3600;
		expect((await list({ statusIn: '2,7', updatedAtGreaterThanOrEqual: future })).totalCount).toBe(0);
		expect((await list({ idIn: readyId, updatedAtGreaterThanOrEqual: future - 7200 })).totalCount).toBe(1);
	});
});

describe('multirequest', () => {
	it('runs sub-requests in order with 1-based result references and keeps errors inline', async () => {
		const results = await multiCall(sandbox.url, {
			'0': { service: 'session', action: 'start', secret: sandbox.adminSecret, partnerId: sandbox.partnerId, type: 2 },
			'1': {
				service: 'media',
				action: 'add',
				ks: '{1:result}',
				entry: { objectType: 'KalturaMediaEntry', name: 'multi', mediaType: 1 },
			},
			'2': { service: 'media', action: 'get', ks: '{1:result}', entryId: '{2:result:id}' },
			'3': { service: 'media', action: 'get', ks: '{1:result}', entryId: '0_nothere' },
			'4': {
				service: 'media',
				action: 'update',
				ks: '{1:result}',
				entryId: '{2:result:id}',
				mediaEntry: { objectType: 'KalturaMediaEntry', description: 'after {3:result:name}' },
			},
		});
		expect(results).toHaveLength(5);
		const added = results[1] as Entry;
		expect(results[2]).toMatchObject({ id: added.id, name: 'multi' });
		expect(results[3]).toMatchObject({ code: 'ENTRY_ID_NOT_FOUND' });
		expect(results[4]).toMatchObject({ description: 'after multi' });
	});

	it('copies the top-level KS into sub-requests and logs one HTTP call', async () => {
		const before = sandbox.requestLog.entries().length;
		const results = await multiCall(sandbox.url, {
			ks,
			'1': { service: 'media', action: 'list' },
			'2': { service: 'system', action: 'ping' },
		});
		expect(results).toEqual([expect.objectContaining({ objectType: 'KalturaMediaListResponse' }), true]);
		const logged = sandbox.requestLog.entries().slice(before);
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({ service: 'multirequest', subRequests: 2 });
	});
});

describe('fault injection and hooks', () => {
	it('fails the next matching request with HTTP 503, then recovers', async () => {
		sandbox.faults.failNext(1, { service: 'system', action: 'ping' });
		const failed = await fetch(`${sandbox.url}/api_v3/service/system/action/ping`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{"format":1}',
		});
		expect(failed.status).toBe(503);
		expect(await apiCall(sandbox.url, 'system', 'ping')).toBe(true);
		expect(
			sandbox.requestLog
				.find('system', 'ping')
				.map((e) => e.fault)
				.slice(-2),
		).toEqual(['status:503', null]);
	});

	it('lets the first matching requests of a rule with skip through, then fails the next ones', async () => {
		sandbox.faults.setPlan({
			rules: [{ service: 'system', action: 'ping', skip: 2, times: 2, effect: { type: 'status', status: 502 } }],
		});
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			const res = await fetch(`${sandbox.url}/api_v3/service/system/action/ping`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{"format":1}',
			});
			statuses.push(res.status);
			await res.arrayBuffer();
		}
		expect(statuses).toEqual([200, 200, 502, 502, 200]);
		expect(sandbox.faults.plan().rules).toEqual([]);
	});

	it('serves the request log over HTTP', async () => {
		const res = await fetch(`${sandbox.url}/__sandbox/requests`);
		const entries = (await res.json()) as Array<{ service: string }>;
		expect(entries.some((e) => e.service === 'media')).toBe(true);
	});
});

describe('persistence', () => {
	it('keeps entries and content across a restart on the same data dir', async () => {
		const dir = `${sandbox.dataDir}-persist`;
		const first = await startSandbox({ dataDir: dir, processingMs: 50 });
		const firstKs = await adminKs(first.url, first.partnerId, first.adminSecret);
		const entry = (await apiCall(first.url, 'media', 'add', {
			ks: firstKs,
			entry: { objectType: 'KalturaMediaEntry', name: 'kept', mediaType: 1 },
		})) as Entry;
		await first.close();
		const second = await startSandbox({ dataDir: dir, processingMs: 50 });
		try {
			const secondKs = await adminKs(second.url, second.partnerId, second.adminSecret);
			expect(await apiCall(second.url, 'media', 'get', { ks: secondKs, entryId: entry.id })).toMatchObject({
				name: 'kept',
			});
		} finally {
			await second.close();
			await import('fs').then((fs) => fs.promises.rm(dir, { recursive: true, force: true }));
		}
	});
});
