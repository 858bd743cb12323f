import { createHash } from 'node:crypto';

/**
 * A person record's granted groups, permissions and products in two numbers: how many, and the
 * sum of their signatures modulo GRANT_SIGNATURE_MODULUS. The vault keeps both per record in
 * holdings (triggers on granted_entitlements, migration 0005), so an evaluation tells a person whose
 * grants are exactly what the rules want from one row, instead of reading every grant.
 */
export const GRANT_SIGNATURE_BITS = 40;
export const GRANT_SIGNATURE_MODULUS = 2 ** GRANT_SIGNATURE_BITS;

/**
 * The first 40 bits of the MD5 of `<bytes of target>:<target><key>` (UTF-8): the same number the
 * database's grant_signature(target, key) gives, in SQLite (registered by the driver) and in
 * PostgreSQL (created by migration 0004). The length prefix keeps ('ab', 'c') apart from ('a', 'bc').
 */
export function grantSignature(target: string, key: string): number {
	const digest = createHash('md5').update(`${Buffer.byteLength(target)}:${target}${key}`).digest('hex');
	return parseInt(digest.slice(0, GRANT_SIGNATURE_BITS / 4), 16);
}

/** The SQL function's body in PostgreSQL: the same bits as grantSignature. */
export const POSTGRES_GRANT_SIGNATURE = `select ('x' || substr(md5(octet_length(target) || ':' || target || entitlement_key), 1, ${GRANT_SIGNATURE_BITS / 4}))::bit(${GRANT_SIGNATURE_BITS})::bigint`;

/** Count and signature of a set of grants, as the vault's holdings hold them. */
export interface GrantSummary {
	grants: number;
	signature: number;
}

/** Adds one grant, by its signature, to a summary (in place). */
export function addToSummary(summary: GrantSummary, signature: number): void {
	summary.grants++;
	summary.signature = (summary.signature + signature) % GRANT_SIGNATURE_MODULUS;
}

/** Adds another summary (a merged record's) to a summary (in place). */
export function addSummaries(summary: GrantSummary, other: GrantSummary): void {
	summary.grants += other.grants;
	summary.signature = (summary.signature + other.signature) % GRANT_SIGNATURE_MODULUS;
}
