import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as search from './search.operation';

export { get, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one account by objectGUID, DN or name', action: 'Get a account' },
			{ name: 'Search', value: 'search', description: 'Find accounts by part of their name', action: 'Search accounts' },
		],
		default: 'get',
	},
	...get.description,
	...search.description,
];
