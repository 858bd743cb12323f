import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { approvePlan } from '../../../../lib/evaluation';
import { withVault } from '../../../shared/vault';
import { planIdProperty, planItems, requiredPlanId, toNodeError } from './planItems';

export const description: INodeProperties[] = [
	planIdProperty('approvePlan'),
	{
		displayName: 'Approved By',
		name: 'approvedBy',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'it-admin@example.com',
		description: 'Who approves: recorded with the plan and in the audit log',
		displayOptions: { show: { resource: ['plan'], operation: ['approvePlan'] } },
	},
];

/** One approval per input item, so a workflow can approve what an admin confirmed (e.g. after Send and Wait). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	await withVault(this, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const planId = requiredPlanId(this, itemIndex);
				const result = await approvePlan(vault, planId, String(this.getNodeParameter('approvedBy', itemIndex) ?? ''));
				output.push(...planItems(result, itemIndex, false));
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
	});
	return [output, []];
}
