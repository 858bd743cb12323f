import { grantSignature } from '../../../lib/vault/grantSignature';
import { contract, desired, person, rule } from './helpers';

const perDepartment = rule({
	name: 'Department groups',
	entitlements: [{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' }],
});

describe('dynamic permissions', () => {
	test('one group per department: two contracts in two departments give two groups, each with its contract', () => {
		const who = person([
			contract({ externalId: 'C1', department: { code: 'IT' } }),
			contract({ externalId: 'C2', department: { code: 'SALES' } }),
		]);
		expect(desired([perDepartment], who)).toEqual([
			{ target: 'activeDirectory', type: 'permission', key: 'group:GRP-IT', name: 'GRP-IT', reasons: [{ rule: 'Department groups', contractId: 'C1' }], signature: grantSignature('activeDirectory', 'group:GRP-IT') },
			{ target: 'activeDirectory', type: 'permission', key: 'group:GRP-SALES', name: 'GRP-SALES', reasons: [{ rule: 'Department groups', contractId: 'C2' }], signature: grantSignature('activeDirectory', 'group:GRP-SALES') },
		]);
	});

	test('two contracts in the same department give one group with both reasons', () => {
		const who = person([contract({ externalId: 'C1', department: { code: 'IT' } }), contract({ externalId: 'C2', department: { code: 'IT' } })]);
		const [group, ...rest] = desired([perDepartment], who);
		expect(rest).toEqual([]);
		expect(group.reasons.map((reason) => reason.contractId)).toEqual(['C1', 'C2']);
	});

	test('an empty value makes no group', () => {
		const withoutName = rule({ entitlements: [{ type: 'permission', target: 'ad', template: '{{contract.department.name}}' }] });
		const who = person([contract({ externalId: 'C1', department: { code: 'IT' } }), contract({ externalId: 'C2', department: { code: 'HR', name: 'Human Resources' } })]);
		expect(desired([withoutName], who).map((e) => e.key)).toEqual(['group:Human Resources']);
	});

	test('templates use the mapping functions, on person and contract fields', () => {
		const named = rule({
			entitlements: [{ type: 'permission', target: 'ad', template: '{{contract.department.name | normalizeDiacritics | upper}}-{{person.custom.site | default(\'HQ\')}}' }],
		});
		const who = person([contract({ department: { code: 'FIN', name: 'Financiën' } })]);
		expect(desired([named], who).map((e) => e.name)).toEqual(['FINANCIEN-HQ']);
	});

	test('only contracts active for the rule make groups', () => {
		const who = person([
			contract({ externalId: 'OLD', department: { code: 'IT' }, endDate: '2025-12-31' }),
			contract({ externalId: 'NEW', department: { code: 'SALES' }, startDate: '2026-01-01' }),
		]);
		expect(desired([perDepartment], who, '2026-01-05').map((e) => e.name)).toEqual(['GRP-SALES']);
	});

	test('a fixed group and a dynamic group with the same name merge', () => {
		const rules = [
			perDepartment,
			rule({ name: 'IT fixed', entitlements: [{ type: 'permission', target: 'activeDirectory', name: 'GRP-IT' }] }),
		];
		const result = desired(rules, person([contract({ externalId: 'C1', department: { code: 'IT' } })]));
		expect(result).toHaveLength(1);
		expect(result[0].reasons.map((reason) => reason.rule)).toEqual(['Department groups', 'IT fixed']);
	});
});
