import type { INodeProperties } from 'n8n-workflow';

import * as approvePlan from './approvePlan.operation';
import * as evaluate from './evaluate.operation';
import * as getPlan from './getPlan.operation';
import * as report from './report.operation';

export { approvePlan, evaluate, getPlan, report };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['plan'] } },
		options: [
			{
				name: 'Evaluate',
				value: 'evaluate',
				description: 'Compare what the rules want with what persons have and store the plan of changes',
				action: 'Evaluate the business rules',
			},
			{
				name: 'Approve Plan',
				value: 'approvePlan',
				description: 'Release a plan a threshold blocked, so enforcement may run it',
				action: 'Approve a plan',
			},
			{
				name: 'Get Plan',
				value: 'getPlan',
				description: 'Output a stored plan: its summary and its first actions',
				action: 'Get a plan',
			},
			{
				name: 'Get Report',
				value: 'report',
				description: 'Output a plan as an HTML report with charts and a searchable action table, and its actions as CSV',
				action: 'Get an evaluation report',
			},
		],
		default: 'evaluate',
	},
	...evaluate.description,
	...approvePlan.description,
	...getPlan.description,
	...report.description,
];
