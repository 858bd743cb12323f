import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AFAS_OPERATORS, VALUELESS_OPERATORS, type AfasFilter, type AfasRow, type AfasSort } from '../../transport/afas';
import { afasClient, toNodeError, type AfasClient } from '../../transport';
import { connectorParameter } from './connector';

const show = { resource: ['getConnector'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	connectorParameter('getAll'),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description: 'Conditions AFAS applies before it returns rows. Several filters must all match.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. Afdeling_code',
						description: 'Field ID in the GetConnector, as in its rows (Get Metainfo lists them)',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: AFAS_OPERATORS.map((o) => ({ name: o.name, value: o.code })),
						default: 1,
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Dates as YYYY-MM-DD. Contains, starts with and ends with need no % wildcards.',
						displayOptions: { hide: { operator: VALUELESS_OPERATORS } },
					},
				],
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Sort Field',
		default: {},
		description:
			'Fields that order the rows. AFAS requires a sort order for reliable paging: use fields that together are unique, such as Medewerker and Contract_ID.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. Medewerker',
					},
					{
						displayName: 'Descending',
						name: 'descending',
						type: 'boolean',
						default: false,
						description: 'Whether to sort from high to low',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description:
					'Rows per request (AFAS take). AFAS suggests keeping columns × rows under 150,000 per request.',
			},
			{
				displayName: 'Skip Empty Rows',
				name: 'skipEmptyRows',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out rows in which every field is empty',
			},
		],
	},
];

const isEmptyRow = (row: AfasRow) => Object.values(row).every((value) => value === null || value === undefined || value === '');

/** One output item per AFAS row, paired to the input item that asked for it. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	let client: AfasClient | undefined;
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const connector = String(this.getNodeParameter('connector', i, '', { extractValue: true })).trim();
			if (!connector) {
				throw new NodeOperationError(this.getNode(), 'No GetConnector is chosen', {
					itemIndex: i,
					description: 'Pick a GetConnector from the list or enter its name, e.g. HrEmployees.',
				});
			}
			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
			const options = this.getNodeParameter('options', i, {}) as { pageSize?: number; skipEmptyRows?: boolean };
			const rows = await (client ??= await afasClient(this)).getRows(connector, {
				filters: readFilters.call(this, i),
				sorts: readSorts.call(this, i),
				pageSize: options.pageSize ?? 1000,
				limit,
				keep: options.skipEmptyRows ? (row) => !isEmptyRow(row) : undefined,
			});
			for (const row of rows) output.push({ json: row as IDataObject, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
		}
	}
	return output;
}

function readFilters(this: IExecuteFunctions, i: number): AfasFilter[] {
	const raw = this.getNodeParameter('filters.filter', i, []) as Array<{ field?: string; operator?: number; value?: unknown }>;
	return raw.map((filter, index) => {
		const field = String(filter.field ?? '').trim();
		if (!field) {
			throw new NodeOperationError(this.getNode(), `Filter ${index + 1} has no field`, {
				itemIndex: i,
				description: 'Enter the field ID of the GetConnector to filter on, e.g. Afdeling_code.',
			});
		}
		return { field, operator: Number(filter.operator ?? 1), value: String(filter.value ?? '') };
	});
}

function readSorts(this: IExecuteFunctions, i: number): AfasSort[] {
	const raw = this.getNodeParameter('sort.field', i, []) as Array<{ field?: string; descending?: boolean }>;
	return raw.map((sort, index) => {
		const field = String(sort.field ?? '').trim();
		if (!field) {
			throw new NodeOperationError(this.getNode(), `Sort field ${index + 1} is empty`, {
				itemIndex: i,
				description: 'Enter the field ID of the GetConnector to sort on, e.g. Medewerker.',
			});
		}
		return { field, descending: sort.descending === true };
	});
}
