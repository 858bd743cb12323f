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
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one group by objectGUID, DN or name', action: 'Get a group' },
			{ name: 'Search', value: 'search', description: 'Find groups by part of their name', action: 'Search groups' },
		],
		default: 'get',
	},
	...get.description,
	...search.description,
];
