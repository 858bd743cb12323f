import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getDescription, lookup } from '../directoryLookup';

export const description: INodeProperties[] = getDescription('group');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await lookup(this, 'group', 'get');
}
