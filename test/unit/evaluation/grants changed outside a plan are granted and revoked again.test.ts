import { evaluateWithRules } from '../../../lib/evaluation';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { addAccount, addGrant, contractRules } from './vaultFixtures';

const AS_OF = '2026-03-01';
const HELD = '2099-01-01T00:00:00.000Z'; // accounts written after every person change: no update due
const since = (code: string, externalId: string) => [{ externalId, startDate: '2020-01-01', department: { code } }];

forEachBackend((open) => {
	// A full evaluation reads a person's grants only when the vault's grant summary differs
	// from what the rules want: every write to granted_entitlements, whoever makes it, must show.
	test('grants removed, added and changed in the vault directly are planned again; untouched persons get nothing', async () => {
		await withVault(open, async (vault) => {
			await addSources(vault, { HR: 1 });
			const departments = { p1: 'SALES', p2: 'HR', p3: 'IT', p4: 'IT' };
			await addPersons(
				vault,
				Object.entries(departments).map(([id, code], i) => ({ source: 'HR', externalId: `${i + 1}`, id, given: 'Test', family: id, contracts: since(code, `C-${i + 1}`) })),
			);
			for (const [id, code] of Object.entries(departments)) {
				const account = await addAccount(vault, id, 'activeDirectory', 'enabled', HELD);
				await addGrant(vault, id, 'activeDirectory', 'group', `group:GRP-${code}`, account);
			}
			const evaluateAll = async () => {
				const plan = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF, parallel: false });
				const rows = await vault.db.selectFrom('plan_actions').select(['person_id', 'action', 'entitlement']).where('plan_id', '=', plan.planId).orderBy('seq').execute();
				return rows.map((r) => `${r.person_id} ${r.action} ${JSON.parse(r.entitlement ?? '{}').key}`).sort();
			};
			expect(await evaluateAll()).toEqual([]);

			await vault.db.deleteFrom('granted_entitlements').where('person_id', '=', 'p1').execute();
			await addGrant(vault, 'p2', 'activeDirectory', 'group', 'group:GRP-EXTRA');
			await vault.db.updateTable('granted_entitlements').set({ entitlement_key: 'group:GRP-OLD' }).where('person_id', '=', 'p3').execute();

			expect(await evaluateAll()).toEqual(['p1 grant group:GRP-SALES', 'p2 revoke group:GRP-EXTRA', 'p3 grant group:GRP-IT', 'p3 revoke group:GRP-OLD']);
		});
	});
});
