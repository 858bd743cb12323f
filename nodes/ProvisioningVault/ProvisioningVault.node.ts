import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as correlation from './actions/correlation/Correlation.resource';
import * as vault from './actions/vault/Vault.resource';
import { vaultCredentialTest } from '../shared/vaultCredentialTest';

export class ProvisioningVault implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Provisioning Vault',
		name: 'provisioningVault',
		icon: { light: 'file:provisioningVault.svg', dark: 'file:provisioningVault.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Inspect the provisioning vault (where it is, its schema version, what it holds) and correlate persons with exported accounts',
		defaults: { name: 'Provisioning Vault' },
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
					{ name: 'Vault', value: 'vault' },
					{ name: 'Correlation', value: 'correlation' },
				],
				default: 'vault',
			},
			...vault.description,
			...correlation.description,
		],
	};

	methods = { credentialTest: vaultCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
