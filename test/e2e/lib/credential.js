'use strict';
/**
 * The Kaltura credential that the e2e run and `npm start` import into n8n. Written to a file
 * readable only by its owner, imported, then deleted; its secret is never printed.
 *
 * Sandbox (default): partner 100 with the sandbox's admin secret.
 * Real Kaltura: set KALTURA_SERVICE_URL, KALTURA_PARTNER_ID and KALTURA_ADMIN_SECRET
 * (optionally KALTURA_USER_ID).
 */
const fs = require('fs');

const SANDBOX_CREDENTIAL = { id: 'kalturaSandbox01', name: 'Kaltura sandbox' };
const REAL_CREDENTIAL = { id: 'kalturaReal00001', name: 'Kaltura' };

function credentialFor({ sandboxUrl, env = process.env }) {
	const real = env.KALTURA_SERVICE_URL && env.KALTURA_PARTNER_ID && env.KALTURA_ADMIN_SECRET;
	const data = real
		? {
				serviceUrl: env.KALTURA_SERVICE_URL,
				partnerId: Number(env.KALTURA_PARTNER_ID),
				secret: env.KALTURA_ADMIN_SECRET,
				userId: env.KALTURA_USER_ID || '',
			}
		: { serviceUrl: sandboxUrl, partnerId: 100, secret: 'sandbox-admin-secret', userId: '' };
	const meta = real ? REAL_CREDENTIAL : SANDBOX_CREDENTIAL;
	return {
		...meta,
		type: 'kalturaApi',
		data: { ...data, authType: 'secret', sessionType: 2, privileges: '', sessionExpiry: 86400 },
	};
}

/** Writes [credential] for `n8n import:credentials` with mode 0600; returns its id and name. */
function writeCredentialFile(file, options) {
	const credential = credentialFor(options);
	fs.writeFileSync(file, JSON.stringify([credential], null, 1), { mode: 0o600 });
	return { id: credential.id, name: credential.name, serviceUrl: credential.data.serviceUrl };
}

module.exports = { SANDBOX_CREDENTIAL, REAL_CREDENTIAL, credentialFor, writeCredentialFile };
