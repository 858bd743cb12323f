import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { evaluate } from '../../../lib/evaluation';
import { idlePlanningThreadId } from '../../../lib/evaluation/planningThread';
import { saveDraft } from '../../../lib/rules';
import { openVault } from '../../../lib/vault';
import type { Vault } from '../../../lib/vault/types';
import { importDay1, importDay2 } from './generatedPopulation';
import { enforceInVault } from './simulatedEnforcement';
import { POPULATION_RULES } from './populationRules';
import { planActions } from './vaultFixtures';

const PERSONS = 1500;

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
		await importDay1(vault, PERSONS, 5);
		const first = await evaluate(vault, { asOf: POPULATION_DAY1, pageSize: 100, parallel: true });
		expect(first.threads).toBe(2);
		let n = 0;
		await enforceInVault(vault, first.planId, () => n++ % 40 !== 0); // some actions stay pending
		await importDay2(vault, PERSONS, 5);

		const one = await evaluate(vault, { asOf: POPULATION_DAY2, pageSize: 100, parallel: false, maxItems: 50 });
		const two = await evaluate(vault, { asOf: POPULATION_DAY2, pageSize: 100, parallel: true, maxItems: 50 });
		expect([one.threads, two.threads]).toEqual([1, 2]);
		expect(two.summary).toEqual(one.summary);
		expect(two.summary.totalActions).toBeGreaterThan(100);
		expect(two.summary.actions.activeDirectory).toEqual(expect.objectContaining({ create: expect.any(Number), revoke: expect.any(Number) }));
		expect(await actionsInOrder(vault, two.planId)).toEqual(await actionsInOrder(vault, one.planId));
		expect(two.actions.map(({ planId: _plan, ...action }) => action)).toEqual(one.actions.map(({ planId: _plan, ...action }) => action));

		// The worker is kept for the next evaluation, without its connection: closing the vault
		// then removes the log. Given other rules, it plans with those.
		const kept = idlePlanningThreadId();
		expect(kept).toBeDefined();
		const changed = { rules: POPULATION_RULES.rules.map((rule, i) => (i === 0 ? { ...rule, entitlements: [...rule.entitlements, { type: 'permission' as const, target: 'activeDirectory', template: 'LOC-{{contract.location}}' }] } : rule)) };
		await saveDraft(vault, changed);
		const draftOne = await evaluate(vault, { asOf: POPULATION_DAY2, pageSize: 100, parallel: false, ruleSet: 'draft' });
		const draftTwo = await evaluate(vault, { asOf: POPULATION_DAY2, pageSize: 100, parallel: true, ruleSet: 'draft' });
		expect(idlePlanningThreadId()).toBe(kept);
		expect(draftTwo.summary.actions.activeDirectory.grant).toBeGreaterThan(two.summary.actions.activeDirectory.grant ?? 0);
		expect(await actionsInOrder(vault, draftTwo.planId)).toEqual(await actionsInOrder(vault, draftOne.planId));
	} finally {
		await vault.close();
	}
	expect(fs.existsSync(path.join(folder, 'same-plan.sqlite-wal'))).toBe(false);
}, 180_000);

test('a small vault is evaluated on one thread unless asked, a bad parallel option is refused, and a failing worker thread fails the evaluation and stores nothing', async () => {
	const vault = await openVault({ backend: 'sqlite', path: path.join(folder, 'worker-fails.sqlite') });
	try {
		await importDay1(vault, 300, 6);
		expect((await evaluate(vault, { asOf: POPULATION_DAY1, pageSize: 100 })).threads).toBe(1);

		await expect(evaluate(vault, { parallel: 'yes' as never })).rejects.toThrow('Parallel must be true or false, got "yes"');

		// The worker's connection opens another (empty) file: its first query fails.
		const elsewhere = Object.create(vault, { location: { value: path.join(folder, 'elsewhere.sqlite') } }) as Vault;
		await expect(evaluate(elsewhere, { asOf: POPULATION_DAY1, pageSize: 100, parallel: true })).rejects.toThrow('no such table');
		const plans = await vault.db.selectFrom('plans').select('id').execute();
		expect(plans).toHaveLength(1);
		// The failed worker is not kept: the next evaluation gets a working one.
		expect((await evaluate(vault, { asOf: POPULATION_DAY1, pageSize: 100, parallel: true })).threads).toBe(2);
	} finally {
		await vault.close();
	}
}, 60_000);
