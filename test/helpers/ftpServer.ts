/**
 * A minimal FTP server on 127.0.0.1 (passive mode, RETR only) for URL-import tests. Files are
 * given as path → bytes; anonymous login works, and `user:pw` is the one named account.
 */
import * as net from 'net';
import type { AddressInfo } from 'net';

export interface FtpServer {
	url: string;
	port: number;
	commands: string[];
	close(): Promise<void>;
}

export async function startFtpServer(files: Record<string, Buffer>): Promise<FtpServer> {
	const commands: string[] = [];
	const sockets = new Set<net.Socket>();
	const dataServers = new Set<net.Server>();
	const server = net.createServer((control) => {
		sockets.add(control);
		control.on('close', () => sockets.delete(control));
		let user = '';
		let dataSocket: Promise<net.Socket> | null = null;
		const reply = (line: string): void => {
			control.write(`${line}\r\n`);
		};
		reply('220-Welcome to the test FTP server');
		reply('220 ready');
		let buffer = '';
		control.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				commands.push(line.startsWith('PASS ') ? 'PASS ***' : line);
				const [verb, ...rest] = line.split(' ');
				const arg = rest.join(' ');
				if (verb === 'USER') {
					user = arg;
					reply('331 password please');
				} else if (verb === 'PASS') {
					if (user === 'anonymous' || (user === 'user' && arg === 'pw')) reply('230 logged in');
					else reply('530 login incorrect');
				} else if (verb === 'TYPE') {
					reply('200 binary');
				} else if (verb === 'PASV') {
					const data = net.createServer();
					dataServers.add(data);
					dataSocket = new Promise((resolve) => data.once('connection', resolve));
					data.listen(0, '127.0.0.1', () => {
						const port = (data.address() as AddressInfo).port;
						reply(`227 Entering Passive Mode (127,0,0,1,${Math.floor(port / 256)},${port % 256})`);
					});
				} else if (verb === 'RETR') {
					const file = files[arg];
					const pending = dataSocket;
					dataSocket = null;
					if (!pending) {
						reply('425 use PASV first');
					} else if (!file) {
						reply('550 no such file');
						void pending.then((s) => s.destroy());
					} else {
						reply('150 opening data connection');
						void pending.then((s) => s.end(file, () => reply('226 transfer complete')));
					}
				} else if (verb === 'QUIT') {
					reply('221 bye');
					control.end();
				} else {
					reply('502 not implemented');
				}
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `ftp://127.0.0.1:${port}`,
		port,
		commands,
		close: async () => {
			for (const s of sockets) s.destroy();
			for (const d of dataServers) d.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
