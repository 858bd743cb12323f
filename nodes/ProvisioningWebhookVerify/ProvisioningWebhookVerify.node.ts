import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as hrEvent from './actions/hrEvent/HrEvent.resource';
import { vaultCredentialTest } from '../shared/vaultCredentialTest';
import { hrEventCredentialTest } from './methods/credentialTest';

// Not usableAsTool: it checks a webhook request's raw bytes and headers, nothing an AI agent has or asks for.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class ProvisioningWebhookVerify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Provisioning Verify HR Event',
		name: 'provisioningWebhookVerify',
		icon: { light: 'file:provisioningWebhookVerify.svg', dark: 'file:provisioningWebhookVerify.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Check the HMAC signature, timestamp and uniqueness of an HR system’s webhook request before anything is imported',
		defaults: { name: 'Provisioning Verify HR Event' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Verified' },
			{ type: NodeConnectionTypes.Main, displayName: 'Rejected' },
		],
		credentials: [
			{ name: 'provisioningHrEventApi', required: true, testedBy: 'provisioningHrEventSettingsTest' },
			{ name: 'provisioningVaultApi', required: false, testedBy: 'provisioningVaultConnectionTest' },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'HR Event', value: 'hrEvent' }],
				default: 'hrEvent',
			},
			...hrEvent.description,
		],
	};

	methods = { credentialTest: { ...vaultCredentialTest, ...hrEventCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
