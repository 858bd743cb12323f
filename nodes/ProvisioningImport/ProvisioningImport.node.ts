import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as importResource from './actions/import/Import.resource';
import { vaultCredentialTest } from '../shared/vaultCredentialTest';

export class ProvisioningImport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Provisioning Import',
		name: 'provisioningImport',
		icon: { light: 'file:provisioningImport.svg', dark: 'file:provisioningImport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["source"]}}',
		description: 'Import HR rows into the provisioning vault as a snapshot of persons with contracts',
		defaults: { name: 'Provisioning Import' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'HR Rows' },
			{ type: NodeConnectionTypes.Main, displayName: 'Departments', required: false },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Applied' },
			{ type: NodeConnectionTypes.Main, displayName: 'Held' },
		],
		credentials: [{ name: 'provisioningVaultApi', required: false, testedBy: 'provisioningVaultConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Import', value: 'import' }],
				default: 'import',
			},
			...importResource.description,
		],
	};

	methods = { credentialTest: vaultCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
