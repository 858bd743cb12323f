import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as aggregation from './aggregation/Aggregation.resource';

const operations = {
	run: aggregation.run,
	listSuggestions: aggregation.listSuggestions,
	acceptSuggestion: aggregation.acceptSuggestion,
	rejectSuggestion: aggregation.rejectSuggestion,
	unmerge: aggregation.unmerge,
	neverMerge: aggregation.neverMerge,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resource === 'aggregation' ? operations[operation as keyof typeof operations] : undefined;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	return [await handler.execute.call(this)];
}
