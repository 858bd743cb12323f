import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { unmerge } from '../../../../lib/aggregation';
import { withVault } from '../../../shared/vault';
import { DECIDED_BY_OPTION, decidedBy, perItem, requiredId } from './shared';

const show = { resource: ['aggregation'], operation: ['unmerge'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Person ID',
		name: 'personId',
		type: 'string',
		required: true,
		default: '={{ $json.personId }}',
		description: 'Vault ID of the merged person to split off (not its external ID)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			DECIDED_BY_OPTION,
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				description: 'Stored with the never-merge that keeps later runs from merging the two again',
			},
		],
	},
];

/** Undoes the merge of each person; later runs do not merge it with its former survivor again. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const personId = requiredId(this, 'personId', 'Person ID', itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const result = await unmerge(vault, personId, {
				by: decidedBy(options),
				reason: String(options.reason ?? '').trim() || undefined,
			});
			return { ...result };
		}),
	);
}
