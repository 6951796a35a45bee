import { generateKsV2 } from '../../../nodes/kaltura/client/ks';
import { redactLiterals, redactSessions, redactSessionsStrict } from '../../../nodes/kaltura/client/redact';

describe('session redaction', () => {
	const ks = generateKsV2({ partnerId: 5, adminSecret: 'x', type: 2, expirySeconds: 60 });

	it('hides a KS quoted in an INVALID_KS message', () => {
		const text = `Invalid KS "${ks}", Error "-1,INVALID_STR"`;
		const out = redactSessions(text);
		expect(out).not.toContain(ks);
		expect(out).toContain('Error "-1,INVALID_STR"');
	});

	it('hides sessions inside Kaltura URLs (path and query forms)', () => {
		const v1 = Buffer.from('a'.repeat(40) + '|5;5;999;2;1;;;').toString('base64');
		const url = `https://k.example/api_v3/service/bulkUpload/action/serveLog/id/7/ks/${v1}`;
		expect(redactSessions(url)).toBe('https://k.example/api_v3/service/bulkUpload/action/serveLog/id/7/ks/[redacted]');
		expect(redactSessions(`https://k.example/x?a=1&ks=${v1}&b=2`)).toBe('https://k.example/x?a=1&ks=[redacted]&b=2');
	});

	it('strict mode also hides long base64 runs but keeps entry and token ids', () => {
		const v1 = Buffer.from('b'.repeat(60)).toString('base64');
		const out = redactSessionsStrict(`session ${v1} entry 1_abcd1234 token 0_0123456789abcdef0123456789abcdef`);
		expect(out).not.toContain(v1);
		expect(out).toContain('1_abcd1234');
		expect(out).toContain('0_0123456789abcdef0123456789abcdef');
	});

	it('removes literal secrets', () => {
		expect(redactLiterals('secret is hunter22 here', ['hunter22', undefined])).toBe('secret is [redacted] here');
	});
});
