import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loadRuleSet } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { perItem, versionJson } from '../shared';
import { readSelector, selectorProperties } from './selector';

export const description: INodeProperties[] = selectorProperties('get');

/** One version with its rules document. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const { version } = await loadRuleSet(vault, readSelector(this, itemIndex));
			return [{ json: versionJson(version, true) }];
		}),
	);
}
