/**
 * The ftp:// half of URL imports (reference §4.4: KalturaUrlResource takes http, https and
 * ftp). A minimal passive-mode client: log in (anonymous unless the URL has credentials),
 * binary mode, PASV, RETR, stream the data connection to disk. FTPS and SFTP are not emulated.
 */
import * as fs from 'fs';
import * as net from 'net';
import { pipeline } from 'stream/promises';

export type FtpResult = { ok: true; size: number } | { ok: false; reason: string };

interface Reply {
	code: number;
	text: string;
}

/** Reads FTP replies (including `123-` multi-line ones) off the control connection, in order. */
class ReplyReader {
	private buffer = '';
	private readonly replies: Reply[] = [];
	private readonly waiting: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];
	private failure: Error | null = null;
	private multiLine: { code: string; lines: string[] } | null = null;

	constructor(socket: net.Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => this.feed(chunk));
		const fail = (error: Error): void => {
			this.failure = error;
			for (const w of this.waiting.splice(0)) w.reject(error);
		};
		socket.on('error', fail);
		socket.on('timeout', () => {
			fail(new Error('FTP control connection timed out'));
			socket.destroy();
		});
		socket.on('close', () => fail(new Error('FTP control connection closed')));
	}

	private feed(chunk: string): void {
		this.buffer += chunk;
		let end: number;
		while ((end = this.buffer.indexOf('\n')) >= 0) {
			const line = this.buffer.slice(0, end).replace(/\r$/, '');
			this.buffer = this.buffer.slice(end + 1);
			this.line(line);
		}
	}

	private line(line: string): void {
		if (this.multiLine) {
			this.multiLine.lines.push(line);
			if (line.startsWith(`${this.multiLine.code} `)) {
				this.push({ code: Number(this.multiLine.code), text: this.multiLine.lines.join('\n') });
				this.multiLine = null;
			}
			return;
		}
		const match = /^(\d{3})([ -])(.*)$/.exec(line);
		if (!match) return;
		if (match[2] === '-') this.multiLine = { code: match[1], lines: [match[3]] };
		else this.push({ code: Number(match[1]), text: match[3] });
	}

	private push(reply: Reply): void {
		const waiter = this.waiting.shift();
		if (waiter) waiter.resolve(reply);
		else this.replies.push(reply);
	}

	next(): Promise<Reply> {
		const ready = this.replies.shift();
		if (ready) return Promise.resolve(ready);
		if (this.failure) return Promise.reject(this.failure);
		return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
	}
}

async function expectReply(reader: ReplyReader, accepted: number[]): Promise<Reply> {
	const reply = await reader.next();
	if (!accepted.includes(reply.code)) throw new Error(`FTP ${reply.code} ${reply.text}`);
	return reply;
}

function connect(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host, port, signal });
		socket.setTimeout(timeoutMs);
		socket.once('connect', () => resolve(socket));
		socket.once('error', reject);
		socket.once('timeout', () => {
			socket.destroy();
			reject(new Error('FTP connection timed out'));
		});
	});
}

function decode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

export async function importFtp(url: URL, dest: string, timeoutMs: number, signal: AbortSignal): Promise<FtpResult> {
	let control: net.Socket | undefined;
	let data: net.Socket | undefined;
	try {
		control = await connect(url.hostname, Number(url.port || 21), timeoutMs, signal);
		const reader = new ReplyReader(control);
		const send = (command: string): void => {
			control!.write(`${command}\r\n`);
		};
		await expectReply(reader, [220]);
		send(`USER ${url.username ? decode(url.username) : 'anonymous'}`);
		const user = await expectReply(reader, [230, 331]);
		if (user.code === 331) {
			send(`PASS ${url.password ? decode(url.password) : 'anonymous@'}`);
			await expectReply(reader, [230, 202]);
		}
		send('TYPE I');
		await expectReply(reader, [200]);
		send('PASV');
		const pasv = await expectReply(reader, [227]);
		const numbers = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(pasv.text);
		if (!numbers) throw new Error(`FTP cannot read the PASV answer "${pasv.text}"`);
		const dataHost = numbers.slice(1, 5).join('.');
		const dataPort = Number(numbers[5]) * 256 + Number(numbers[6]);
		data = await connect(dataHost, dataPort, timeoutMs, signal);
		send(`RETR ${decode(url.pathname)}`);
		await expectReply(reader, [125, 150]);
		await pipeline(data, fs.createWriteStream(dest), { signal });
		await expectReply(reader, [226, 250]);
		send('QUIT');
		return { ok: true, size: fs.statSync(dest).size };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	} finally {
		data?.destroy();
		control?.destroy();
	}
}
