/**
 * Serves entry content at the playManifest URLs the sandbox hands out as `dataUrl` and
 * `downloadUrl` (`/p/{pid}/sp/{pid}00/playManifest/entryId/{id}/...`), streamed from disk.
 * Lets a workflow download what it uploaded, and lets one sandbox entry be the source of
 * another's URL import.
 */
import * as fs from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Runtime } from '../runtime';
import { ENTRY_STATUS } from '../engine/lifecycle';

const PLAY_MANIFEST = /^\/p\/(\d+)\/sp\/\d+\/playManifest\/entryId\/([^/]+)(?:\/|$)/;

export function isContentPath(pathname: string): boolean {
	return PLAY_MANIFEST.test(pathname);
}

export function serveContent(req: IncomingMessage, res: ServerResponse, pathname: string, rt: Runtime): void {
	const match = PLAY_MANIFEST.exec(pathname);
	const entry = match ? rt.store.partner(Number(match[1])).entries[decodeURIComponent(match[2])] : undefined;
	if (!entry || entry.status !== ENTRY_STATUS.READY || !entry.content) {
		res.writeHead(404, { 'Content-Type': 'text/plain' });
		res.end('Entry not found or not ready');
		return;
	}
	const content = entry.content;
	res.writeHead(200, {
		'Content-Type': 'application/octet-stream',
		'Content-Length': content.size,
		'Content-Disposition': `attachment; filename="${content.fileName.replace(/["\\\r\n]/g, '_')}"`,
	});
	if (req.method === 'HEAD') {
		res.end();
		return;
	}
	fs.createReadStream(rt.store.abs(content.file)).pipe(res);
}
