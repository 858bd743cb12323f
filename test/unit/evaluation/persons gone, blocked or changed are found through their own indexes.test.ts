import { CompiledQuery, sql } from 'kysely';

import { countActivePersons, personScan } from '../../../lib/evaluation/vaultState';
import type { Vault, VaultDb } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';

/** The vault's queries as a connection would run them, recorded on the way. */
function recording(db: VaultDb): { db: VaultDb; queries: CompiledQuery[] } {
	const queries: CompiledQuery[] = [];
	const recorded = db.withPlugin({
		transformQuery: ({ node, queryId }) => {
			queries.push(db.getExecutor().compileQuery(node, queryId));
			return node;
		},
		transformResult: async ({ result }) => result,
	});
	return { db: recorded, queries };
}

/** The query plan as text; PostgreSQL is told to avoid whole-table scans, so an index it can use shows. */
async function planOf(vault: Vault, query: CompiledQuery): Promise<string> {
	if (vault.backend === 'sqlite') {
		const { rows } = await vault.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
		return rows.map((row) => row.detail).join('\n');
	}
	return await vault.transaction(async (trx) => {
		await sql`set local enable_seqscan = off`.execute(trx);
		const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
		return rows.map((row) => row['QUERY PLAN']).join('\n');
	});
}

forEachBackend((open) => {
	test('the persons gone, blocked or changed since a time, and the active ones counted, are read through indexes, not by reading every person', async () => {
		await withVault(open, async (vault) => {
			await addSources(vault, { HR: 1, Payroll: 2 });
			const [anna, bob, carl, dora] = await addPersons(vault, [
				{ source: 'HR', externalId: '1', given: 'Anna', family: 'Jansen' },
				{ source: 'HR', externalId: '2', given: 'Bob', family: 'Smit', status: 'gone' },
				{ source: 'HR', externalId: '3', given: 'Carl', family: 'Visser' },
				{ source: 'HR', externalId: '4', given: 'Dora', family: 'Bakker' },
			]);
			const [merged] = await addPersons(vault, [{ source: 'Payroll', externalId: 'P4', given: 'Dora', family: 'Bakker', mergedInto: dora }]);
			await vault.db.updateTable('persons').set({ blocked_reason: 'familyName is empty' }).where('id', '=', merged).execute();
			await vault.db.updateTable('persons').set({ updated_at: '2026-01-01T00:00:00.000Z' }).where('id', 'in', [anna, bob, dora, merged]).execute();
			await vault.db.updateTable('persons').set({ updated_at: '2026-03-01T00:00:00.000Z' }).where('id', '=', carl).execute();

			const { db, queries } = recording(vault.db);
			const scan = await personScan(db, '2026-02-01T00:00:00.000Z');
			expect([...scan.blocked]).toEqual([dora]); // blocked through the record merged into her
			expect(scan.inactive).toEqual([bob]);
			expect(scan.changed).toEqual([carl]);

			expect(queries).toHaveLength(2);
			expect(await planOf(vault, queries[0])).toContain('persons_attention_idx');
			expect(await planOf(vault, queries[1])).toContain('persons_updated_at_idx');

			// Anna, Carl and Dora (Bob is gone); counted from the index of survivors and their status.
			queries.length = 0;
			expect(await countActivePersons(db)).toBe(3);
			expect(queries).toHaveLength(2);
			for (const query of queries) {
				const plan = await planOf(vault, query);
				// PostgreSQL picks among the indexes by cost, which on a handful of rows may be another one.
				if (vault.backend === 'sqlite') expect(plan).toContain('persons_merged_into_status_idx');
				else expect(plan).not.toContain('Seq Scan');
			}
		});
	});
});
