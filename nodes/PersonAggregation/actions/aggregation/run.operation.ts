import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_AGGREGATION_CONFIG,
	DEFAULT_MAX_BLOCK_SIZE,
	listSuggestions,
	runAggregation,
	type AggregationConfig,
	type MatchRule,
} from '../../../../lib/aggregation';
import { withVault } from '../../../shared/vault';
import { parseSourcePriority, suggestionItem, toNodeError } from './shared';

const show = { resource: ['aggregation'], operation: ['run'] };

const FIELD_OPTIONS = [
	{ name: 'Birth Date', value: 'birthDate' },
	{ name: 'E-Mail', value: 'email' },
	{ name: 'External ID', value: 'externalId' },
	{ name: 'Family Name', value: 'familyName' },
	{ name: 'Given Name', value: 'givenName' },
	{ name: 'National ID', value: 'nationalId' },
	{ name: 'Phone', value: 'phone' },
];

interface RuleParameter {
	name?: string;
	fields?: string[];
	customFields?: string;
	score?: number;
}

export const description: INodeProperties[] = [
	{
		displayName: 'Match Rules',
		name: 'matchRules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Match Rule',
		description:
			'A pair of persons scores the sum of the rules whose fields are all filled and equal (ignoring case, accents and extra spaces)',
		default: {
			rule: DEFAULT_AGGREGATION_CONFIG.rules.map((rule) => ({ name: rule.name, fields: rule.fields, customFields: '', score: rule.score })),
		},
		displayOptions: { show },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Shown in merges and suggestions' },
					{
						displayName: 'Fields',
						name: 'fields',
						type: 'multiOptions',
						options: FIELD_OPTIONS,
						default: [],
						description: 'Person fields that must all be equal',
					},
					{
						displayName: 'Custom Fields',
						name: 'customFields',
						type: 'string',
						default: '',
						placeholder: 'badgeNumber, costCentre',
						description: 'Keys of custom person fields that must also be equal, comma-separated',
					},
					{ displayName: 'Score', name: 'score', type: 'number', default: 50, description: 'Points a pair gets when this rule matches' },
				],
			},
		],
	},
	{
		displayName: 'Auto-Merge Score',
		name: 'autoMergeScore',
		type: 'number',
		default: DEFAULT_AGGREGATION_CONFIG.autoMergeScore,
		description: 'Pairs scoring this or more are merged automatically',
		displayOptions: { show },
	},
	{
		displayName: 'Suggestion Score',
		name: 'suggestionScore',
		type: 'number',
		default: DEFAULT_AGGREGATION_CONFIG.suggestionScore,
		description: 'Pairs scoring this or more, but less than the auto-merge score, become merge suggestions for an admin',
		displayOptions: { show },
	},
	{
		displayName: 'Source Priority',
		name: 'sourcePriority',
		type: 'string',
		default: '',
		placeholder: 'AFAS, Contractors CSV',
		description:
			'Source names, highest priority first, comma-separated. The survivor of a merge comes from the first. Empty: the sources’ own priority.',
		displayOptions: { show },
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
				displayName: 'Max Items',
				name: 'maxItems',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 100,
				description: 'Most new suggestions to output as items after the summary; all are stored in the vault',
			},
			{
				displayName: 'Max Block Size',
				name: 'maxBlockSize',
				type: 'number',
				typeOptions: { minValue: 2 },
				default: DEFAULT_MAX_BLOCK_SIZE,
				description: 'A value shared by more persons than this (a switchboard phone number) is not used to match them',
			},
		],
	},
];

function readConfig(context: IExecuteFunctions): AggregationConfig {
	const { rule = [] } = context.getNodeParameter('matchRules', 0, {}) as { rule?: RuleParameter[] };
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const rules: MatchRule[] = rule.map((r) => ({
		name: String(r.name ?? '').trim(),
		fields: [
			...(r.fields ?? []),
			...String(r.customFields ?? '')
				.split(',')
				.map((key) => key.trim())
				.filter(Boolean)
				.map((key) => `custom.${key}`),
		],
		score: Number(r.score),
	}));
	return {
		rules,
		autoMergeScore: context.getNodeParameter('autoMergeScore', 0) as number,
		suggestionScore: context.getNodeParameter('suggestionScore', 0) as number,
		sourcePriority: parseSourcePriority(context.getNodeParameter('sourcePriority', 0, '')),
		maxBlockSize: options.maxBlockSize === undefined ? undefined : Number(options.maxBlockSize),
	};
}

/** One run for the whole vault, whatever the input: a summary item, then up to Max Items new suggestions. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const maxItems = Number((this.getNodeParameter('options', 0, {}) as IDataObject).maxItems ?? 100);
	try {
		const config = readConfig(this);
		return await withVault(this, async (vault) => {
			const { suggestionIds, ...summary } = await runAggregation(vault, config);
			const shown = maxItems > 0 ? await listSuggestions(vault, { ids: suggestionIds, status: 'all', limit: maxItems }) : [];
			return [
				{ json: { kind: 'summary', ...summary, suggestionsShown: shown.length }, pairedItem: { item: 0 } },
				...shown.map((suggestion) => suggestionItem(suggestion, 0)),
			];
		});
	} catch (error) {
		throw toNodeError(this, error, 0);
	}
}
