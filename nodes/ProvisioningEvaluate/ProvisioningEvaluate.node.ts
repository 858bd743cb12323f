import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { vaultCredentialTest } from '../shared/vaultCredentialTest';
import * as plan from './actions/plan/Plan.resource';
import { router } from './actions/router';

export class ProvisioningEvaluate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Provisioning Evaluate',
		name: 'provisioningEvaluate',
		icon: { light: 'file:provisioningEvaluate.svg', dark: 'file:provisioningEvaluate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Evaluate business rules against the vault: a plan of account and permission changes, held back by target thresholds',
		defaults: { name: 'Provisioning Evaluate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Ready' },
			{ type: NodeConnectionTypes.Main, displayName: 'Blocked' },
		],
		credentials: [{ name: 'provisioningVaultApi', required: false, testedBy: 'provisioningVaultConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Plan', value: 'plan' }],
				default: 'plan',
			},
			...plan.description,
		],
	};

	methods = { credentialTest: vaultCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
