import { POPULATION_MAPPING } from '../../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { type ImportOptions, runImport } from '../../../lib/import';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';

const options = (asOf: string, rebuildAll = false): ImportOptions => ({
	source: 'HR',
	rowShape: 'contract',
	mapping: POPULATION_MAPPING,
	asOf,
	thresholds: {},
	maxChanges: 0,
	rebuildAll,
});

async function state(vault: Vault) {
	const persons = await vault.db.selectFrom('persons').select(['external_id', 'status', 'blocked_reason', 'data']).orderBy('external_id').execute();
	const contracts = await vault.db.selectFrom('contracts').select(['id', 'is_primary', 'manager_external_id']).orderBy('id').execute();
	const last = await vault.db.selectFrom('snapshots').select('id').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
	const changes = await vault.db
		.selectFrom('person_changes as c')
		.innerJoin('persons as p', 'p.id', 'c.person_id')
		.select(['p.external_id', 'c.kind', 'c.before', 'c.after'])
		.where('c.snapshot_id', '=', last.id)
		.orderBy('p.external_id')
		.execute();
	return { persons, contracts: contracts.map((c) => ({ ...c, id: c.id.split(':')[1] })), changes };
}

forEachBackend((open) => {
	test('day 2 of a generated population: rebuilding changed persons only and everyone agree, and every change kind is the generator’s', async () => {
		const day1 = generatePopulation({ persons: 3000, seed: 11, day: 1 });
		const day2 = generatePopulation({ persons: 3000, seed: 11, day: 2 });
		const run = async (rebuildAll: boolean) =>
			await withVault(open, async (vault) => {
				await runImport(vault, options(POPULATION_DAY1), day1.primary.rows, day1.departments);
				const result = await runImport(vault, options(POPULATION_DAY2, rebuildAll), day2.primary.rows, day2.departments);
				return { result, state: await state(vault), rebuilt: JSON.parse((await vault.db.selectFrom('imports').select('stats').where('id', '=', result.importId).executeTakeFirstOrThrow()).stats).rebuilt };
			});
		const changedOnly = await run(false);
		const everyone = await run(true);

		expect(changedOnly.state).toEqual(everyone.state);
		expect(changedOnly.result.counts).toEqual(everyone.result.counts);
		// The fast path really skipped the unchanged: it rebuilt a small share of the persons.
		expect(everyone.rebuilt).toBe(day2.primary.persons);
		expect(changedOnly.rebuilt).toBeLessThan(day2.primary.persons / 10);
		// And every person's change kind is the one the generator made.
		const stats = day2.stats;
		const expected: Record<string, string> = {};
		for (const [kind, ids] of Object.entries({ joiner: stats.joiners, mover: stats.movers, leaver: stats.leavers, rehire: stats.rehires, attributeChange: stats.attributeChanges })) {
			for (const id of ids) expected[id] = kind;
		}
		expect(Object.fromEntries(changedOnly.state.changes.map((change) => [change.external_id, change.kind]))).toEqual(expected);
	});
});
