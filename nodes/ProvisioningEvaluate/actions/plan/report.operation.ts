import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { countPlanActions, renderActionsCsv, renderEvaluationReport } from '../../../../lib/reports';
import { withVault } from '../../../shared/vault';
import { planIdProperty, requiredPlanId, toNodeError } from './planItems';

const show = { resource: ['plan'], operation: ['report'] };

export const description: INodeProperties[] = [
	planIdProperty('report'),
	{
		displayName: 'Compare With Plan ID',
		name: 'compareWith',
		type: 'string',
		default: '',
		placeholder: 'ID of a plan of another rule set version',
		description: 'Optional: list per person which accounts and permissions this plan gives and that plan does not (gains), and the other way round (loses)',
		displayOptions: { show },
	},
	{
		displayName: 'Max Rows',
		name: 'maxRows',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10000,
		description: 'Most actions in the report’s table and per-person detail; the CSV always has every action',
		displayOptions: { show },
	},
];

/** Per input item: the plan as an HTML report (binary "report") and its actions as CSV (binary "csv"). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	await withVault(this, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const planId = requiredPlanId(this, itemIndex);
				const compareWith = String(this.getNodeParameter('compareWith', itemIndex, '') ?? '').trim();
				const maxRows = Number(this.getNodeParameter('maxRows', itemIndex, 10000));
				const html = await renderEvaluationReport(vault, planId, { maxRows, ...(compareWith ? { compareWith } : {}) });
				const csv = await renderActionsCsv(vault, planId);
				const actions = await countPlanActions(vault, planId);
				const report = await this.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), `evaluation-${planId}.html`, 'text/html');
				const table = await this.helpers.prepareBinaryData(Buffer.from(csv, 'utf8'), `evaluation-${planId}.csv`, 'text/csv');
				output.push({ json: { planId, actions }, binary: { report, csv: table }, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
	});
	return [output, []];
}
