/** uploadToken service (reference §3): token CRUD plus chunked, resumable uploads. */
import { toFloat, toInt, toList, toStr } from '../api/args';
import { apiError } from '../api/errors';
import { paginate } from '../api/pager';
import { listResponse, type ActionContext, type ApiObject, type ServiceDef } from '../api/types';
import { TOKEN_DELETED, TOKEN_FULL, TOKEN_PARTIAL, TOKEN_PENDING } from '../engine/uploads';
import { readObject, NULLABLE_BOOLEAN, type Schema } from '../model/schema';
import { uploadTokenId } from '../store/ids';
import type { UploadTokenRecord } from '../store/types';

const SCHEMA: Schema = {
	id: { type: 'string', access: 'ro' },
	partnerId: { type: 'int', access: 'ro' },
	userId: { type: 'string', access: 'ro' },
	status: { type: 'int', access: 'ro' },
	fileName: { type: 'string', access: 'insert' },
	fileSize: { type: 'float', access: 'insert' },
	uploadedFileSize: { type: 'float', access: 'ro' },
	createdAt: { type: 'time', access: 'ro' },
	updatedAt: { type: 'time', access: 'ro' },
	uploadUrl: { type: 'string', access: 'ro' },
	autoFinalize: { type: 'int', access: 'insert', enumName: 'KalturaNullableBoolean', enumValues: NULLABLE_BOOLEAN },
	attachedObjectType: { type: 'string', access: 'ro' },
	attachedObjectId: { type: 'string', access: 'ro' },
};

export function tokenToApi(t: UploadTokenRecord): ApiObject {
	return {
		objectType: 'KalturaUploadToken',
		id: t.id,
		partnerId: t.partnerId,
		userId: t.userId,
		status: t.status,
		fileName: t.fileName,
		fileSize: t.fileSize,
		// Nothing uploaded yet → the server has no size to report.
		uploadedFileSize: t.status === TOKEN_PENDING && !t.hasFile ? null : t.uploadedFileSize,
		createdAt: t.createdAt,
		updatedAt: t.updatedAt,
		autoFinalize: t.autoFinalize,
		attachedObjectType: t.attachedObjectType,
		attachedObjectId: t.attachedObjectId,
	};
}

/** USER sessions only see their own tokens (→ NOT_FOUND for everybody else's). */
function visible(ctx: ActionContext, t: UploadTokenRecord): boolean {
	return !ctx.session || ctx.session.type === 2 || t.userId === ctx.session.userId;
}

function find(ctx: ActionContext, id: string): UploadTokenRecord {
	const t = ctx.rt.store.partner(ctx.partnerId).uploadTokens[id];
	if (!t || !visible(ctx, t)) throw apiError('UPLOAD_TOKEN_NOT_FOUND');
	return t;
}

const list = (v: unknown): string[] => toList(v as string);

export const uploadTokenService: ServiceDef = {
	id: 'uploadtoken',
	actions: {
		add: {
			access: 'user',
			run(ctx) {
				const input = ctx.args.obj('uploadToken') ?? {};
				const f = readObject(input, SCHEMA, 'KalturaUploadToken', 'insert', ctx.rt.now());
				const autoFinalize = f.autoFinalize === undefined || f.autoFinalize === null ? null : Number(f.autoFinalize);
				const fileSize = f.fileSize === undefined || f.fileSize === null ? null : Number(f.fileSize);
				if (autoFinalize === 1 && !fileSize) throw apiError('UPLOAD_TOKEN_MISSING_FILE_SIZE');
				const now = ctx.rt.now();
				const t: UploadTokenRecord = {
					id: uploadTokenId(ctx.rt.options.dc),
					partnerId: ctx.partnerId,
					userId: ctx.session?.userId ?? '',
					status: TOKEN_PENDING,
					fileName: f.fileName ? String(f.fileName) : null,
					fileSize,
					uploadedFileSize: 0,
					createdAt: now,
					updatedAt: now,
					autoFinalize,
					receivedBytes: 0,
					parked: [],
					hasFile: false,
					attachedObjectType: null,
					attachedObjectId: null,
				};
				ctx.rt.store.partner(ctx.partnerId).uploadTokens[t.id] = t;
				ctx.rt.store.changed();
				return tokenToApi(t);
			},
		},
		get: {
			access: 'user',
			run: (ctx) => tokenToApi(find(ctx, ctx.args.str('uploadTokenId'))),
		},
		upload: {
			access: 'user',
			async run(ctx) {
				const { args } = ctx;
				const t = find(ctx, args.str('uploadTokenId'));
				const file = args.file('fileData');
				await ctx.rt.uploads.upload(t, {
					file,
					resume: args.bool('resume', false),
					finalChunk: args.bool('finalChunk', true),
					resumeAt: args.float('resumeAt', -1),
				});
				return tokenToApi(t);
			},
		},
		delete: {
			access: 'user',
			async run(ctx) {
				const t = find(ctx, ctx.args.str('uploadTokenId'));
				await ctx.rt.uploads.discardFiles(t);
				t.status = TOKEN_DELETED;
				t.updatedAt = ctx.rt.now();
				ctx.rt.store.changed();
				return null;
			},
		},
		list: {
			access: 'user',
			run(ctx) {
				const f = ctx.args.obj('filter') ?? {};
				let statuses: number[] | null = null;
				if (f.statusEqual !== undefined && f.statusEqual !== '') statuses = [toInt(f.statusEqual)];
				else if (f.statusIn !== undefined && f.statusIn !== '') statuses = list(f.statusIn).map(Number);
				// kUploadTokenMgr: a file-name search without status filter only sees live tokens.
				else if (f.fileNameEqual !== undefined) statuses = [TOKEN_PENDING, TOKEN_PARTIAL, TOKEN_FULL];
				let items = Object.values(ctx.rt.store.partner(ctx.partnerId).uploadTokens).filter((t) => visible(ctx, t));
				if (statuses) items = items.filter((t) => statuses!.includes(t.status));
				if (f.idEqual) items = items.filter((t) => t.id === toStr(f.idEqual));
				if (f.idIn) items = items.filter((t) => list(f.idIn).includes(t.id));
				if (f.userIdEqual) items = items.filter((t) => t.userId === toStr(f.userIdEqual));
				if (f.fileNameEqual !== undefined) items = items.filter((t) => (t.fileName ?? '') === toStr(f.fileNameEqual));
				if (f.fileSizeEqual !== undefined && f.fileSizeEqual !== '')
					items = items.filter((t) => t.fileSize === toFloat(f.fileSizeEqual));
				// Stable sort keeps creation order for equal (second-resolution) timestamps.
				items.sort((a, b) => a.createdAt - b.createdAt);
				if (toStr(f.orderBy) === '-createdAt') items.reverse();
				return listResponse(
					'KalturaUploadTokenListResponse',
					paginate(items, ctx.args.obj('pager')).map(tokenToApi),
					items.length,
				);
			},
		},
	},
};
