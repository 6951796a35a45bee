/**
 * The official Node client (`kaltura-client` on npm) against the sandbox: if Kaltura's own
 * generated client can use it, the sandbox speaks the real wire format — not just ours.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { eventually } from '../../helpers/kalturaHttp';
import { fakeMp4, sha256 } from '../../helpers/media';

// The generated client ships without type declarations; describe the little we use.
interface Request<T> {
	execute(client: OfficialClient): Promise<T>;
}
interface OfficialClient {
	setKs(ks: string): void;
}
interface OfficialEntry {
	id: string;
	name: string;
	status: string | number;
	referenceId?: string;
}
interface OfficialCategory {
	id: number;
	name: string;
	fullName: string;
	depth: number;
	parentId: number;
}
interface OfficialList<T> {
	objects: T[];
	totalCount: number;
}
interface OfficialModule {
	Configuration: new () => { serviceUrl: string; timeout: number; logger: unknown };
	Client: new (config: unknown) => OfficialClient;
	enums: {
		SessionType: { ADMIN: number; USER: number };
		MediaType: { VIDEO: number };
		EntryType: { MEDIA_CLIP: string };
		CategoryOrderBy: { NAME_ASC: string };
		BaseEntryOrderBy: { CREATED_AT_DESC: string };
	};
	objects: Record<string, new (fields?: Record<string, unknown>) => object>;
	services: {
		session: { start(secret: string, userId: string | null, type: number, partnerId: number): Request<string> };
		media: {
			add(entry: object): Request<OfficialEntry>;
			get(entryId: string): Request<OfficialEntry>;
			listAction(filter?: object, pager?: object): Request<{ objects: OfficialEntry[]; totalCount: number }>;
			addContent(entryId: string, resource: object): Request<OfficialEntry>;
		};
		baseEntry: {
			listAction(filter?: object, pager?: object): Request<OfficialList<OfficialEntry>>;
		};
		category: {
			add(category: object): Request<OfficialCategory>;
			listAction(filter?: object, pager?: object): Request<OfficialList<OfficialCategory>>;
		};
		uploadToken: {
			add(token: object): Request<{ id: string }>;
			upload(
				id: string,
				fileData: string,
				resume: boolean,
				finalChunk: boolean,
				resumeAt: number,
			): Request<{ status: number; uploadedFileSize: number }>;
		};
	};
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kaltura = require('kaltura-client') as OfficialModule;

let sandbox: Sandbox;
let client: OfficialClient;

/** The client logs every request, KS included, to the console by default: keep test output clean. */
const quietLogger = { log: (): void => undefined, error: (): void => undefined, debug: (): void => undefined };

function configFor(serviceUrl: string): InstanceType<OfficialModule['Configuration']> {
	const config = new kaltura.Configuration();
	config.serviceUrl = serviceUrl;
	config.timeout = 10_000;
	config.logger = quietLogger;
	return config;
}

beforeAll(async () => {
	sandbox = await startSandbox({ processingMs: 50 });
	client = new kaltura.Client(configFor(sandbox.url));
	const ks = await kaltura.services.session
		.start(sandbox.adminSecret, 'official', kaltura.enums.SessionType.ADMIN, sandbox.partnerId)
		.execute(client);
	client.setKs(ks);
});

afterAll(async () => {
	await sandbox.close();
});

it('starts a session and gets a Kaltura error object for a wrong secret', async () => {
	const fresh = new kaltura.Client(configFor(sandbox.url));
	await expect(
		kaltura.services.session.start('wrong', null, kaltura.enums.SessionType.ADMIN, sandbox.partnerId).execute(fresh),
	).rejects.toMatchObject({
		code: 'START_SESSION_ERROR',
		objectType: 'KalturaAPIException',
	});
});

it('adds, gets and lists media entries', async () => {
	const entry = new kaltura.objects.MediaEntry({
		name: 'From the official client',
		mediaType: kaltura.enums.MediaType.VIDEO,
		referenceId: 'official-1',
	});
	const added = await kaltura.services.media.add(entry).execute(client);
	expect(added).toMatchObject({ name: 'From the official client', referenceId: 'official-1' });
	expect(String(added.status)).toBe('7');

	const got = await kaltura.services.media.get(added.id).execute(client);
	expect(got.id).toBe(added.id);

	const filter = new kaltura.objects.MediaEntryFilter({ referenceIdEqual: 'official-1', statusIn: '7' });
	const pager = new kaltura.objects.FilterPager({ pageSize: 10 });
	const listed = await kaltura.services.media.listAction(filter, pager).execute(client);
	expect(listed.totalCount).toBe(1);
	expect(listed.objects[0].id).toBe(added.id);
});

it('gets Kaltura-shaped errors for bad input', async () => {
	await expect(kaltura.services.media.get('0_doesnotexist').execute(client)).rejects.toMatchObject({
		code: 'ENTRY_ID_NOT_FOUND',
		message: 'Entry id "0_doesnotexist" not found',
	});
	const noName = new kaltura.objects.MediaEntry({ mediaType: 99 });
	await expect(kaltura.services.media.add(noName).execute(client)).rejects.toMatchObject({
		code: 'INVALID_ENUM_VALUE',
	});
});

it('uploads a file with the official multipart encoding and ingests it', async () => {
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'official-upload-'));
	const file = path.join(dir, 'clip.mp4');
	const data = fakeMp4(150_000, 'official');
	await fsp.writeFile(file, data);
	try {
		const token = await kaltura.services.uploadToken
			.add(new kaltura.objects.UploadToken({ fileName: 'clip.mp4', fileSize: data.length }))
			.execute(client);
		const uploaded = await kaltura.services.uploadToken.upload(token.id, file, false, true, 0).execute(client);
		expect(uploaded).toMatchObject({ uploadedFileSize: data.length });
		const entry = await kaltura.services.media
			.add(new kaltura.objects.MediaEntry({ name: 'clip', mediaType: 1 }))
			.execute(client);
		const resource = new kaltura.objects.UploadedFileTokenResource({ token: token.id });
		await kaltura.services.media.addContent(entry.id, resource).execute(client);
		await eventually(
			() => kaltura.services.media.get(entry.id).execute(client),
			(e) => String(e.status) === '2',
		);
		const stored = (await (await fetch(`${sandbox.url}/__sandbox/entries/${entry.id}/sha256`)).json()) as {
			sha256: string;
		};
		expect(stored.sha256).toBe(sha256(data));
	} finally {
		await fsp.rm(dir, { recursive: true, force: true });
	}
});

it("adds and lists categories with the client's category.add and category.listAction", async () => {
	const marketing = await kaltura.services.category
		.listAction(new kaltura.objects.CategoryFilter({ fullNameEqual: 'Marketing' }))
		.execute(client);
	expect(marketing.totalCount).toBe(1);
	const parentId = marketing.objects[0].id;
	const added = await kaltura.services.category
		.add(new kaltura.objects.Category({ name: 'Official events', parentId }))
		.execute(client);
	expect(added).toMatchObject({ name: 'Official events', fullName: 'Marketing>Official events', depth: 1, parentId });

	const filter = new kaltura.objects.CategoryFilter({
		parentIdEqual: parentId,
		orderBy: kaltura.enums.CategoryOrderBy.NAME_ASC,
	});
	const listed = await kaltura.services.category
		.listAction(filter, new kaltura.objects.FilterPager({ pageSize: 10 }))
		.execute(client);
	expect(listed.objects.map((c) => c.fullName)).toEqual(['Marketing>Official events', 'Marketing>Webinars']);
	await expect(
		kaltura.services.category.add(new kaltura.objects.Category({ name: 'official EVENTS', parentId })).execute(client),
	).rejects.toMatchObject({
		code: 'DUPLICATE_CATEGORY',
	});
});

it('searches entries with freeText through baseEntry.listAction', async () => {
	const orchid = await kaltura.services.media
		.add(new kaltura.objects.MediaEntry({ name: 'Orchid care basics', mediaType: 1 }))
		.execute(client);
	await kaltura.services.media
		.add(new kaltura.objects.MediaEntry({ name: 'Cactus care', mediaType: 1 }))
		.execute(client);
	const filter = new kaltura.objects.BaseEntryFilter({
		freeText: 'orchid care',
		typeIn: kaltura.enums.EntryType.MEDIA_CLIP,
		statusIn: '-2,-1,0,1,2,4,5,6,7',
		orderBy: kaltura.enums.BaseEntryOrderBy.CREATED_AT_DESC,
	});
	const found = await kaltura.services.baseEntry
		.listAction(filter, new kaltura.objects.FilterPager({ pageSize: 20, pageIndex: 1 }))
		.execute(client);
	expect(found.totalCount).toBe(1);
	expect(found.objects.map((e) => e.id)).toEqual([orchid.id]);
});
