import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compileRuleSet, saveDraft } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { perItem, versionJson } from '../shared';
import { readRuleSet, rulesProperties } from './rulesParameters';

const show = { resource: ['ruleSet'], operation: ['saveDraft'] };

export const description: INodeProperties[] = [
	...rulesProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...show, ...(property.displayOptions?.show ?? {}) } },
	})),
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		placeholder: 'Managers get VPN',
		description: 'What changed, kept with the version',
		displayOptions: { show },
	},
];

/** Validates the rules and stores them as the draft (a new version, or replacing the current draft). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await withVault(this, async (vault) =>
		perItem(this, async (itemIndex) => {
			let document: unknown;
			try {
				document = readRuleSet((name) => this.getNodeParameter(name, itemIndex));
			} catch (error) {
				throw new NodeOperationError(this.getNode(), `The rules JSON is not valid JSON: ${(error as Error).message}`, { itemIndex });
			}
			const compiled = compileRuleSet(document);
			const saved = await saveDraft(vault, compiled.document, String(this.getNodeParameter('note', itemIndex, '')));
			return [{ json: { ...versionJson(saved), targets: [...compiled.targets] } }];
		}),
	);
}
