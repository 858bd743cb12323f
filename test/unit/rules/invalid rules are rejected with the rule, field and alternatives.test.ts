import { compileRuleSet, RuleError, type BusinessRule } from '../../../lib/rules';
import { rule } from './helpers';

/** The RuleError a rule set with these rules gets. */
function errorFor(...rules: Array<Partial<BusinessRule> | Record<string, unknown>>): RuleError {
	try {
		compileRuleSet({ rules: rules.map((r) => ({ ...rule(), ...r })) });
	} catch (error) {
		if (error instanceof RuleError) return error;
		throw error;
	}
	throw new Error('the rule set was accepted');
}

const when = (field: string, operator: string, value?: unknown, extra: Record<string, unknown> = {}) => ({
	condition: { match: 'and', conditions: [{ field, operator, value, ...extra }] },
});

describe('rule set validation', () => {
	test('an unknown contract field names the rule, the field, the known contract fields and the closest one', () => {
		const error = errorFor({ name: 'Sales VPN', ...when('contract.costCentr', 'equals', 'CC1') });
		expect(error.message).toMatch(/^Rule 'Sales VPN' refers to unknown field contract\.costCentr\. Known contract fields: contract\.externalId, contract\.startDate, /);
		expect(error.message).toContain('contract.custom.<name>');
		expect(error.message).toContain('Did you mean "contract.costCentre"?');
		expect(error).toMatchObject({ rule: 'Sales VPN', field: 'contract.costCentr' });
	});

	test('an unknown person field lists the person fields', () => {
		const error = errorFor({ name: 'Mail', ...when('person.name.familyName', 'isNotEmpty') });
		expect(error.message).toContain("Rule 'Mail' refers to unknown field person.name.familyName. Known person fields: person.externalId,");
		expect(error.message).toContain('"person.name.family"');
	});

	test('a field on the wrong root suggests the other root', () => {
		expect(errorFor(when('person.title', 'equals', 'Nurse')).message).toContain('Did you mean "contract.title"?');
	});

	test('a field outside person and contract says where fields start', () => {
		const error = errorFor({ name: 'Old export', ...when('employee.department', 'equals', 'IT') });
		expect(error.message).toContain(`Rule 'Old export' refers to unknown field employee.department. Fields start with "person." or "contract."`);
	});

	test('a bad regex is rejected with the engine’s reason', () => {
		const error = errorFor({ name: 'X', ...when('contract.title', 'regex', '([') });
		expect(error.message).toMatch(/^Rule 'X': the regex "\(\[" for contract\.title is invalid: .+/);
		expect(error.field).toBe('contract.title');
	});

	test('a template with an unknown function names the rule and the function, with the known ones', () => {
		const error = errorFor({
			name: 'Department groups',
			entitlements: [{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code | uppercase}}' }],
		});
		expect(error.message).toContain(`Rule 'Department groups', entitlement 1 (permission for activeDirectory): Template uses unknown function "uppercase"`);
		expect(error.message).toContain('Known functions: lower, upper');
		expect(error.message).toContain('Did you mean "upper"?');
		expect(error).toMatchObject({ rule: 'Department groups', field: 'template' });
	});

	test('a template with an unknown field suggests the known one', () => {
		const error = errorFor({ entitlements: [{ type: 'permission', target: 'ad', template: 'GRP-{{contract.departement.code}}' }] });
		expect(error.message).toContain('unknown path "contract.departement.code"');
		expect(error.message).toContain('"contract.department.code"');
	});

	test('an unknown operator suggests the closest', () => {
		const error = errorFor({ name: 'X', ...when('contract.title', 'equal', 'Nurse') });
		expect(error.message).toContain(`Rule 'X': the condition on contract.title has unknown operator "equal". Did you mean "equals"?`);
		expect(error.message).toContain('Known operators: equals, notEquals,');
	});

	test('"in" without a list explains how to write one', () => {
		const error = errorFor({ name: 'X', ...when('contract.department.code', 'in', 'SALES') });
		expect(error.message).toBe(
			`Rule 'X': the operator "in" on contract.department.code needs a list of values, got "SALES". In JSON write ["SALES", "HR"]; in the node, separate the values with commas.`,
		);
	});

	test('a date operator with a value that is not a date', () => {
		expect(errorFor({ name: 'X', ...when('contract.startDate', 'dateBefore', 'yesterday') }).message).toBe(
			`Rule 'X': the operator "dateBefore" on contract.startDate needs a date (YYYY-MM-DD) or "today", got "yesterday".`,
		);
		expect(errorFor(when('contract.startDate', 'dateOn', '2026-02-30')).message).toContain('needs a date (YYYY-MM-DD)');
	});

	test('a date operator on a field that holds no date', () => {
		expect(errorFor({ name: 'X', ...when('contract.title', 'dateAfter', 'today') }).message).toContain(
			`Rule 'X': the operator "dateAfter" needs a date field, but contract.title is not one.`,
		);
	});

	test('a numeric compare with text', () => {
		expect(errorFor({ name: 'X', ...when('contract.fte', 'greaterThan', 'full') }).message).toBe(
			`Rule 'X': the operator "greaterThan" on contract.fte compares numbers and needs a number, got "full".`,
		);
	});

	test('equals without a value points to isEmpty', () => {
		expect(errorFor({ name: 'X', ...when('contract.location', 'equals', '') }).message).toBe(
			`Rule 'X': the operator "equals" on contract.location needs a value. To test for an empty field use "isEmpty" or "isNotEmpty".`,
		);
	});

	test('days on a text operator', () => {
		expect(errorFor(when('contract.title', 'equals', 'Nurse', { days: 3 })).message).toContain('"days" only applies to the date operators');
	});

	test('an entitlement without a target', () => {
		const error = errorFor({ name: 'X', entitlements: [{ type: 'permission', target: ' ', name: 'Staff' }] });
		expect(error.message).toBe(`Rule 'X': entitlement 1 (permission) has no target. Name the target system it applies to, e.g. activeDirectory, entraId, googleWorkspace or helloId.`);
		expect(error.field).toBe('target');
	});

	test('a permission without a name, id or template', () => {
		expect(errorFor({ name: 'X', entitlements: [{ type: 'permission', target: 'ad' }] }).message).toContain('needs a group name, an id, or a template');
	});

	test('an unknown entitlement type', () => {
		expect(errorFor({ name: 'X', entitlements: [{ type: 'group', target: 'ad', name: 'Staff' }] }).message).toContain(
			`Rule 'X': entitlement 1 has unknown type "group". Known types: account, accountAccess, permission, product.`,
		);
	});

	test('two rules with the same name', () => {
		const error = errorFor({ name: 'Staff' }, { name: 'Managers' }, { name: 'staff ' });
		expect(error.message).toContain(`Rule name 'staff' is used by rules 1 and 3: each rule needs its own name`);
	});

	test('a rule without a name', () => {
		expect(errorFor({ name: 'Staff' }, { name: '' }).message).toContain('The rule 2 has no name.');
	});

	test('negative days before start, after end, and before create', () => {
		expect(errorFor({ name: 'X', daysBeforeStart: -3 }).message).toBe(`Rule 'X': daysBeforeStart must be a whole number of days, 0 or more, got -3.`);
		expect(errorFor({ name: 'X', daysAfterEnd: -1 }).field).toBe('daysAfterEnd');
		const timing = { createDaysBeforeStart: -14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 };
		expect(errorFor({ name: 'X', entitlements: [{ type: 'account', target: 'ad', timing }] }).message).toContain('createDaysBeforeStart must be a whole number of days, 0 or more, got -14');
	});

	test('a misspelt property is named with the right spelling', () => {
		expect(errorFor({ name: 'X', daysBeforStart: 7 }).message).toContain(`Rule 'X' has unknown property "daysBeforStart". Did you mean "daysBeforeStart"?`);
	});

	test('disabled rules are validated too', () => {
		expect(errorFor({ name: 'Later', enabled: false, ...when('contract.titel', 'equals', 'x') }).message).toContain('Did you mean "contract.title"?');
	});

	test('a valid rule set with every operator compiles', () => {
		const conditions = [
			{ field: 'contract.title', operator: 'equals', value: 'a' },
			{ field: 'contract.title', operator: 'notEquals', value: 'a' },
			{ field: 'contract.title', operator: 'in', value: ['a', 'b'] },
			{ field: 'contract.title', operator: 'notIn', value: ['a'] },
			{ field: 'contract.title', operator: 'startsWith', value: 'a' },
			{ field: 'contract.title', operator: 'endsWith', value: 'a' },
			{ field: 'contract.title', operator: 'contains', value: 'a' },
			{ field: 'contract.title', operator: 'regex', value: '^a' },
			{ field: 'contract.title', operator: 'isEmpty' },
			{ field: 'contract.title', operator: 'isNotEmpty' },
			{ field: 'contract.endDate', operator: 'dateBefore', value: 'today', days: 30 },
			{ field: 'contract.startDate', operator: 'dateAfter', value: '2026-01-01' },
			{ field: 'person.birthDate', operator: 'dateOn', value: 'today' },
			{ field: 'contract.fte', operator: 'greaterThan', value: 0.5 },
			{ field: 'contract.fte', operator: 'greaterOrEqual', value: '0.5' },
			{ field: 'contract.fte', operator: 'lessThan', value: 1 },
			{ field: 'contract.fte', operator: 'lessOrEqual', value: 1 },
			{ field: "contract.custom['cost type']", operator: 'equals', value: 'x' },
		];
		const compiled = compileRuleSet({ rules: [rule({ condition: { match: 'or', conditions } as BusinessRule['condition'] })] });
		expect(compiled.rules).toHaveLength(1);
		// Numbers written as text are stored as numbers.
		const stored = (compiled.document.rules[0].condition as { conditions: Array<{ value?: unknown }> }).conditions[14].value;
		expect(stored).toBe(0.5);
	});
});
