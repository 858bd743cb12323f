import type { Comparison } from '../../../lib/rules';
import { contract, matches, person } from './helpers';

const anna = person(
	[
		contract({
			externalId: 'C1',
			startDate: '2024-03-01',
			title: 'Senior Sales Manager',
			department: { code: 'SALES', name: 'Sales Benelux' },
			fte: 0.8,
			costCentre: '',
			custom: { level: '7', since: '2020-01-01' },
		}),
	],
	{ birthDate: '1990-05-17', email: 'anna@example.com', custom: { costType: 'Direct' } },
);

type Case = [string, Omit<Comparison, 'field' | 'operator'> & Pick<Comparison, 'field' | 'operator'>, boolean];

const cases: Case[] = [
	['equals ignores case', { field: 'contract.department.code', operator: 'equals', value: 'sales' }, true],
	['equals on another value', { field: 'contract.department.code', operator: 'equals', value: 'HR' }, false],
	['equals with caseSensitive needs the same case', { field: 'contract.department.code', operator: 'equals', value: 'sales', caseSensitive: true }, false],
	['equals with caseSensitive and the same case', { field: 'contract.department.code', operator: 'equals', value: 'SALES', caseSensitive: true }, true],
	['equals compares numbers as text', { field: 'contract.fte', operator: 'equals', value: 0.8 }, true],
	['notEquals on another value', { field: 'contract.department.code', operator: 'notEquals', value: 'HR' }, true],
	['notEquals on the same value', { field: 'contract.department.code', operator: 'notEquals', value: 'Sales' }, false],
	['notEquals on an empty field', { field: 'contract.location', operator: 'notEquals', value: 'Utrecht' }, true],
	['in with the value in the list', { field: 'contract.department.code', operator: 'in', value: ['HR', 'sales'] }, true],
	['in without it', { field: 'contract.department.code', operator: 'in', value: ['HR', 'IT'] }, false],
	['notIn without it', { field: 'contract.department.code', operator: 'notIn', value: ['HR', 'IT'] }, true],
	['notIn with it', { field: 'contract.department.code', operator: 'notIn', value: ['SALES'] }, false],
	['startsWith', { field: 'contract.title', operator: 'startsWith', value: 'senior' }, true],
	['startsWith on a later word', { field: 'contract.title', operator: 'startsWith', value: 'Sales' }, false],
	['endsWith', { field: 'contract.title', operator: 'endsWith', value: 'MANAGER' }, true],
	['endsWith on an earlier word', { field: 'contract.title', operator: 'endsWith', value: 'Senior' }, false],
	['contains', { field: 'contract.department.name', operator: 'contains', value: 'benelux' }, true],
	['contains on text it lacks', { field: 'contract.department.name', operator: 'contains', value: 'Nordics' }, false],
	['regex ignores case', { field: 'contract.title', operator: 'regex', value: '^senior (sales|account) manager$' }, true],
	['regex that does not match', { field: 'contract.title', operator: 'regex', value: '^junior' }, false],
	['regex with caseSensitive', { field: 'contract.title', operator: 'regex', value: '^senior', caseSensitive: true }, false],
	['isEmpty on an empty text', { field: 'contract.costCentre', operator: 'isEmpty' }, true],
	['isEmpty on a missing field', { field: 'person.phone', operator: 'isEmpty' }, true],
	['isEmpty on a value', { field: 'person.email', operator: 'isEmpty' }, false],
	['isNotEmpty on a value', { field: 'person.email', operator: 'isNotEmpty' }, true],
	['isNotEmpty on a missing field', { field: 'contract.location', operator: 'isNotEmpty' }, false],
	['dateBefore a fixed date', { field: 'person.birthDate', operator: 'dateBefore', value: '1990-05-18' }, true],
	['dateBefore on the same date', { field: 'person.birthDate', operator: 'dateBefore', value: '1990-05-17' }, false],
	['dateAfter a fixed date', { field: 'contract.startDate', operator: 'dateAfter', value: '2024-02-29' }, true],
	['dateAfter on the same date', { field: 'contract.startDate', operator: 'dateAfter', value: '2024-03-01' }, false],
	['dateOn the same date', { field: 'contract.startDate', operator: 'dateOn', value: '2024-03-01' }, true],
	['dateOn another date', { field: 'contract.startDate', operator: 'dateOn', value: '2024-03-02' }, false],
	['dateOn a fixed date moved by days', { field: 'contract.startDate', operator: 'dateOn', value: '2024-02-20', days: 10 }, true],
	// as-of 2026-01-05: today - 700 days = 2024-02-05, today - 600 days = 2024-05-15
	['dateAfter today minus 700 days', { field: 'contract.startDate', operator: 'dateAfter', value: 'today', days: -700 }, true],
	['dateAfter today minus 600 days', { field: 'contract.startDate', operator: 'dateAfter', value: 'today', days: -600 }, false],
	['dateBefore today', { field: 'contract.startDate', operator: 'dateBefore', value: 'today' }, true],
	['dateBefore on a missing date', { field: 'contract.endDate', operator: 'dateBefore', value: 'today' }, false],
	['dateOn a custom date field', { field: 'contract.custom.since', operator: 'dateOn', value: '2020-01-01' }, true],
	['greaterThan', { field: 'contract.fte', operator: 'greaterThan', value: 0.5 }, true],
	['greaterThan on the same number', { field: 'contract.fte', operator: 'greaterThan', value: 0.8 }, false],
	['greaterOrEqual on the same number', { field: 'contract.fte', operator: 'greaterOrEqual', value: 0.8 }, true],
	['greaterOrEqual on a larger number', { field: 'contract.fte', operator: 'greaterOrEqual', value: 1 }, false],
	['lessThan', { field: 'contract.fte', operator: 'lessThan', value: 1 }, true],
	['lessThan on the same number', { field: 'contract.fte', operator: 'lessThan', value: 0.8 }, false],
	['lessOrEqual on the same number', { field: 'contract.fte', operator: 'lessOrEqual', value: 0.8 }, true],
	['lessOrEqual on a smaller number', { field: 'contract.fte', operator: 'lessOrEqual', value: 0.5 }, false],
	['numeric compare reads a number written as text', { field: 'contract.custom.level', operator: 'greaterOrEqual', value: 7 }, true],
	['numeric compare on a missing field', { field: 'contract.location', operator: 'lessThan', value: 100 }, false],
	['a person custom field', { field: 'person.custom.costType', operator: 'equals', value: 'direct' }, true],
];

describe('condition operators (as of 2026-01-05)', () => {
	test.each(cases)('%s', (_name, comparison, expected) => {
		expect(matches(comparison, anna)).toBe(expected);
	});
});
