import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { publish } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { perItem, versionJson } from '../shared';

export const description: INodeProperties[] = [
	{
		displayName: 'Version Number',
		name: 'publishVersion',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Leave 0 to publish the current draft; a number publishes that version (an earlier one rolls back to it)',
		displayOptions: { show: { resource: ['ruleSet'], operation: ['publish'] } },
	},
];

/** The draft (or the given version) becomes the published rule set; the one before is superseded. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const version = Number(this.getNodeParameter('publishVersion', itemIndex, 0)) || undefined;
			return [{ json: versionJson(await publish(vault, version)) }];
		}),
	);
}
