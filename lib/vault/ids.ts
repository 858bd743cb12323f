import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** 16 random bytes from a pooled buffer: one randomBytes call per 256 ids instead of one each. */
function randomPart(): Buffer {
	if (poolOffset + 16 > pool.length) {
		pool = randomBytes(4096);
		poolOffset = 0;
	}
	poolOffset += 16;
	return pool.subarray(poolOffset - 16, poolOffset);
}

/**
 * A UUIDv7 (RFC 9562): a millisecond timestamp, then a counter, then random bits. Ids made
 * later sort later, so bulk inserts append to the primary-key index instead of landing at
 * random places in it (random UUIDv4 keys made a 100,000-person import several times slower).
 */
export function newId(): string {
	const now = Date.now();
	if (now > lastMs) {
		lastMs = now;
		sequence = 0;
	} else {
		sequence++;
		if (sequence > 0xfff) {
			lastMs++; // more than 4096 ids in one millisecond: borrow the next one
			sequence = 0;
		}
	}
	const bytes = Buffer.from(randomPart());
	bytes.writeUIntBE(lastMs, 0, 6);
	bytes[6] = 0x70 | (sequence >> 8);
	bytes[7] = sequence & 0xff;
	bytes[8] = 0x80 | (bytes[8] & 0x3f);
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
