import type { INodeProperties } from 'n8n-workflow';

import * as enforce from './enforce.operation';
import * as preview from './preview.operation';

export { enforce, preview };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['plan'] } },
		options: [
			{ name: 'Enforce', value: 'enforce', description: 'Carry out the plan’s due actions in Active Directory', action: 'Enforce a plan in active directory' },
			{ name: 'Preview', value: 'preview', description: 'Show what enforcing would write, attribute by attribute, without writing', action: 'Preview a plan in active directory' },
		],
		default: 'enforce',
	},
	...enforce.description,
	...preview.description,
];
