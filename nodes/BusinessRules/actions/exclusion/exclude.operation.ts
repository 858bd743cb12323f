import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { excludePerson } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { perItem } from '../shared';

const show = { resource: ['exclusion'], operation: ['exclude'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Board member: accounts managed by hand',
		description: 'Why the person is kept as is; shown wherever the exclusion is listed',
		displayOptions: { show },
	},
];

/** Excludes the person: evaluation plans no actions for them until they are included again. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const personId = String(this.getNodeParameter('personId', itemIndex));
			const reason = String(this.getNodeParameter('reason', itemIndex));
			const exclusion = await excludePerson(vault, personId, reason);
			return [{ json: { excluded: true, ...exclusion } }];
		}),
	);
}
