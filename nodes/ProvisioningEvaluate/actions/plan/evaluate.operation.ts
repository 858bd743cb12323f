import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { evaluate, THRESHOLD_ACTIONS, type EvaluateOptions, type RuleSetChoice, type TargetThreshold } from '../../../../lib/evaluation';
import { withVault } from '../../../shared/vault';
import { maxItemsProperty, planItems, toNodeError } from './planItems';

const show = { resource: ['plan'], operation: ['evaluate'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Rule Set',
		name: 'ruleSet',
		type: 'options',
		options: [
			{ name: 'Published', value: 'published', description: 'The rules enforcement uses' },
			{ name: 'Draft', value: 'draft', description: 'Preview the draft: the plan cannot be enforced' },
			{ name: 'Version', value: 'version', description: 'A version by number: a preview unless it is the published one' },
		],
		default: 'published',
		displayOptions: { show },
	},
	{
		displayName: 'Version',
		name: 'ruleSetVersion',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Number of the rule set version to evaluate',
		displayOptions: { show: { ...show, ruleSet: ['version'] } },
	},
	{
		displayName: 'As-Of Date',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: '2026-01-31',
		description: 'Date the plan is made for (YYYY-MM-DD, default today): actions due by then are in it, so a future date previews joiners and leavers',
		displayOptions: { show },
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Full', value: 'full', description: 'Evaluate every person' },
			{
				name: 'Incremental',
				value: 'incremental',
				description: 'Evaluate only persons changed since the last plan; everyone after a rule change. Same result as Full.',
			},
		],
		default: 'full',
		displayOptions: { show },
	},
	{
		displayName: 'Targets',
		name: 'targets',
		type: 'string',
		default: '',
		placeholder: 'activeDirectory, entraId',
		description: 'Target systems to plan for, comma-separated; empty: all',
		displayOptions: { show },
	},
	{
		displayName: 'Thresholds',
		name: 'thresholds',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Threshold',
		default: {},
		description: 'A plan with more actions of a kind than allowed is blocked (second output) until an admin approves it',
		displayOptions: { show },
		options: [
			{
				displayName: 'Threshold',
				name: 'threshold',
				values: [
					{ displayName: 'Target', name: 'target', type: 'string', default: '*', description: "Target system name, or '*' for each target on its own" },
					{
						displayName: 'Action',
						name: 'action',
						type: 'options',
						options: THRESHOLD_ACTIONS.map((action) => ({ name: action[0].toUpperCase() + action.slice(1), value: action })),
						default: 'disable',
					},
					{ displayName: 'Max', name: 'max', type: 'number', default: '', description: 'Most actions allowed (empty: no absolute limit)' },
					{
						displayName: 'Max %',
						name: 'maxPercent',
						type: 'number',
						default: '',
						description: "Most actions allowed as a percentage of the target's managed accounts (empty: no percentage limit)",
					},
				],
			},
		],
	},
	maxItemsProperty('evaluate'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Correlate Targets',
				name: 'correlate',
				type: 'string',
				default: '',
				placeholder: 'activeDirectory',
				description:
					'Targets where a person without an account gets a Correlate action (link the existing target account) instead of Create, comma-separated',
			},
		],
	},
];

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

function readOptions(context: IExecuteFunctions): EvaluateOptions {
	const get = (name: string, fallback?: unknown) => context.getNodeParameter(name, 0, fallback);
	const choice = get('ruleSet') as string;
	const ruleSet: RuleSetChoice = choice === 'version' ? Number(get('ruleSetVersion')) : (choice as 'published' | 'draft');
	const asOf = String(get('asOf', '') ?? '').trim();
	const { threshold = [] } = get('thresholds', {}) as { threshold?: IDataObject[] };
	const thresholds: TargetThreshold[] = threshold.map((t) => ({
		target: String(t.target ?? '').trim(),
		action: t.action as TargetThreshold['action'],
		...(isSet(t.max) ? { max: Number(t.max) } : {}),
		...(isSet(t.maxPercent) ? { maxPercent: Number(t.maxPercent) } : {}),
	}));
	const options = get('options', {}) as IDataObject;
	return {
		ruleSet,
		// A Date & Time expression gives a timestamp: its date part is meant.
		asOf: asOf ? asOf.slice(0, 10) : undefined,
		mode: get('mode') as 'full' | 'incremental',
		targets: list(get('targets', '')),
		thresholds,
		maxItems: Number(get('maxItems', 100)),
		correlate: list(options.correlate),
	};
}

/** One plan for the whole vault, whatever the input. Output 0 (Ready): summary + actions; output 1 (Blocked): summary. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const options = readOptions(this);
		const result = await withVault(this, async (vault) => await evaluate(vault, options));
		return result.status === 'blocked' ? [[], planItems(result, 0, false)] : [planItems(result, 0), []];
	} catch (error) {
		const nodeError = toNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		return [[{ json: { error: nodeError.message }, pairedItem: { item: 0 } }], []];
	}
}
