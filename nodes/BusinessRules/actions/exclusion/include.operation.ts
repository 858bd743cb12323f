import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { includePerson } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { perItem } from '../shared';

export const description: INodeProperties[] = [];

/** Ends the exclusion: the next evaluation plans the person's actions again. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const personId = String(this.getNodeParameter('personId', itemIndex)).trim();
			const wasExcluded = await includePerson(vault, personId);
			return [{ json: { personId, excluded: false, wasExcluded } }];
		}),
	);
}
