import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_THRESHOLDS,
	type ContractSortKey,
	type ImportOptions,
	PERSON_FIELDS,
	type PersonField,
	runImport,
	type SourceThresholds,
} from '../../../../lib/import';
import { withVault } from '../../../shared/vault';
import { mappingProperties, readMapping } from './mappingParameters';
import { resultItems, summaryJson } from './importResultItems';

const show = { show: { resource: ['import'], operation: ['import'] } };

const thresholdOption = (kind: string, what: string): INodeProperties[] => [
	{
		displayName: `Max ${what}`,
		name: `max${kind}`,
		type: 'number',
		default: '',
		description: `Hold the import when more persons than this are ${what.toLowerCase()} (empty: no absolute limit)`,
	},
	{
		displayName: `Max ${what} %`,
		name: `max${kind}Percent`,
		type: 'number',
		default: '',
		description: `Hold the import when more than this percentage of the previous snapshot's persons are ${what.toLowerCase()}`,
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Source System',
		name: 'source',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'AFAS',
		description: 'Name of the HR source these rows come from; several sources feed one vault',
		displayOptions: show,
	},
	{
		displayName: 'Rows',
		name: 'rowShape',
		type: 'options',
		options: [
			{ name: 'One Row per Contract', value: 'contract', description: 'Rows with the same person key form one person' },
			{ name: 'One Row per Person', value: 'person', description: 'Each row holds its contracts in an array' },
		],
		default: 'contract',
		displayOptions: show,
	},
	{
		displayName: 'Contracts Field',
		name: 'contractsPath',
		type: 'string',
		default: 'contracts',
		description: 'Path of the array of contracts in each row',
		displayOptions: { show: { ...show.show, rowShape: ['person'] } },
	},
	{
		displayName: 'Import Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Full Export', value: 'full', description: 'Persons missing from the rows have left' },
			{ name: 'Changed Persons Only', value: 'single', description: 'Update only the persons given, e.g. from an HR webhook' },
		],
		default: 'full',
		displayOptions: show,
	},
	...mappingProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...show.show, ...(property.displayOptions?.show ?? {}) } },
	})),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'As-Of Date', name: 'asOf', type: 'string', default: '', placeholder: '2026-01-31', description: 'Date that decides which contracts are active (default: today)' },
			{ displayName: 'Date Format', name: 'dateFormat', type: 'string', default: 'iso', description: "How HR writes dates: 'iso' (2026-01-31 or a timestamp) or luxon tokens such as dd-MM-yyyy" },
			{ displayName: 'Max Change Items', name: 'maxChanges', type: 'number', default: 100, description: 'Changed persons output as items; all are stored in the vault' },
			...thresholdOption('Added', 'Added'),
			...thresholdOption('Removed', 'Removed'),
			...thresholdOption('Blocked', 'Blocked'),
			{
				displayName: 'Primary Contract Order',
				name: 'primaryOrder',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Which contract is primary; default: FTE descending, end date descending, start date ascending',
				options: [
					{
						displayName: 'Sort Key',
						name: 'keys',
						values: [
							{ displayName: 'Field', name: 'field', type: 'options', options: ['fte', 'startDate', 'endDate', 'externalId', 'type', 'title'].map((value) => ({ name: value, value })), default: 'fte' },
							{ displayName: 'Direction', name: 'direction', type: 'options', options: [{ name: 'Ascending', value: 'asc' }, { name: 'Descending', value: 'desc' }], default: 'desc' },
						],
					},
				],
			},
			{
				displayName: 'Required Fields',
				name: 'requiredFields',
				type: 'multiOptions',
				options: PERSON_FIELDS.map((value) => ({ name: value, value })),
				default: ['familyName'],
				description: 'A person missing one of these is blocked: kept out of business rules, with the reason',
			},
			{ displayName: 'Source Priority', name: 'sourcePriority', type: 'number', default: 100, description: 'Lower wins when aggregation merges persons of several sources' },
			{ displayName: 'Time Zone', name: 'timeZone', type: 'string', default: 'UTC', placeholder: 'Europe/Amsterdam', description: 'Zone the HR dates are in' },
		],
	},
];

function thresholds(options: IDataObject): SourceThresholds {
	const limit = (kind: string) => {
		const max = options[`max${kind}`];
		const maxPercent = options[`max${kind}Percent`];
		const set = (value: unknown) => value !== undefined && value !== '' && value !== null;
		return set(max) || set(maxPercent)
			? { max: set(max) ? Number(max) : undefined, maxPercent: set(maxPercent) ? Number(maxPercent) : undefined }
			: undefined;
	};
	return {
		added: limit('Added') ?? DEFAULT_THRESHOLDS.added,
		removed: limit('Removed') ?? DEFAULT_THRESHOLDS.removed,
		blocked: limit('Blocked') ?? DEFAULT_THRESHOLDS.blocked,
	};
}

/** All input items are one HR export: one import for the whole run. Output 0: applied; output 1: held. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const get = (name: string) => this.getNodeParameter(name, 0);
	const options = get('options') as IDataObject;
	let importOptions: ImportOptions;
	try {
		importOptions = {
			source: String(get('source')),
			rowShape: get('rowShape') as 'contract' | 'person',
			contractsPath: get('rowShape') === 'person' ? String(get('contractsPath')) : undefined,
			mode: get('mode') as 'full' | 'single',
			mapping: readMapping(get),
			dates: { format: String(options.dateFormat ?? 'iso') || 'iso', timeZone: String(options.timeZone ?? 'UTC') || 'UTC' },
			requiredFields: options.requiredFields as PersonField[] | undefined,
			thresholds: thresholds(options),
			primaryContractOrder: ((options.primaryOrder as IDataObject | undefined)?.keys as ContractSortKey[] | undefined) ?? undefined,
			asOf: options.asOf ? String(options.asOf) : undefined,
			maxChanges: options.maxChanges === undefined ? 100 : Number(options.maxChanges),
			sourcePriority: options.sourcePriority === undefined ? undefined : Number(options.sourcePriority),
		};
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
	}
	const rows = this.getInputData(0).map((item) => item.json);
	let departments: IDataObject[] = [];
	try {
		departments = this.getInputData(1).map((item) => item.json);
	} catch {
		departments = []; // the Departments input is optional and may be unconnected
	}
	try {
		const result = await withVault(this, async (vault) => await runImport(vault, importOptions, rows, departments));
		return result.status === 'held' ? [[], [{ json: summaryJson(result), pairedItem: { item: 0 } }]] : [resultItems(result), []];
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}
