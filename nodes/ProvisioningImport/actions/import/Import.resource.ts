import type { INodeProperties } from 'n8n-workflow';

import * as approve from './approve.operation';
import * as exportMapping from './exportMapping.operation';
import * as importOperation from './import.operation';
import * as reject from './reject.operation';

export { approve, exportMapping, importOperation, reject };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['import'] } },
		options: [
			{ name: 'Import', value: 'import', description: 'Import HR rows as a new snapshot', action: 'Import HR rows' },
			{ name: 'Approve Held Import', value: 'approve', description: 'Apply an import a threshold held', action: 'Approve a held import' },
			{ name: 'Reject Held Import', value: 'reject', description: 'Discard an import a threshold held', action: 'Reject a held import' },
			{ name: 'Export Mapping', value: 'exportMapping', description: 'Output the mapping as a JSON document', action: 'Export the import mapping' },
		],
		default: 'import',
	},
	...importOperation.description,
	...approve.description,
	...reject.description,
	...exportMapping.description,
];
