import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Comparison, Entitlement, Operator, RuleSetDocument } from '../../../../lib/rules';

const DATE_OPERATORS: Operator[] = ['dateBefore', 'dateAfter', 'dateOn'];
const TEXT_OPERATORS: Operator[] = ['equals', 'notEquals', 'in', 'notIn', 'startsWith', 'endsWith', 'contains', 'regex'];
const NO_VALUE_OPERATORS: Operator[] = ['isEmpty', 'isNotEmpty'];

/** An example to start from: sales staff get an AD account, VPN and their department group. */
const EXAMPLE: RuleSetDocument = {
	rules: [
		{
			name: 'Sales staff',
			category: 'Sales',
			enabled: true,
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			condition: { match: 'and', conditions: [{ field: 'contract.department.code', operator: 'in', value: ['SALES', 'PRESALES'] }] },
			entitlements: [
				{
					type: 'account',
					target: 'activeDirectory',
					timing: { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 },
				},
				{ type: 'permission', target: 'activeDirectory', name: 'VPN Users' },
				{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
			],
		},
	],
};

const conditionValues: INodeProperties[] = [
	{
		displayName: 'Field',
		name: 'field',
		type: 'string',
		default: '',
		placeholder: 'contract.department.code',
		description:
			'A person or contract field: person.externalId, person.name.family, person.email, person.custom.&lt;name&gt;, contract.title, contract.department.code, contract.startDate, contract.fte, contract.custom.&lt;name&gt; ...',
	},
	{
		displayName: 'Operator',
		name: 'operator',
		type: 'options',
		// Listed in the order people look for them, not alphabetically.
		options: [
			{ name: 'Equals', value: 'equals' },
			{ name: 'Not Equals', value: 'notEquals' },
			{ name: 'In List', value: 'in', description: 'Value is a comma-separated list' },
			{ name: 'Not In List', value: 'notIn', description: 'Value is a comma-separated list' },
			{ name: 'Starts With', value: 'startsWith' },
			{ name: 'Ends With', value: 'endsWith' },
			{ name: 'Contains', value: 'contains' },
			{ name: 'Matches Regex', value: 'regex' },
			{ name: 'Is Empty', value: 'isEmpty' },
			{ name: 'Is Not Empty', value: 'isNotEmpty' },
			{ name: 'Date Before', value: 'dateBefore', description: 'Value is a date (YYYY-MM-DD) or "today"' },
			{ name: 'Date After', value: 'dateAfter', description: 'Value is a date (YYYY-MM-DD) or "today"' },
			{ name: 'Date On', value: 'dateOn', description: 'Value is a date (YYYY-MM-DD) or "today"' },
			{ name: 'Greater Than', value: 'greaterThan' },
			{ name: 'Greater Than or Equal', value: 'greaterOrEqual' },
			{ name: 'Less Than', value: 'lessThan' },
			{ name: 'Less Than or Equal', value: 'lessOrEqual' },
		],
		default: 'equals',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description: 'Text, a comma-separated list (In List), a date or "today" (date operators), or a number',
		displayOptions: { hide: { operator: NO_VALUE_OPERATORS } },
	},
	{
		displayName: 'Days',
		name: 'days',
		type: 'number',
		default: 0,
		description: 'Moves the date in Value by this many days, e.g. -30 with "today" means 30 days ago',
		displayOptions: { show: { operator: DATE_OPERATORS } },
	},
	{
		displayName: 'Case Sensitive',
		name: 'caseSensitive',
		type: 'boolean',
		default: false,
		description: 'Whether upper and lower case must match (text compares ignore case by default)',
		displayOptions: { show: { operator: TEXT_OPERATORS } },
	},
];

const entitlementValues: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Account', value: 'account', description: 'An account in the target, with lifecycle timing' },
			{ name: 'Account Access', value: 'accountAccess', description: 'Whether the account is enabled while the rule matches' },
			{ name: 'Permission', value: 'permission', description: 'A group membership or permission, fixed or one per value of a template' },
			{ name: 'Product', value: 'product', description: 'A HelloID self-service product' },
		],
		default: 'permission',
	},
	{
		displayName: 'Target',
		name: 'target',
		type: 'string',
		default: 'activeDirectory',
		description: 'The target system: activeDirectory, entraId, googleWorkspace, helloId, or the name you gave it',
	},
	{
		displayName: 'Group Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Name of the group or permission (leave empty when you use Group ID or Template)',
		displayOptions: { show: { type: ['permission'] } },
	},
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		default: '',
		description: 'ID of the group or permission, if the target works with IDs',
		displayOptions: { show: { type: ['permission'] } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		default: '',
		placeholder: 'GRP-{{contract.department.code}}',
		description: 'Dynamic permission: one group per value, e.g. per department. Uses the mapping template syntax, not an n8n expression.',
		displayOptions: { show: { type: ['permission'] } },
	},
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['product'] } },
	},
	{
		displayName: 'Product Name',
		name: 'productName',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['product'] } },
	},
	{
		displayName: 'Access Enabled',
		name: 'accessEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether matching persons have their account enabled (off: kept, but disabled)',
		displayOptions: { show: { type: ['accountAccess'] } },
	},
	{
		displayName: 'Create Days Before Start',
		name: 'createDaysBeforeStart',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 14,
		displayOptions: { show: { type: ['account'] } },
	},
	{
		displayName: 'Enable on Start',
		name: 'enableOnStart',
		type: 'boolean',
		default: true,
		description: 'Whether to create the account disabled and enable it on the start date (off: created enabled)',
		displayOptions: { show: { type: ['account'] } },
	},
	{
		displayName: 'Disable on End',
		name: 'disableOnEnd',
		type: 'boolean',
		default: true,
		description: 'Whether to disable the account the day after the last contract ends',
		displayOptions: { show: { type: ['account'] } },
	},
	{
		displayName: 'Delete After End',
		name: 'deleteAfterEnd',
		type: 'boolean',
		default: true,
		description: 'Whether to delete the account some days after the end (off: never delete, only disable)',
		displayOptions: { show: { type: ['account'] } },
	},
	{
		displayName: 'Delete Days After End',
		name: 'deleteDaysAfterEnd',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		displayOptions: { show: { type: ['account'], deleteAfterEnd: [true] } },
	},
];

/** The saveDraft parameters that hold the rules: UI collections or one JSON document. */
export const rulesProperties: INodeProperties[] = [
	{
		displayName: 'Rules Source',
		name: 'rulesSource',
		type: 'options',
		options: [
			{ name: 'Rules Below', value: 'fields', description: 'Edit each rule here' },
			{ name: 'JSON Document', value: 'json', description: 'One document, easy to keep in git (export it with Rule Set → Export)' },
		],
		default: 'fields',
	},
	{
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default: JSON.stringify(EXAMPLE, null, 2),
		description: 'A rule set document: {"rules": [...]}; the format is described in docs/rules.md',
		displayOptions: { show: { rulesSource: ['json'] } },
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show: { rulesSource: ['fields'] } },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Sales VPN', description: 'Unique; plans and reports name the rule' },
					{ displayName: 'Category', name: 'category', type: 'string', default: '' },
					{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether the rule grants anything' },
					{
						displayName: 'Days Before Start',
						name: 'daysBeforeStart',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'A contract counts as active for this rule this many days before its start date',
					},
					{
						displayName: 'Days After End',
						name: 'daysAfterEnd',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'A contract counts as active for this rule until this many days after its end date',
					},
					{
						displayName: 'Match',
						name: 'match',
						type: 'options',
						options: [
							{ name: 'All Conditions', value: 'all' },
							{ name: 'Any Condition', value: 'any' },
						],
						default: 'all',
						description: 'Whether a contract must meet every condition or at least one (no conditions: every contract)',
					},
					{
						displayName: 'Conditions',
						name: 'conditions',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Condition',
						default: {},
						options: [{ displayName: 'Condition', name: 'condition', values: conditionValues }],
					},
					{
						displayName: 'Entitlements',
						name: 'entitlements',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Entitlement',
						default: {},
						options: [{ displayName: 'Entitlement', name: 'entitlement', values: entitlementValues }],
					},
				],
			},
		],
	},
];

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());

function toComparison(entry: IDataObject): Comparison {
	const operator = (text(entry.operator) || 'equals') as Operator;
	const comparison: Comparison = { field: text(entry.field), operator };
	const value = text(entry.value);
	if (operator === 'in' || operator === 'notIn') {
		comparison.value = value
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean);
	} else if (!NO_VALUE_OPERATORS.includes(operator)) {
		comparison.value = value;
	}
	const days = Number(entry.days ?? 0);
	if (DATE_OPERATORS.includes(operator) && days !== 0) comparison.days = days;
	if (TEXT_OPERATORS.includes(operator) && entry.caseSensitive === true) comparison.caseSensitive = true;
	return comparison;
}

function toEntitlement(entry: IDataObject): Entitlement {
	const target = text(entry.target);
	switch (entry.type) {
		case 'account':
			return {
				type: 'account',
				target,
				timing: {
					createDaysBeforeStart: Number(entry.createDaysBeforeStart ?? 14),
					enableOnStart: entry.enableOnStart !== false,
					disableOnEnd: entry.disableOnEnd !== false,
					deleteDaysAfterEnd: entry.deleteAfterEnd === false ? null : Number(entry.deleteDaysAfterEnd ?? 30),
				},
			};
		case 'accountAccess':
			return { type: 'accountAccess', target, enabled: entry.accessEnabled !== false };
		case 'product': {
			const name = text(entry.productName);
			return { type: 'product', target, productId: text(entry.productId), ...(name ? { name } : {}) };
		}
		default: {
			const name = text(entry.name);
			const id = text(entry.groupId);
			const template = text(entry.template);
			return { type: 'permission', target, ...(name ? { name } : {}), ...(id ? { id } : {}), ...(template ? { template } : {}) };
		}
	}
}

/** The rule set from the node's parameters: the JSON document, or the rules edited in the UI. Validation is lib/rules' job. */
export function readRuleSet(getParameter: (name: string) => unknown): unknown {
	if (getParameter('rulesSource') === 'json') {
		const raw = getParameter('rulesJson');
		if (typeof raw !== 'string') return raw;
		return JSON.parse(raw) as unknown;
	}
	const rules = ((getParameter('rules') as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	return {
		rules: rules.map((entry) => {
			const conditions = ((entry.conditions as IDataObject | undefined)?.condition as IDataObject[] | undefined) ?? [];
			const entitlements = ((entry.entitlements as IDataObject | undefined)?.entitlement as IDataObject[] | undefined) ?? [];
			const category = text(entry.category);
			return {
				name: text(entry.name),
				...(category ? { category } : {}),
				enabled: entry.enabled !== false,
				daysBeforeStart: Number(entry.daysBeforeStart ?? 0),
				daysAfterEnd: Number(entry.daysAfterEnd ?? 0),
				condition: { match: entry.match === 'any' ? 'or' : 'and', conditions: conditions.map(toComparison) },
				entitlements: entitlements.map(toEntitlement),
			};
		}),
	};
}
