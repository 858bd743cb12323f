import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hrEvent'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description: 'Check signature, timestamp and replay; verified events leave with their JSON body, the rest on Rejected',
				action: 'Verify an HR event',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
