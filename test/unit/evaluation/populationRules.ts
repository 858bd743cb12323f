import type { RuleSetDocument } from '../../../lib/rules';

/** A mix of rules over the generated population's fields: accounts in three targets, department groups, title and regex rules, a product, a date rule. */
export const POPULATION_RULES: RuleSetDocument = {
	rules: [
		{
			name: 'Employees',
			enabled: true,
			condition: { match: 'and', conditions: [] },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [
				{ type: 'account', target: 'activeDirectory', timing: { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 } },
				{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
			],
		},
		{
			name: 'Cloud mailbox',
			enabled: true,
			condition: { field: 'contract.type', operator: 'in', value: ['permanent', 'temporary'] },
			daysBeforeStart: 7,
			daysAfterEnd: 7,
			entitlements: [{ type: 'account', target: 'entraId', timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: null } }],
		},
		{
			name: 'Seniors',
			enabled: true,
			condition: { field: 'contract.title', operator: 'regex', value: '^(Senior|Chief|Hoofd)' },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [{ type: 'permission', target: 'activeDirectory', name: 'Senior staff' }],
		},
		{
			name: 'No interns in the cloud',
			enabled: true,
			condition: { field: 'contract.type', operator: 'equals', value: 'intern' },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [{ type: 'accountAccess', target: 'activeDirectory', enabled: false }],
		},
		{
			name: 'Board portal',
			enabled: true,
			condition: { field: 'contract.department.code', operator: 'startsWith', value: 'BO' },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [
				{ type: 'account', target: 'helloId', timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 90 } },
				{ type: 'product', target: 'helloId', productId: 'board-portal', name: 'Board portal' },
			],
		},
		{
			name: 'New starters',
			enabled: true,
			condition: { field: 'contract.startDate', operator: 'dateAfter', value: 'today', days: -30 },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [{ type: 'permission', target: 'activeDirectory', name: 'New starters' }],
		},
	],
};
