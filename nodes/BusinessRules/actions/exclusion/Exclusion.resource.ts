import type { INodeProperties } from 'n8n-workflow';

import * as exclude from './exclude.operation';
import * as include from './include.operation';
import * as list from './list.operation';

export { exclude, include, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['exclusion'] } },
		options: [
			{
				name: 'Exclude',
				value: 'exclude',
				description: 'Keep a person as is: no actions are planned for them',
				action: 'Exclude a person',
			},
			{
				name: 'Include',
				value: 'include',
				description: 'End a person’s exclusion',
				action: 'Include a person again',
			},
			{
				name: 'List',
				value: 'list',
				description: 'Every excluded person with the reason',
				action: 'List excluded persons',
			},
		],
		default: 'exclude',
	},
	{
		displayName: 'Person ID',
		name: 'personId',
		type: 'string',
		required: true,
		default: '',
		description: 'Vault ID of the person (persons.id), e.g. from an evaluation or aggregation item',
		displayOptions: { show: { resource: ['exclusion'], operation: ['exclude', 'include'] } },
	},
	...exclude.description,
	...include.description,
	...list.description,
];
