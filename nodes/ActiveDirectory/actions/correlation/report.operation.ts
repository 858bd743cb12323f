import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildCorrelationReport, type CorrelationScope } from '../../../../lib/correlation';
import { createActiveDirectoryConnector } from '../../../../lib/targets/activeDirectory';
import { correlationReportItems } from '../../../shared/correlationItems';
import { withVault } from '../../../shared/vault';
import { accountSettings, activeDirectoryConfig } from '../accountSettings';
import { toNodeError } from '../nodeError';

const show = { resource: ['correlation'], operation: ['report'] };

export const description: INodeProperties[] = [
	...accountSettings(show),
	{
		displayName: 'Persons in Scope',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'All Active Persons', value: 'activePersons' },
			{ name: 'Persons with a Running Contract', value: 'activeContract' },
		],
		default: 'activePersons',
		description: 'Who is listed as missing an account',
		displayOptions: { show },
	},
	{
		displayName: 'Max Items per Category',
		name: 'maxItems',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description: 'Entries output as items and listed in the report per category; the counts always cover everyone',
		displayOptions: { show },
	},
];

/**
 * HelloID's correlation report for Active Directory: the first item has the counts and the
 * report as HTML (binary "report") and CSV (binary "csv"); then one item per listed entry.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	await withVault(this, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				const connector = createActiveDirectoryConnector(await activeDirectoryConfig(this, itemIndex));
				try {
					const report = await buildCorrelationReport(vault, connector, {
						scope: this.getNodeParameter('scope', itemIndex, 'activePersons') as CorrelationScope,
						maxItems: this.getNodeParameter('maxItems', itemIndex, 1000) as number,
					});
					output.push(...(await correlationReportItems(this, report, itemIndex)));
				} finally {
					await connector.close();
				}
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem });
			}
		}
	});
	return [output];
}
