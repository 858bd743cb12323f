import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { approveImport, rejectImport } from '../../../../lib/import';
import { withVault } from '../../../shared/vault';
import { resultItems } from './importResultItems';

export const description: INodeProperties[] = [
	{
		displayName: 'Import ID',
		name: 'importId',
		type: 'string',
		required: true,
		default: '={{ $json.importId }}',
		description: 'ID of a held import, as the Held output of an earlier import gave it',
		displayOptions: { show: { resource: ['import'], operation: ['approve', 'reject'] } },
	},
];

/** One decision per input item, so a workflow can approve what an admin confirmed. */
async function decide(context: IExecuteFunctions, decision: 'approve' | 'reject'): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	await withVault(context, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const importId = String(context.getNodeParameter('importId', itemIndex));
			try {
				const result = decision === 'approve' ? await approveImport(vault, importId) : await rejectImport(vault, importId);
				output.push(...resultItems(result).map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
			} catch (error) {
				if (!context.continueOnFail()) throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex });
				output.push({ json: { importId, error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
	});
	return [output, []];
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await decide(this, 'approve');
}

export async function executeReject(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await decide(this, 'reject');
}
