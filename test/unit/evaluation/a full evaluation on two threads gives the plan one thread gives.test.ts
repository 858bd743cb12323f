import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { POPULATION_MAPPING } from '../../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { DEFAULT_AGGREGATION_CONFIG, runAggregation } from '../../../lib/aggregation';
import { evaluate } from '../../../lib/evaluation';
import { runImport, type ImportOptions } from '../../../lib/import';
import { publish, saveDraft } from '../../../lib/rules';
import { openVault } from '../../../lib/vault';
import type { Vault } from '../../../lib/vault/types';
import { POPULATION_RULES } from './populationRules';
import { enforceInVault } from './simulatedEnforcement';
import { planActions } from './vaultFixtures';

const PERSONS = 1500;
const options = (source: string, asOf: string): ImportOptions => ({ source, rowShape: 'contract', mapping: POPULATION_MAPPING, asOf, thresholds: {} });

/** The plan's actions in seq order, without the ids each plan gives them. */
async function actionsInOrder(vault: Vault, planId: string): Promise<string[]> {
	const rows = await planActions(vault, planId);
	return rows.map((r) => [r.seq, r.person_id, r.target, r.action, r.entitlement, r.reason, r.due_date, r.account_ref].join(' | '));
}

// A worker thread needs a vault file its own connection can open.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'evaluate-threads-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

test(`${PERSONS} generated persons over two days: two threads and one thread make the same plan, action for action`, async () => {
	const vault = await openVault({ backend: 'sqlite', path: path.join(folder, 'same-plan.sqlite') });
	try {
		const day1 = generatePopulation({ persons: PERSONS, seed: 5, day: 1 });
		await runImport(vault, options('HR', POPULATION_DAY1), day1.primary.rows, day1.departments);
		await runImport(vault, { ...options('Payroll', POPULATION_DAY1), sourcePriority: 200 }, day1.secondary.rows);
		await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
		await saveDraft(vault, POPULATION_RULES);
		await publish(vault);
		const first = await evaluate(vault, { asOf: POPULATION_DAY1, pageSize: 100, parallel: true });
		expect(first.threads).toBe(2);
		let n = 0;
		await enforceInVault(vault, first.planId, () => n++ % 40 !== 0); // some actions stay pending
		const day2 = generatePopulation({ persons: PERSONS, seed: 5, day: 2 });
		await runImport(vault, options('HR', POPULATION_DAY2), day2.primary.rows, day2.departments);
		await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);

		const one = await evaluate(vault, { asOf: POPULATION_DAY2, pageSize: 100, parallel: false, maxItems: 50 });
		const two = await evaluate(vault, { asOf: POPULATION_DAY2, pageSize: 100, parallel: true, maxItems: 50 });
		expect([one.threads, two.threads]).toEqual([1, 2]);
		expect(two.summary).toEqual(one.summary);
		expect(two.summary.totalActions).toBeGreaterThan(100);
		expect(two.summary.actions.activeDirectory).toEqual(expect.objectContaining({ create: expect.any(Number), revoke: expect.any(Number) }));
		expect(await actionsInOrder(vault, two.planId)).toEqual(await actionsInOrder(vault, one.planId));
		expect(two.actions.map(({ planId: _plan, ...action }) => action)).toEqual(one.actions.map(({ planId: _plan, ...action }) => action));
	} finally {
		await vault.close();
	}
}, 180_000);

test('a small vault is evaluated on one thread unless asked, and a failing worker thread fails the evaluation and stores nothing', async () => {
	const vault = await openVault({ backend: 'sqlite', path: path.join(folder, 'worker-fails.sqlite') });
	try {
		const day1 = generatePopulation({ persons: 300, seed: 6, day: 1 });
		await runImport(vault, options('HR', POPULATION_DAY1), day1.primary.rows, day1.departments);
		await saveDraft(vault, POPULATION_RULES);
		await publish(vault);
		expect((await evaluate(vault, { asOf: POPULATION_DAY1, pageSize: 100 })).threads).toBe(1);

		// The worker's connection opens another (empty) file: its first query fails.
		const elsewhere = Object.create(vault, { location: { value: path.join(folder, 'elsewhere.sqlite') } }) as Vault;
		await expect(evaluate(elsewhere, { asOf: POPULATION_DAY1, pageSize: 100, parallel: true })).rejects.toThrow('no such table');
		const plans = await vault.db.selectFrom('plans').select('id').execute();
		expect(plans).toHaveLength(1);
	} finally {
		await vault.close();
	}
}, 60_000);
