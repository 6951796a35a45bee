import { createHash, type Hash } from 'crypto';

/**
 * SHA-256 of the file, fed in stream order while it is read (no second read). `digestSoFar`
 * gives the hash of the bytes seen up to now without ending the running hash: the resume
 * markers record it at chunk boundaries, and the report takes it at the end.
 */
export class FileHash {
	private readonly hash: Hash = createHash('sha256');
	bytes = 0;

	update(piece: Buffer): void {
		this.hash.update(piece);
		this.bytes += piece.length;
	}

	digestSoFar(): string {
		return this.hash.copy().digest('hex');
	}
}
