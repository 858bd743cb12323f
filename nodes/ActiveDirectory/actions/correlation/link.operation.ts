import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { linkAccount } from '../../../../lib/correlation';
import { directoryAccount, getDirectoryObject } from '../../../../lib/targets/activeDirectory';
import { withVault } from '../../../shared/vault';
import { adConnection } from '../../transport/connection';
import { toNodeError } from '../nodeError';
import { accountLocator } from '../locators';

const show = { resource: ['correlation'], operation: ['link'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Person ID',
		name: 'personId',
		type: 'string',
		default: '',
		required: true,
		description: 'The vault ID of the person who owns the account (from the correlation report)',
		displayOptions: { show },
	},
	{ ...accountLocator('account', 'Account'), displayOptions: { show } },
	{
		displayName: 'Target Name',
		name: 'targetName',
		type: 'string',
		default: 'activeDirectory',
		description: 'The target as business rules name it',
		displayOptions: { show },
	},
];

/** Links an existing AD account to a person, so enforcement manages it instead of creating another. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	await withVault(this, async (vault) => {
		const connection = await adConnection(this);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const id = String(this.getNodeParameter('account', itemIndex, '', { extractValue: true }) ?? '').trim();
				const found = id ? await getDirectoryObject(connection, 'user', id) : null;
				if (!found) throw new NodeOperationError(this.getNode(), `No user account '${id}' in ${connection.baseDn}`, { itemIndex });
				const account = directoryAccount(found);
				const result = await linkAccount(vault, {
					target: String(this.getNodeParameter('targetName', itemIndex, 'activeDirectory')).trim(),
					personId: String(this.getNodeParameter('personId', itemIndex, '')).trim(),
					accountRef: account.ref,
					account,
					by: `n8n-execution-${this.getExecutionId() ?? 'manual'}`,
				});
				output.push({ json: { ...result, account: account.name } as IDataObject, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
	});
	return [output];
}
