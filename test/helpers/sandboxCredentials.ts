import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/** Kaltura API credential data pointing at a sandbox (admin secret, Admin sessions). */
export function sandboxCredentials(
	sandbox: { url: string; partnerId: number; adminSecret: string },
	extra: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		serviceUrl: sandbox.url,
		partnerId: sandbox.partnerId,
		authType: 'secret',
		secret: sandbox.adminSecret,
		userId: 'test-user',
		sessionType: 2,
		privileges: '',
		sessionExpiry: 86400,
		...extra,
	};
}
