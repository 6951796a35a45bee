/**
 * Servers a Service URL may point at by mistake, on 127.0.0.1, one path prefix each:
 *   /html/…   → 200 with a web page (a portal's home page)
 *   /bad-gateway/… → 502 from "a proxy"
 *   /hang/…   → accepts the request and never answers
 *   /close/…  → closes the connection without answering
 *   /echo/…   → 200 with the request echoed as JSON (no Kaltura object)
 *   /missing/… → 404
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Socket } from 'net';

export interface WrongServers {
	url: string;
	close(): Promise<void>;
}

export async function startWrongServers(): Promise<WrongServers> {
	const sockets = new Set<Socket>();
	const server = http.createServer((req, res) => {
		const kind = (req.url ?? '/').split('/')[1];
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			switch (kind) {
				case 'html':
					res.writeHead(200, { 'Content-Type': 'text/html' });
					res.end('<!doctype html><html><body><h1>Welcome to our video portal</h1></body></html>');
					return;
				case 'bad-gateway':
					res.writeHead(502, { 'Content-Type': 'text/html' });
					res.end('<html><body>502 Bad Gateway</body></html>');
					return;
				case 'hang':
					return; // never answers; the socket is closed when the server stops
				case 'close':
					req.socket.destroy();
					return;
				case 'echo':
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ path: req.url, received: Buffer.concat(chunks).length }));
					return;
				default:
					res.writeHead(404, { 'Content-Type': 'text/html' });
					res.end('<html><body>Not found</body></html>');
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
