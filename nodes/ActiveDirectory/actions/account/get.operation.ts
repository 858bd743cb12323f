import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getDescription, lookup } from '../directoryLookup';

export const description: INodeProperties[] = getDescription('user');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await lookup(this, 'user', 'get');
}
