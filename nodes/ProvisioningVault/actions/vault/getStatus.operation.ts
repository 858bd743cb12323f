import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { withVault } from '../../../shared/vault';

export const description: INodeProperties[] = [];

/** One item for the whole run: the vault is one store, not one per input item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const status = await withVault(this, async (vault) => await vault.status());
	return [{ json: { ...status }, pairedItem: { item: 0 } }];
}
