import type { INodeProperties } from 'n8n-workflow';

import * as exportRuleSet from './export.operation';
import * as get from './get.operation';
import * as listVersions from './listVersions.operation';
import * as publish from './publish.operation';
import * as saveDraft from './saveDraft.operation';

export { exportRuleSet, get, listVersions, publish, saveDraft };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ruleSet'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				description: 'A version as a JSON file, to keep in git',
				action: 'Export a rule set version',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'The published rules, the draft, or a version by number',
				action: 'Get a rule set version',
			},
			{
				name: 'List Versions',
				value: 'listVersions',
				description: 'Every stored version with its status',
				action: 'List rule set versions',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Make the draft (or a version) the rules enforcement uses',
				action: 'Publish a rule set version',
			},
			{
				name: 'Save Draft',
				value: 'saveDraft',
				description: 'Validate rules and store them as the draft',
				action: 'Save the rule set draft',
			},
		],
		default: 'saveDraft',
	},
	...saveDraft.description,
	...publish.description,
	...get.description,
	...listVersions.description,
	...exportRuleSet.description,
];
