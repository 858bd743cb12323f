import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { decideSuggestion } from '../../../../lib/aggregation';
import { withVault } from '../../../shared/vault';
import { DECIDED_BY_OPTION, decidedBy, perItem, requiredId } from './shared';

// The Suggestion ID parameter is shared with acceptSuggestion (its description shows it for both).
export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['aggregation'], operation: ['rejectSuggestion'] } },
		options: [
			DECIDED_BY_OPTION,
		],
	},
];

/** Closes each suggestion without merging; the pair is not suggested again. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const suggestionId = requiredId(this, 'suggestionId', 'Suggestion ID', itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const result = await decideSuggestion(vault, suggestionId, 'reject', decidedBy(options));
			return { ...result };
		}),
	);
}
