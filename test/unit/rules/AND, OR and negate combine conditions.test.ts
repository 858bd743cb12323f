import type { Comparison, Condition } from '../../../lib/rules';
import { contract, matches, person } from './helpers';

const salesManager = person([contract({ title: 'Sales Manager', department: { code: 'SALES' }, location: 'Utrecht' })]);

const isSales: Comparison = { field: 'contract.department.code', operator: 'equals', value: 'SALES' };
const isHr: Comparison = { field: 'contract.department.code', operator: 'equals', value: 'HR' };
const isManager: Comparison = { field: 'contract.title', operator: 'contains', value: 'manager' };
const inAmsterdam: Comparison = { field: 'contract.location', operator: 'equals', value: 'Amsterdam' };

describe('condition groups', () => {
	test('AND holds only when every condition holds', () => {
		expect(matches({ match: 'and', conditions: [isSales, isManager] }, salesManager)).toBe(true);
		expect(matches({ match: 'and', conditions: [isSales, inAmsterdam] }, salesManager)).toBe(false);
	});

	test('OR holds when at least one condition holds', () => {
		expect(matches({ match: 'or', conditions: [isHr, isManager] }, salesManager)).toBe(true);
		expect(matches({ match: 'or', conditions: [isHr, inAmsterdam] }, salesManager)).toBe(false);
	});

	test('negate turns a group around', () => {
		expect(matches({ match: 'and', negate: true, conditions: [isHr] }, salesManager)).toBe(true);
		expect(matches({ match: 'or', negate: true, conditions: [isHr, isSales] }, salesManager)).toBe(false);
	});

	test('groups nest: sales or HR, and not in Amsterdam', () => {
		const condition: Condition = {
			match: 'and',
			conditions: [
				{ match: 'or', conditions: [isSales, isHr] },
				{ match: 'and', negate: true, conditions: [inAmsterdam] },
			],
		};
		expect(matches(condition, salesManager)).toBe(true);
		const amsterdam = person([contract({ title: 'Sales Manager', department: { code: 'SALES' }, location: 'Amsterdam' })]);
		expect(matches(condition, amsterdam)).toBe(false);
	});

	test('an empty group holds for every contract, and negated it holds for none', () => {
		expect(matches({ match: 'and', conditions: [] }, salesManager)).toBe(true);
		expect(matches({ match: 'or', negate: true, conditions: [] }, salesManager)).toBe(false);
	});

	test('a single comparison can be the whole condition', () => {
		expect(matches(isSales, salesManager)).toBe(true);
		expect(matches(isHr, salesManager)).toBe(false);
	});
});
