import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getDirectoryObject, searchDirectory, type DirectoryObjectKind } from '../../../lib/targets/activeDirectory';
import { adConnection } from '../transport/connection';
import { accountLocator, groupLocator } from './locators';
import { toNodeError } from './nodeError';

const RESOURCE: Record<'user' | 'group', string> = { user: 'account', group: 'group' };

export function getDescription(kind: 'user' | 'group'): INodeProperties[] {
	const show = { resource: [RESOURCE[kind]], operation: ['get'] };
	const locator = kind === 'user' ? accountLocator('id', 'Account') : groupLocator('id', 'Group');
	return [{ ...locator, displayOptions: { show } }];
}

export function searchDescription(kind: 'user' | 'group'): INodeProperties[] {
	const show = { resource: [RESOURCE[kind]], operation: ['search'] };
	return [
		{ displayName: 'Search Text', name: 'query', type: 'string', default: '', description: 'Part of a name, e-mail or employee ID (empty: all)', displayOptions: { show } },
		{ displayName: 'Search Base', name: 'base', type: 'string', default: '', placeholder: 'OU=Staff,DC=example,DC=com', description: 'Default: the whole domain', displayOptions: { show } },
		{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: { show } },
	];
}

/** Get (one by objectGUID, DN or name) or search, per input item: one output item per directory object. */
export async function lookup(context: IExecuteFunctions, kind: DirectoryObjectKind, operation: 'get' | 'search'): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const connection = await adConnection(context);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			if (operation === 'get') {
				const id = String(context.getNodeParameter('id', itemIndex, '', { extractValue: true }) ?? '').trim();
				const found = await getDirectoryObject(connection, kind, id);
				if (!found) throw new NodeOperationError(context.getNode(), `No ${kind} '${id}' in ${connection.baseDn}`, { itemIndex });
				output.push({ json: found as unknown as IDataObject, pairedItem });
			} else {
				const found = await searchDirectory(connection, {
					kind,
					query: context.getNodeParameter('query', itemIndex, '') as string,
					base: context.getNodeParameter('base', itemIndex, '') as string,
					limit: context.getNodeParameter('limit', itemIndex, 50) as number,
				});
				for (const object of found) output.push({ json: object as unknown as IDataObject, pairedItem });
			}
		} catch (error) {
			const nodeError = toNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem });
		}
	}
	return [output];
}
