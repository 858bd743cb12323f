import { evaluateWithRules } from '../../../lib/evaluation';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { addAccount, addGrant, contractRules, planContent } from './vaultFixtures';

const AS_OF = '2026-03-01';
const since = (code: string, externalId: string) => [{ externalId, startDate: '2020-01-01', department: { code } }];

forEachBackend((open) => {
	// Pages of two records in id order: [p1 p2] [p3 p4] [p5 p6] [p7]. p7 is merged into p1 and
	// p3 into p6: each holds its person's account and grants from outside the person's page.
	test('pages of two records plan what one page plans: accounts and grants held by merged records count wherever their ids fall', async () => {
		await withVault(open, async (vault) => {
			await addSources(vault, { HR: 1, Payroll: 2 });
			await addPersons(vault, [
				{ source: 'HR', externalId: '1', id: 'p1', given: 'Anna', family: 'Jansen', contracts: since('SALES', 'C-1') },
				{ source: 'HR', externalId: '2', id: 'p2', given: 'Bob', family: 'Smit', contracts: since('HR', 'C-2') },
				{ source: 'Payroll', externalId: '3', id: 'p3', given: 'Fay', family: 'Bos', mergedInto: 'p6' },
				{ source: 'HR', externalId: '4', id: 'p4', given: 'Dora', family: 'Bakker', contracts: since('IT', 'C-4') },
				{ source: 'HR', externalId: '5', id: 'p5', given: 'Eve', family: 'Mulder', contracts: since('IT', 'C-5') },
				{ source: 'HR', externalId: '6', id: 'p6', given: 'Fay', family: 'Bos', contracts: since('IT', 'C-6') },
				{ source: 'Payroll', externalId: '7', id: 'p7', given: 'Anna', family: 'Jansen', mergedInto: 'p1' },
			]);
			const held = '2099-01-01T00:00:00.000Z'; // written after every person change: no update due
			const anna = await addAccount(vault, 'p7', 'activeDirectory', 'enabled', held);
			await addGrant(vault, 'p7', 'activeDirectory', 'group', 'group:GRP-SALES', anna);
			await addGrant(vault, 'p7', 'activeDirectory', 'group', 'group:GRP-OLD', anna);
			const fay = await addAccount(vault, 'p3', 'activeDirectory', 'enabled', held);
			await addGrant(vault, 'p3', 'activeDirectory', 'group', 'group:GRP-IT', fay);
			const bob = await addAccount(vault, 'p2', 'activeDirectory', 'enabled', held);
			await addGrant(vault, 'p2', 'activeDirectory', 'group', 'group:GRP-HR', bob);

			const small = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF, pageSize: 2, parallel: false });
			const rows = await vault.db.selectFrom('plan_actions').select(['person_id', 'action', 'entitlement']).where('plan_id', '=', small.planId).orderBy('seq').execute();
			// Nothing created or granted for p1 and p6 (their merged records hold it), p1's old group revoked.
			expect(rows.map((r) => `${r.person_id} ${r.action} ${JSON.parse(r.entitlement ?? '{}').key}`).sort()).toEqual([
				'p1 revoke group:GRP-OLD',
				'p4 create account',
				'p4 enable account',
				'p4 grant group:GRP-IT',
				'p5 create account',
				'p5 enable account',
				'p5 grant group:GRP-IT',
			]);
			expect(small.summary.persons).toBe(5);

			const whole = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF, pageSize: 100, parallel: false });
			expect(await planContent(vault, small.planId)).toEqual(await planContent(vault, whole.planId));
		});
	});
});
