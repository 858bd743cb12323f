import { POPULATION_DAY1 } from '../../../bench/population';
import { loadAggregatedPersons } from '../../../lib/aggregation';
import { compileRuleSet, desiredState, desiredSummary, type DesiredEntitlement, type RuleSetDocument } from '../../../lib/rules';
import { grantSignature, GRANT_SIGNATURE_MODULUS } from '../../../lib/vault/grantSignature';
import { openVault } from '../../../lib/vault';
import { importDay1 } from '../evaluation/generatedPopulation';
import { POPULATION_RULES } from '../evaluation/populationRules';
import { contract, person, rule } from './helpers';

/** What desiredSummary should give: the accounts of the desired state, its other entitlements counted and summed. */
function expectedSummary(desired: DesiredEntitlement[]) {
	const grants = desired.filter((entitlement) => entitlement.type !== 'account');
	const signature = grants.reduce((sum, grant) => (sum + grantSignature(grant.target, grant.key)) % GRANT_SIGNATURE_MODULUS, 0);
	return { accounts: desired.filter((entitlement) => entitlement.type === 'account'), grants: { grants: grants.length, signature } };
}

describe('desiredSummary', () => {
	test('a group granted by a fixed and a dynamic permission, on two contracts, counts once', () => {
		const rules = compileRuleSet({
			rules: [
				rule({ name: 'Department groups', entitlements: [{ type: 'permission', target: 'ad', template: 'GRP-{{contract.department.code}}' }] }),
				rule({ name: 'IT fixed', entitlements: [{ type: 'permission', target: 'ad', name: 'GRP-IT' }, { type: 'product', target: 'helloId', productId: 'laptop' }] }),
				rule({ name: 'Accounts', entitlements: [{ type: 'account', target: 'ad', timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: null } }] }),
			],
		});
		const who = person([contract({ externalId: 'C1', department: { code: 'IT' } }), contract({ externalId: 'C2', department: { code: 'IT' } })]);
		const summary = desiredSummary(rules, who, '2026-01-05');
		expect(summary.grants.grants).toBe(2); // GRP-IT and the laptop
		expect(summary).toEqual(expectedSummary(desiredState(rules, who, '2026-01-05')));
	});

	test('on a generated population, for every person and on several dates, it is the desired state summarised', async () => {
		const vault = await openVault({ backend: 'sqlite', path: ':memory:' });
		try {
			await importDay1(vault, 600, 5);
			const persons = await loadAggregatedPersons(vault);
			const document: RuleSetDocument = POPULATION_RULES;
			const rules = compileRuleSet(document);
			let grants = 0;
			for (const asOf of [POPULATION_DAY1, '2026-06-30', '2027-03-01']) {
				for (const one of persons) {
					const summary = desiredSummary(rules, one, asOf);
					expect(summary).toEqual(expectedSummary(desiredState(rules, one, asOf)));
					grants += summary.grants.grants;
				}
			}
			expect(persons.length).toBeGreaterThan(600);
			expect(grants).toBeGreaterThan(persons.length);
		} finally {
			await vault.close();
		}
	}, 60_000);
});
