/** Positional file copies through a fixed buffer: chunks are never loaded whole. */
import { promises as fsp } from 'fs';

const COPY_BUF = 1024 * 1024;

/** Write all of `src` into `dst` starting at `position` (dst is created if missing). */
export async function copyInto(src: string, dst: string, position: number): Promise<void> {
	const input = await fsp.open(src, 'r');
	const output = await fsp.open(dst, 'r+').catch(() => fsp.open(dst, 'w+'));
	try {
		const buf = Buffer.alloc(COPY_BUF);
		let readPos = 0;
		for (;;) {
			const { bytesRead } = await input.read(buf, 0, COPY_BUF, readPos);
			if (bytesRead === 0) break;
			await output.write(buf, 0, bytesRead, position + readPos);
			readPos += bytesRead;
		}
	} finally {
		await input.close();
		await output.close();
	}
}

export async function fileSize(p: string): Promise<number> {
	try {
		return (await fsp.stat(p)).size;
	} catch {
		return 0;
	}
}

/** rename(), falling back to copy+unlink across devices. */
export async function moveFile(src: string, dst: string): Promise<void> {
	try {
		await fsp.rename(src, dst);
	} catch {
		await fsp.copyFile(src, dst);
		await fsp.rm(src, { force: true });
	}
}
