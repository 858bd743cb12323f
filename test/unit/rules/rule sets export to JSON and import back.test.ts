import { compileRuleSet, desiredState, exportRuleSet, importRuleSet, RuleError, type RuleSetDocument } from '../../../lib/rules';
import { account, contract, person, rule } from './helpers';

const document: RuleSetDocument = {
	rules: [
		rule({
			name: 'Sales VPN',
			category: 'Network',
			daysBeforeStart: 3,
			condition: {
				match: 'or',
				negate: true,
				conditions: [
					{ field: 'contract.department.code', operator: 'in', value: ['SALES', 'PRESALES'], caseSensitive: true },
					{ field: 'contract.endDate', operator: 'dateBefore', value: 'today', days: 14 },
				],
			},
			entitlements: [
				account('activeDirectory', { createDaysBeforeStart: 14, deleteDaysAfterEnd: 30 }),
				{ type: 'accountAccess', target: 'activeDirectory', enabled: true },
				{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
				{ type: 'product', target: 'helloId', productId: 'VPN-1', name: 'VPN' },
			],
		}),
		rule({ name: 'Everyone', enabled: false }),
	],
};

describe('rule set JSON', () => {
	test('export then import gives the same rules, and the same text again', () => {
		const json = exportRuleSet(document);
		const imported = importRuleSet(json);
		expect(imported).toEqual(document);
		expect(exportRuleSet(imported)).toBe(json);
	});

	test('the export is pretty JSON with properties in a fixed order, whatever order they were written in', () => {
		const shuffled = { rules: [{ entitlements: [{ name: 'Staff', target: 'ad', type: 'permission' }], enabled: true, name: 'Staff' }] };
		const json = exportRuleSet(shuffled as unknown as RuleSetDocument);
		expect(json).toBe(
			[
				'{',
				'  "rules": [',
				'    {',
				'      "name": "Staff",',
				'      "enabled": true,',
				'      "daysBeforeStart": 0,',
				'      "daysAfterEnd": 0,',
				'      "condition": {',
				'        "match": "and",',
				'        "conditions": []',
				'      },',
				'      "entitlements": [',
				'        {',
				'          "type": "permission",',
				'          "target": "ad",',
				'          "name": "Staff"',
				'        }',
				'      ]',
				'    }',
				'  ]',
				'}',
				'',
			].join('\n'),
		);
	});

	test('imported rules evaluate like the original', () => {
		const who = person([contract({ department: { code: 'IT' } })]);
		const original = desiredState(compileRuleSet(document), who, '2026-01-05');
		const imported = desiredState(compileRuleSet(importRuleSet(exportRuleSet(document))), who, '2026-01-05');
		expect(original.length).toBeGreaterThan(0);
		expect(imported).toEqual(original);
	});

	test('import rejects broken JSON, a wrong shape and a wrong rule, naming what is wrong', () => {
		expect(() => importRuleSet('{"rules": [')).toThrow(/^The rule set is not valid JSON/);
		expect(() => importRuleSet('[]')).toThrow('A rule set must be an object with a "rules" list, got a list.');
		expect(() => importRuleSet('{"rules": {}}')).toThrow(`A rule set's "rules" must be a list`);
		expect(() => importRuleSet('{"rule": []}')).toThrow('A rule set has unknown property "rule"');
		const wrong = JSON.stringify({ rules: [{ name: 'VPN', condition: { field: 'contract.fte', operator: 'lessThan', value: 'half' } }] });
		expect(() => importRuleSet(wrong)).toThrow(RuleError);
		expect(() => importRuleSet(wrong)).toThrow(`Rule 'VPN': the operator "lessThan" on contract.fte compares numbers and needs a number, got "half".`);
	});
});
