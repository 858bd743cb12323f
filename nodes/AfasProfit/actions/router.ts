import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as getConnector from './getConnector/GetConnector.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'getConnector' && operation === 'getAll') return [await getConnector.getAll.execute.call(this)];
	if (resource === 'getConnector' && operation === 'getMetaInfo') return [await getConnector.getMetaInfo.execute.call(this)];
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
}
