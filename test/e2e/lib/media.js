'use strict';
/**
 * Test media: files that the sandbox recognises as video (it sniffs magic bytes like Kaltura's
 * media-info step; unknown bytes end in ERROR_CONVERTING), and a small 127.0.0.1 HTTP server
 * that serves them as the source of URL imports.
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const MiB = 1024 * 1024;

/** An MP4 'ftyp' box: enough for the sandbox (and most sniffers) to call the file a video. */
function mp4Header() {
	const box = Buffer.alloc(24);
	box.writeUInt32BE(24, 0);
	box.write('ftypisom', 4, 'latin1');
	box.writeUInt32BE(0x200, 12);
	box.write('isomiso2', 16, 'latin1');
	return box;
}

/**
 * Writes `size` bytes (MP4 header + random bytes) to `file` without holding them in memory;
 * resolves {file, size, sha256}.
 */
async function writeMediaFile(file, size) {
	await fs.promises.mkdir(path.dirname(file), { recursive: true });
	const hash = crypto.createHash('sha256');
	const out = fs.createWriteStream(file);
	const write = (buf) =>
		new Promise((resolve, reject) => {
			hash.update(buf);
			out.write(buf, (err) => (err ? reject(err) : resolve()));
		});
	const header = mp4Header().subarray(0, Math.min(24, size));
	await write(header);
	let left = size - header.length;
	while (left > 0) {
		const n = Math.min(left, 4 * MiB);
		await write(crypto.randomBytes(n));
		left -= n;
	}
	await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
	return { file, size, sha256: hash.digest('hex') };
}

/**
 * Serves the files of `dir` at http://127.0.0.1:PORT/media/<name> (GET and HEAD); every other
 * path is a 404. Resolves {url, hits, close()}; `hits` counts GETs per file name.
 */
function startMediaServer(dir) {
	const hits = {};
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const name = decodeURIComponent(url.pathname.replace(/^\/media\//, ''));
		const file = path.join(dir, path.basename(name));
		if (!url.pathname.startsWith('/media/') || !fs.existsSync(file)) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('not found');
			return;
		}
		const { size } = fs.statSync(file);
		res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': size });
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		hits[name] = (hits[name] || 0) + 1;
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				hits,
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

module.exports = { MiB, writeMediaFile, startMediaServer };
