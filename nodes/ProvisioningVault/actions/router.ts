import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as correlation from './correlation/Correlation.resource';
import * as vault from './vault/Vault.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'vault' && operation === 'getStatus') return [await vault.getStatus.execute.call(this)];
	if (resource === 'correlation' && operation === 'reportFromItems') return [await correlation.reportFromItems.execute.call(this)];
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
}
