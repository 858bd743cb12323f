import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listSuggestions } from '../../../../lib/aggregation';
import type { SuggestionStatus } from '../../../../lib/vault/schema';
import { withVault } from '../../../shared/vault';
import { suggestionItem, toNodeError } from './shared';

const show = { resource: ['aggregation'], operation: ['listSuggestions'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Open', value: 'open', description: 'Waiting for a decision' },
			{ name: 'Accepted', value: 'accepted' },
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'All', value: 'all' },
		],
		default: 'open',
		displayOptions: { show },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

/** Page size when returning all: the vault is read in pages, n8n gets every item. */
const PAGE = 1000;

/** One item per suggestion, best score first, with both persons' key fields. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const status = this.getNodeParameter('status', 0) as SuggestionStatus | 'all';
	const returnAll = this.getNodeParameter('returnAll', 0) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 0) as number);
	try {
		return await withVault(this, async (vault) => {
			const items: INodeExecutionData[] = [];
			for (let offset = 0; items.length < limit; offset += PAGE) {
				const page = await listSuggestions(vault, { status, offset, limit: Math.min(PAGE, limit - items.length) });
				items.push(...page.map((suggestion) => suggestionItem(suggestion, 0)));
				if (page.length < PAGE) break;
			}
			return items;
		});
	} catch (error) {
		throw toNodeError(this, error, 0);
	}
}
