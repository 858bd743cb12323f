import { grantSignature } from '../../../lib/vault/grantSignature';
import { contract, desired, person, rule } from './helpers';

const twoJobs = person(
	[
		contract({ externalId: 'C-IT', title: 'Engineer', department: { code: 'IT' } }),
		contract({ externalId: 'C-SALES', title: 'Account Manager', department: { code: 'SALES' }, location: 'Utrecht' }),
	],
	{ custom: { costType: 'Direct' } },
);

describe('per-contract matching', () => {
	test('a person with two contracts matches a rule through either contract', () => {
		const sales = rule({ name: 'Sales', condition: { field: 'contract.department.code', operator: 'equals', value: 'SALES' } });
		const it = rule({ name: 'IT', condition: { field: 'contract.department.code', operator: 'equals', value: 'IT' } });

		expect(desired([sales], twoJobs)[0].reasons).toEqual([{ rule: 'Sales', contractId: 'C-SALES' }]);
		expect(desired([it], twoJobs)[0].reasons).toEqual([{ rule: 'IT', contractId: 'C-IT' }]);
	});

	test('a rule matched through both contracts lists both as reasons, and grants the entitlement once', () => {
		const everyone = rule({ name: 'Everyone', condition: { match: 'and', conditions: [] } });
		const result = desired([everyone], twoJobs);
		expect(result).toHaveLength(1);
		expect(result[0].reasons).toEqual([
			{ rule: 'Everyone', contractId: 'C-IT' },
			{ rule: 'Everyone', contractId: 'C-SALES' },
		]);
	});

	test('conditions on person and contract fields hold for the same contract', () => {
		const directSales = rule({
			name: 'Direct sales',
			condition: {
				match: 'and',
				conditions: [
					{ field: 'person.custom.costType', operator: 'equals', value: 'Direct' },
					{ field: 'contract.department.code', operator: 'equals', value: 'SALES' },
				],
			},
		});
		expect(desired([directSales], twoJobs)[0].reasons).toEqual([{ rule: 'Direct sales', contractId: 'C-SALES' }]);
	});

	test('two conditions met by different contracts do not make a match', () => {
		// The IT contract is an engineer, the sales contract is in Utrecht: no single contract is both.
		const engineersInUtrecht = rule({
			condition: {
				match: 'and',
				conditions: [
					{ field: 'contract.title', operator: 'equals', value: 'Engineer' },
					{ field: 'contract.location', operator: 'equals', value: 'Utrecht' },
				],
			},
		});
		expect(desired([engineersInUtrecht], twoJobs)).toEqual([]);
	});

	test('a person without contracts matches no rule', () => {
		expect(desired([rule()], person([]))).toEqual([]);
	});

	test('two rules granting the same group merge into one entry with both reasons', () => {
		const rules = [
			rule({ name: 'IT staff', condition: { field: 'contract.department.code', operator: 'equals', value: 'IT' } }),
			rule({ name: 'Utrecht office', condition: { field: 'contract.location', operator: 'equals', value: 'Utrecht' } }),
		];
		expect(desired(rules, twoJobs)).toEqual([
			{
				target: 'activeDirectory',
				type: 'permission',
				key: 'group:Staff',
				name: 'Staff',
				reasons: [
					{ rule: 'IT staff', contractId: 'C-IT' },
					{ rule: 'Utrecht office', contractId: 'C-SALES' },
				],
				signature: grantSignature('activeDirectory', 'group:Staff'),
			},
		]);
	});

	test('a disabled rule grants nothing', () => {
		expect(desired([rule({ enabled: false })], twoJobs)).toEqual([]);
	});

	test('products and groups by id are keyed by id', () => {
		const result = desired(
			[
				rule({
					entitlements: [
						{ type: 'permission', target: 'entraId', id: '7d1c0f2e', name: 'All staff' },
						{ type: 'product', target: 'helloId', productId: 'P-42', name: 'Laptop' },
					],
				}),
			],
			person([contract()]),
		);
		expect(result.map(({ target, type, key, name }) => ({ target, type, key, name }))).toEqual([
			{ target: 'entraId', type: 'permission', key: 'group:7d1c0f2e', name: 'All staff' },
			{ target: 'helloId', type: 'product', key: 'product:P-42', name: 'Laptop' },
		]);
	});
});
