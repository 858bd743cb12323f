import type { INodeProperties } from 'n8n-workflow';

import * as link from './link.operation';
import * as report from './report.operation';

export { link, report };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['correlation'] } },
		options: [
			{ name: 'Report', value: 'report', description: 'Who has an account, who has none, and which accounts belong to no one', action: 'Get the correlation report' },
			{ name: 'Link Account', value: 'link', description: 'Link an existing account to a person', action: 'Link an account to a person' },
		],
		default: 'report',
	},
	...report.description,
	...link.description,
];
