import type { INodeProperties } from 'n8n-workflow';

import * as acceptSuggestion from './acceptSuggestion.operation';
import * as listSuggestions from './listSuggestions.operation';
import * as neverMerge from './neverMerge.operation';
import * as rejectSuggestion from './rejectSuggestion.operation';
import * as run from './run.operation';
import * as unmerge from './unmerge.operation';

export { acceptSuggestion, listSuggestions, neverMerge, rejectSuggestion, run, unmerge };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['aggregation'] } },
		options: [
			{
				name: 'Run',
				value: 'run',
				description: 'Match persons by the rules: merge sure duplicates, suggest likely ones',
				action: 'Run person aggregation',
			},
			{
				name: 'List Suggestions',
				value: 'listSuggestions',
				description: 'Merge suggestions with both persons’ key fields',
				action: 'List merge suggestions',
			},
			{
				name: 'Accept Suggestion',
				value: 'acceptSuggestion',
				description: 'Merge the two persons of a suggestion',
				action: 'Accept a merge suggestion',
			},
			{
				name: 'Reject Suggestion',
				value: 'rejectSuggestion',
				description: 'Keep the two persons apart; the pair is not suggested again',
				action: 'Reject a merge suggestion',
			},
			{
				name: 'Unmerge',
				value: 'unmerge',
				description: 'Split a merged person off again and keep it apart',
				action: 'Unmerge a person',
			},
			{
				name: 'Never Merge',
				value: 'neverMerge',
				description: 'Mark two persons as different people',
				action: 'Mark two persons as never merge',
			},
		],
		default: 'run',
	},
	...run.description,
	...listSuggestions.description,
	...acceptSuggestion.description,
	...rejectSuggestion.description,
	...unmerge.description,
	...neverMerge.description,
];
