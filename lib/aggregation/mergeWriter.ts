import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';

import type { MergeDecision, MergesTable } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';

export interface MergeToWrite {
	survivorId: string;
	/** A person that is its own survivor today (merged_into null); its merged persons follow it. */
	mergedId: string;
	/** Names of the rules that matched. */
	rules: string[];
	score: number;
}

/** Ids per UPDATE ... CASE statement: two parameters each, well under both backends' limits. */
const REMAP_CHUNK = 400;

/**
 * Records merges and points the merged persons (and the persons merged into them before)
 * at their survivor. merged_into always names the final survivor, one hop, so every stage
 * finds a person's records with `coalesce(merged_into, id)`.
 */
export async function writeMerges(
	vault: Vault,
	trx: VaultDb,
	merges: readonly MergeToWrite[],
	decidedBy: MergeDecision,
	by?: string,
): Promise<void> {
	if (merges.length === 0) return;
	const now = new Date().toISOString();
	const survivorOf = merges.map((m): [string, string] => [m.mergedId, m.survivorId]);
	await remap(trx, 'persons', 'merged_into', 'merged_into', survivorOf);
	await remap(trx, 'merges', 'survivor_id', 'survivor_id', survivorOf, true);
	await remap(trx, 'persons', 'id', 'merged_into', survivorOf);
	const rows: MergesTable[] = merges.map((m) => ({
		id: randomUUID(),
		survivor_id: m.survivorId,
		merged_id: m.mergedId,
		rule: JSON.stringify(m.rules),
		score: m.score,
		decided_by: decidedBy,
		created_at: now,
		undone_at: null,
	}));
	await vault.insertMany(trx, 'merges', rows);
	await vault.appendAudit(
		trx,
		merges.map((m) => ({
			at: now,
			person_id: m.mergedId,
			action: 'aggregation.merge',
			message:
				`Merged person ${m.mergedId} into ${m.survivorId}` +
				(m.rules.length > 0 ? ` (${m.rules.join(', ')}, score ${m.score})` : '') +
				(by ? ` by ${by}` : decidedBy === 'auto' ? ' automatically' : ''),
			is_error: false,
			after: { survivorId: m.survivorId, rules: m.rules, score: m.score, decidedBy },
		})),
	);
}

/** UPDATE table SET setColumn = <new value for keyColumn's value> for many keys in few statements. */
async function remap(
	db: VaultDb,
	table: 'persons' | 'merges',
	keyColumn: string,
	setColumn: string,
	mapping: ReadonlyArray<[from: string, to: string]>,
	onlyActiveMerges = false,
): Promise<void> {
	for (let start = 0; start < mapping.length; start += REMAP_CHUNK) {
		const chunk = mapping.slice(start, start + REMAP_CHUNK);
		const cases = sql.join(
			chunk.map(([from, to]) => sql`when ${from} then ${to}`),
			sql` `,
		);
		const keys = sql.join(chunk.map(([from]) => from));
		const active = onlyActiveMerges ? sql` and undone_at is null` : sql``;
		await sql`update ${sql.table(table)} set ${sql.ref(setColumn)} = case ${sql.ref(keyColumn)} ${cases} end where ${sql.ref(keyColumn)} in (${keys})${active}`.execute(
			db,
		);
	}
}

/** Pairs are stored with the lower id first, so (a, b) and (b, a) are one row. */
export function orderedPair(a: string, b: string): [string, string] {
	return a < b ? [a, b] : [b, a];
}

