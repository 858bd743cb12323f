import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { neverMerge } from '../../../../lib/aggregation';
import { withVault } from '../../../shared/vault';
import { DECIDED_BY_OPTION, decidedBy, perItem, requiredId } from './shared';

const show = { resource: ['aggregation'], operation: ['neverMerge'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Person A ID',
		name: 'personA',
		type: 'string',
		required: true,
		default: '',
		description: 'Vault ID of the first person',
		displayOptions: { show },
	},
	{
		displayName: 'Person B ID',
		name: 'personB',
		type: 'string',
		required: true,
		default: '',
		description: 'Vault ID of the second person',
		displayOptions: { show },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Twins with the same birth date',
		description: 'Why these are different people, kept with the never-merge',
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
		],
	},
];

/** Marks each pair as different people: never merged, never suggested; open suggestions between them are rejected. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const personA = requiredId(this, 'personA', 'Person A ID', itemIndex);
			const personB = requiredId(this, 'personB', 'Person B ID', itemIndex);
			const reason = String(this.getNodeParameter('reason', itemIndex, '')).trim() || undefined;
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const result = await neverMerge(vault, personA, personB, reason, decidedBy(options));
			return { ...result };
		}),
	);
}
