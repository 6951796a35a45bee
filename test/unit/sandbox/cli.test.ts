/** `npm run sandbox`: announces its address once ready, serves the API, stops cleanly on SIGTERM. */
import { spawn } from 'child_process';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { apiCall } from '../../helpers/kalturaHttp';

it('starts with the documented flags, prints the listening line and exits 0 on SIGTERM', async () => {
	const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sandbox-cli-'));
	const child = spawn(
		process.execPath,
		[
			require.resolve('ts-node/dist/bin.js'),
			'--transpile-only',
			'--project',
			'tsconfig.test.json',
			'sandbox/cli.ts',
			'--port',
			'0',
			'--partner-id',
			'321',
			'--admin-secret',
			'cli-admin',
			'--data-dir',
			dataDir,
			'--processing-ms',
			'10',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	try {
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (d: Buffer) => {
				out += d.toString();
				const m = /^Kaltura sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
				if (m) resolve(m[1]);
			});
			child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}: ${out}`)));
		});
		const ks = await apiCall(url, 'session', 'start', { secret: 'cli-admin', partnerId: 321, type: 2 });
		expect(typeof ks).toBe('string');
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		// State is persisted on the way out, in the data dir it was given.
		expect(JSON.parse(await fsp.readFile(path.join(dataDir, 'state.json'), 'utf8'))).toHaveProperty('partners.321');
	} finally {
		child.kill('SIGKILL');
		await fsp.rm(dataDir, { recursive: true, force: true });
	}
});
