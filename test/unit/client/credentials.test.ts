/**
 * The credential as the client reads it: what people paste into the Service URL, and the errors
 * that say what to fix.
 */
import {
	KalturaCredentialError,
	normaliseServiceUrl,
	parseKalturaCredentials,
} from '../../../nodes/kaltura/client/credentials';

const base = { partnerId: 100, authType: 'secret', secret: 's3cret' };

function problemWith(serviceUrl: unknown): string {
	try {
		parseKalturaCredentials({ ...base, serviceUrl });
	} catch (error) {
		expect(error).toBeInstanceOf(KalturaCredentialError);
		return (error as Error).message;
	}
	throw new Error(`expected "${String(serviceUrl)}" to be refused`);
}

describe('Service URL', () => {
	it('takes the server root from the addresses people paste', () => {
		for (const [pasted, root] of [
			['https://www.kaltura.com', 'https://www.kaltura.com'],
			['  https://www.kaltura.com/ ', 'https://www.kaltura.com'],
			['https://www.kaltura.com/api_v3', 'https://www.kaltura.com'],
			['https://www.kaltura.com/api_v3/', 'https://www.kaltura.com'],
			['https://www.kaltura.com/api_v3/service/system/action/ping', 'https://www.kaltura.com'],
			['https://kmc.example.org/index.php/kmcng/content/entries/list', 'https://kmc.example.org'],
			['https://kmc.example.org/kmcng/login', 'https://kmc.example.org'],
			['https://kmc.example.org/kmc', 'https://kmc.example.org'],
			['http://127.0.0.1:8080/kaltura/', 'http://127.0.0.1:8080/kaltura'],
		]) {
			expect(normaliseServiceUrl(pasted)).toBe(root);
		}
	});

	it('uses https://www.kaltura.com when the field is missing, and accepts the normalised forms', () => {
		expect(parseKalturaCredentials(base).serviceUrl).toBe('https://www.kaltura.com');
		expect(parseKalturaCredentials({ ...base, serviceUrl: 'https://x.example.com/api_v3/' }).serviceUrl).toBe(
			'https://x.example.com',
		);
	});

	it('says what is wrong with an empty, malformed, non-web or decorated address', () => {
		expect(problemWith('')).toBe(
			'The Service URL in the Kaltura API credential is empty. Use e.g. https://www.kaltura.com.',
		);
		expect(problemWith('www.kaltura.com')).toBe(
			'The Service URL "www.kaltura.com" is not a web address. Use e.g. https://www.kaltura.com.',
		);
		expect(problemWith('ftp://www.kaltura.com')).toMatch(/is not an http\(s\) address/);
		expect(problemWith('https://www.kaltura.com/?partnerId=1')).toMatch(/has a query or fragment/);
		expect(problemWith('https://www.kaltura.com/#/login')).toMatch(/has a query or fragment/);
	});

	it('masks a password written into the address in its messages', () => {
		const message = problemWith('ftp://admin:hunter2@www.kaltura.com');
		expect(message).toContain('ftp://admin:***@www.kaltura.com');
		expect(message).not.toContain('hunter2');
	});
});

describe('other fields', () => {
	it('asks for a whole-number Partner ID and a secret, or both app token fields', () => {
		expect(() => parseKalturaCredentials({ ...base, partnerId: 'abc' })).toThrow(/Partner ID .* whole number/);
		expect(() => parseKalturaCredentials({ ...base, partnerId: '' })).toThrow(/Partner ID .* whole number/);
		expect(() => parseKalturaCredentials({ ...base, secret: ' ' })).toThrow(/has no secret/);
		expect(() => parseKalturaCredentials({ ...base, authType: 'appToken', appTokenId: '0_tok' })).toThrow(
			/App Token ID or App Token value is empty/,
		);
	});

	it('defaults the session type to Admin and the hash type to SHA256, and floors a tiny expiry', () => {
		const parsed = parseKalturaCredentials({
			...base,
			authType: 'appToken',
			appTokenId: '0_tok',
			appToken: 'abc',
			hashType: 'md9',
			sessionExpiry: 5,
		});
		expect(parsed).toMatchObject({ sessionType: 2, appTokenHashType: 'SHA256', sessionExpiry: 86400 });
	});
});
