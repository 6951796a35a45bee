'use strict';
/**
 * What case checks ask the Kaltura sandbox, through its test hooks (/__sandbox/...): does an
 * entry exist, what are its status and stored bytes. Never sends a secret.
 */

class SandboxClient {
	constructor(url) {
		this.url = url.replace(/\/+$/, '');
	}

	async getJson(path, { allow404 = false } = {}) {
		const res = await fetch(`${this.url}${path}`);
		if (allow404 && res.status === 404) return null;
		if (!res.ok) throw new Error(`sandbox GET ${path}: HTTP ${res.status} ${await res.text()}`);
		return res.json();
	}

	async post(path, body) {
		const res = await fetch(`${this.url}${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!res.ok) throw new Error(`sandbox POST ${path}: HTTP ${res.status} ${await res.text()}`);
		return res.json();
	}

	/** The sandbox's record of an entry (status, fields, content, live data), or null if none. */
	entry(entryId) {
		return this.getJson(`/__sandbox/entries/${encodeURIComponent(entryId)}`, { allow404: true });
	}

	/** {entryId, size, fileName, sha256} of the bytes the sandbox stored for an entry. */
	sha256(entryId) {
		return this.getJson(`/__sandbox/entries/${encodeURIComponent(entryId)}/sha256`);
	}

	/** The API request log (service, action, status... as the sandbox records them). */
	requests() {
		return this.getJson('/__sandbox/requests');
	}

	/** Finish processing now (all entries, or one). */
	advance(entryId) {
		return this.post(`/__sandbox/advance${entryId ? `?entryId=${encodeURIComponent(entryId)}` : ''}`);
	}

	/** Replaces the fault plan ({ latencyMs, bandwidthMbps, rules }; see sandbox/README.md). */
	setFaults(plan) {
		return this.post('/__sandbox/faults', plan);
	}

	/** Removes every injected fault. */
	async clearFaults() {
		const res = await fetch(`${this.url}/__sandbox/faults`, { method: 'DELETE' });
		if (!res.ok) throw new Error(`sandbox DELETE /__sandbox/faults: HTTP ${res.status}`);
	}

	/** Puts a live entry on or off air. */
	setLive(entryId, isLive) {
		return this.post(`/__sandbox/live/${encodeURIComponent(entryId)}?isLive=${isLive}`);
	}
}

module.exports = { SandboxClient };
