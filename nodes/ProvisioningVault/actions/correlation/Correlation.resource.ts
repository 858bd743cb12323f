import type { INodeProperties } from 'n8n-workflow';

import * as reportFromItems from './reportFromItems.operation';

export { reportFromItems };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['correlation'] } },
		options: [
			{
				name: 'Report From Account Items',
				value: 'reportFromItems',
				description: 'Correlate persons with accounts given as input items (an export of a directory)',
				action: 'Get a correlation report from account items',
			},
		],
		default: 'reportFromItems',
	},
	...reportFromItems.description,
];
