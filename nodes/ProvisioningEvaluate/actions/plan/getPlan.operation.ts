import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPlan } from '../../../../lib/evaluation';
import { withVault } from '../../../shared/vault';
import { maxItemsProperty, planIdProperty, planItems, requiredPlanId, toNodeError } from './planItems';

export const description: INodeProperties[] = [planIdProperty('getPlan'), maxItemsProperty('getPlan')];

/** Per input item: the plan's summary, then its first actions in the order enforcement runs them. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	await withVault(this, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const planId = requiredPlanId(this, itemIndex);
				const result = await getPlan(vault, planId, Number(this.getNodeParameter('maxItems', itemIndex, 100)));
				output.push(...planItems(result, itemIndex));
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
	});
	return [output, []];
}
