import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { vaultCredentialTest } from '../shared/vaultCredentialTest';
import * as account from './actions/account/Account.resource';
import * as correlation from './actions/correlation/Correlation.resource';
import * as group from './actions/group/Group.resource';
import * as plan from './actions/plan/Plan.resource';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';
import { activeDirectoryConnectionTest } from './transport/connection';

export class ActiveDirectory implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Provisioning Active Directory',
		name: 'activeDirectory',
		icon: { light: 'file:activeDirectory.svg', dark: 'file:activeDirectory.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Enforce provisioning plans in Active Directory: accounts, groups, OUs; preview, correlation report, lookups',
		defaults: { name: 'Active Directory' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Summary' },
			{ type: NodeConnectionTypes.Main, displayName: 'Events' },
		],
		credentials: [
			{ name: 'activeDirectoryApi', required: true, testedBy: 'activeDirectoryConnectionTest' },
			{ name: 'provisioningVaultApi', required: false, testedBy: 'provisioningVaultConnectionTest' },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Plan', value: 'plan' },
					{ name: 'Correlation', value: 'correlation' },
					{ name: 'Account', value: 'account' },
					{ name: 'Group', value: 'group' },
				],
				default: 'plan',
			},
			...plan.description,
			...correlation.description,
			...account.description,
			...group.description,
		],
	};

	methods = { credentialTest: { ...vaultCredentialTest, activeDirectoryConnectionTest }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
