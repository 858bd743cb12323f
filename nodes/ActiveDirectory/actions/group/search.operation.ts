import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { lookup, searchDescription } from '../directoryLookup';

export const description: INodeProperties[] = searchDescription('group');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await lookup(this, 'group', 'search');
}
