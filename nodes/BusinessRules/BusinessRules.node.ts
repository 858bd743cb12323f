import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { vaultCredentialTest } from '../shared/vaultCredentialTest';
import * as exclusion from './actions/exclusion/Exclusion.resource';
import { router } from './actions/router';
import * as ruleSet from './actions/ruleSet/RuleSet.resource';

export class BusinessRules implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Business Rules',
		name: 'businessRules',
		icon: { light: 'file:businessRules.svg', dark: 'file:businessRules.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["resource"] + ": " + $parameter["operation"]}}',
		description: 'Edit, version and publish the business rules that decide which accounts and permissions each person should have',
		defaults: { name: 'Business Rules' },
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
				options: [
					{ name: 'Rule Set', value: 'ruleSet' },
					{ name: 'Exclusion', value: 'exclusion' },
				],
				default: 'ruleSet',
			},
			...ruleSet.description,
			...exclusion.description,
		],
	};

	methods = { credentialTest: vaultCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
