import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Where the provisioning vault lives. Shared by every pipeline node. */
export class ProvisioningVaultApi implements ICredentialType {
	name = 'provisioningVaultApi';

	displayName = 'Provisioning Vault';

	icon = 'file:provisioningVault.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-provisioning/n8n-nodes-provisioning/blob/main/docs/vault.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Database',
			name: 'backend',
			type: 'options',
			options: [
				{
					name: 'SQLite File',
					value: 'sqlite',
					description: 'Embedded, nothing to install: one file on the n8n host',
				},
				{
					name: 'PostgreSQL',
					value: 'postgres',
					description: 'For queue mode and large populations: several workers share one vault',
				},
			],
			default: 'sqlite',
		},
		{
			displayName: 'File Path',
			name: 'filePath',
			type: 'string',
			default: '',
			placeholder: '/home/node/.n8n/provisioning-vault.sqlite',
			description: 'Path of the SQLite file on the n8n host. Empty: provisioning-vault.sqlite in the n8n user folder.',
			displayOptions: { show: { backend: ['sqlite'] } },
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'provisioning',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require (Verify Certificate)', value: 'require' },
				{ name: 'Require (Do Not Verify Certificate)', value: 'no-verify' },
			],
			default: 'disable',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'CA Certificate',
			name: 'caCertificate',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: 'PEM certificate of the authority that signed the server certificate, when it is not a public one',
			displayOptions: { show: { backend: ['postgres'], ssl: ['require'] } },
		},
		{
			displayName: 'Max Connections',
			name: 'maxConnections',
			type: 'number',
			default: 10,
			displayOptions: { show: { backend: ['postgres'] } },
		},
	];
}
