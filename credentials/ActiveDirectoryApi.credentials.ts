import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** A service account on the domain: the node binds with it over LDAPS or StartTLS (nodes/ActiveDirectory/transport). */
export class ActiveDirectoryApi implements ICredentialType {
	name = 'activeDirectoryApi';

	displayName = 'Active Directory (Provisioning) API';

	icon = 'file:activeDirectory.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-provisioning/n8n-nodes-provisioning/blob/main/docs/active-directory.md';

	properties: INodeProperties[] = [
		{
			displayName: 'LDAP URLs',
			name: 'urls',
			type: 'string',
			default: '',
			placeholder: 'ldaps://dc1.example.com, ldaps://dc2.example.com',
			description: 'One or more domain controllers, comma-separated: tried in order until one answers',
		},
		{
			displayName: 'Connection Security',
			name: 'security',
			type: 'options',
			options: [
				{ name: 'LDAPS (TLS, Port 636)', value: 'ldaps' },
				{ name: 'StartTLS (Port 389)', value: 'startTls' },
				{ name: 'None (Passwords Cannot Be Set)', value: 'none' },
			],
			default: 'ldaps',
		},
		{
			displayName: 'Bind DN or UPN',
			name: 'bindDn',
			type: 'string',
			default: '',
			placeholder: 'svc-provisioning@example.com',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base DN',
			name: 'baseDn',
			type: 'string',
			default: '',
			placeholder: 'DC=example,DC=com',
			description: 'The domain: unique values (usernames, e-mail addresses) are checked across it',
		},
		{
			displayName: 'CA Certificate (PEM)',
			name: 'caCertificate',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: "The certificate of the CA that signed the domain controllers' certificates; without it the system's CAs are trusted",
		},
		{
			displayName: 'Verify Server',
			name: 'verifyServer',
			type: 'boolean',
			default: true,
			description: 'Whether the domain controller’s certificate must verify. Turn off only for tests: anyone between n8n and the DC could then read the password.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			default: 10000,
			description: 'How long to wait for a connection and for each operation',
		},
	];
}
