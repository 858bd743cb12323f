import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { vaultCredentialTest } from '../shared/vaultCredentialTest';
import * as aggregation from './actions/aggregation/Aggregation.resource';
import { router } from './actions/router';

export class PersonAggregation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Person Aggregation',
		name: 'personAggregation',
		icon: { light: 'file:personAggregation.svg', dark: 'file:personAggregation.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Find and merge duplicate persons across HR sources by match rules, with suggestions, unmerge and never merge',
		defaults: { name: 'Person Aggregation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'provisioningVaultApi', required: false, testedBy: 'provisioningVaultConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Aggregation', value: 'aggregation' }],
				default: 'aggregation',
			},
			...aggregation.description,
		],
	};

	methods = { credentialTest: vaultCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
