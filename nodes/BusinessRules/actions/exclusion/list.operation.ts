import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listExclusions } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { toNodeError } from '../shared';

export const description: INodeProperties[] = [];

/** One item per excluded person. Runs once, whatever the input. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	try {
		const exclusions = await withVault(this, async (vault) => await listExclusions(vault));
		return exclusions.map((exclusion) => ({ json: { ...exclusion }, pairedItem: { item: 0 } }));
	} catch (error) {
		const nodeError = toNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: { error: nodeError.message }, pairedItem: { item: 0 } }];
	}
}
