import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getMetaInfo from './getMetaInfo.operation';

export { getAll, getMetaInfo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['getConnector'] } },
		options: [
			{
				name: 'Get Many Rows',
				value: 'getAll',
				description: 'Read the rows of a GetConnector, page by page',
				action: 'Get many rows from a GetConnector',
			},
			{
				name: 'Get Metainfo',
				value: 'getMetaInfo',
				description: 'Describe a GetConnector: its fields, their types and labels',
				action: 'Get the fields of a GetConnector',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getMetaInfo.description,
];
