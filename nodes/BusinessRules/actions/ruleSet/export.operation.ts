import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { exportRuleSet, loadRuleSet } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { perItem, versionJson } from '../shared';
import { readSelector, selectorProperties } from './selector';

export const description: INodeProperties[] = selectorProperties('export');

/** The version's rules as a JSON file (binary "data", to commit to git) and as the item's JSON. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			const { version } = await loadRuleSet(vault, readSelector(this, itemIndex));
			const json = exportRuleSet(version.document);
			const fileName = `rule-set-v${version.version}.json`;
			const binary = await this.helpers.prepareBinaryData(Buffer.from(json, 'utf8'), fileName, 'application/json');
			return [{ json: { ...versionJson(version), fileName, document: JSON.parse(json) }, binary: { data: binary } }];
		}),
	);
}
