import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { decideSuggestion } from '../../../../lib/aggregation';
import { withVault } from '../../../shared/vault';
import { DECIDED_BY_OPTION, decidedBy, parseSourcePriority, perItem, requiredId } from './shared';

const show = { resource: ['aggregation'], operation: ['acceptSuggestion'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Suggestion ID',
		name: 'suggestionId',
		type: 'string',
		required: true,
		default: '={{ $json.suggestionId }}',
		description: 'ID of an open merge suggestion, as Run or List Suggestions output it',
		displayOptions: { show: { resource: ['aggregation'], operation: ['acceptSuggestion', 'rejectSuggestion'] } },
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
				displayName: 'Source Priority',
				name: 'sourcePriority',
				type: 'string',
				default: '',
				placeholder: 'AFAS, Contractors CSV',
				description: 'Source names, highest priority first, comma-separated, to choose the survivor. Empty: the sources’ own priority.',
			},
		],
	},
];

/** Merges the two persons of each suggestion, one input item per suggestion. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const suggestionId = requiredId(this, 'suggestionId', 'Suggestion ID', itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const result = await decideSuggestion(vault, suggestionId, 'accept', decidedBy(options), {
				sourcePriority: parseSourcePriority(options.sourcePriority),
			});
			return { ...result };
		}),
	);
}
