import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { accountsFromItems, buildCorrelationReport, type CorrelationScope } from '../../../../lib/correlation';
import { correlationReportItems } from '../../../shared/correlationItems';
import { withVault } from '../../../shared/vault';

const show = { resource: ['correlation'], operation: ['reportFromItems'] };
const text = (displayName: string, name: string, value: string, description: string): INodeProperties => ({ displayName, name, type: 'string', default: value, description, displayOptions: { show } });

export const description: INodeProperties[] = [
	text('Target Name', 'targetName', 'activeDirectory', 'The target the accounts come from, as rules name it'),
	text('Correlate Person Field', 'personField', 'person.externalId', 'The person’s value that identifies their account'),
	text('With Account Field', 'correlationField', 'employeeID', 'The field of each account item holding that value'),
	text('Account Name Field', 'nameField', 'sAMAccountName', 'The field with the account’s name'),
	text('Account ID Field', 'refField', '', 'The field that identifies the account (e.g. objectGUID); default the name'),
	text('Enabled Field', 'enabledField', '', 'Optional: the field saying whether the account is enabled (true/false)'),
	{
		displayName: 'Persons in Scope',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'All Active Persons', value: 'activePersons' },
			{ name: 'Persons with a Running Contract', value: 'activeContract' },
		],
		default: 'activePersons',
		displayOptions: { show },
	},
	{ displayName: 'Max Items per Category', name: 'maxItems', type: 'number', typeOptions: { minValue: 0 }, default: 1000, displayOptions: { show } },
];

/**
 * HelloID's correlation report against accounts given as input items (an export of a directory
 * from any node), before a target is connected: one report over all input items.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const get = (name: string) => String(this.getNodeParameter(name, 0, '') ?? '').trim();
	const accounts = this.getInputData().map((item) => item.json as IDataObject);
	return await withVault(this, async (vault) => {
		const source = accountsFromItems(accounts, {
			target: get('targetName') || 'activeDirectory',
			personField: get('personField'),
			correlationField: get('correlationField'),
			nameField: get('nameField'),
			refField: get('refField') || undefined,
			enabledField: get('enabledField') || undefined,
		});
		const report = await buildCorrelationReport(vault, source, { scope: this.getNodeParameter('scope', 0) as CorrelationScope, maxItems: this.getNodeParameter('maxItems', 0) as number });
		return await correlationReportItems(this, report, 0);
	});
}
