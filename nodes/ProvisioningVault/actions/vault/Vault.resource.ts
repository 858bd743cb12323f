import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';

export { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vault'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Where the vault is, its schema version and how many records it holds',
				action: 'Get vault status',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
