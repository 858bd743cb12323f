import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An AFAS Profit app connector token. The node builds the `AfasToken <base64 of the token
 * XML>` header itself (nodes/AfasProfit/transport): a generic `authenticate` block only fills
 * header templates and cannot base64-encode the XML around the token.
 */
export class AfasProfitApi implements ICredentialType {
	name = 'afasProfitApi';

	displayName = 'AFAS Profit API';

	icon = 'file:afasProfit.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-provisioning/n8n-nodes-provisioning/blob/main/docs/afas.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment Number',
			name: 'environmentNumber',
			type: 'string',
			default: '',
			placeholder: '12345',
			description: 'The number of the AFAS Online environment, as in https://12345.rest.afas.online',
		},
		{
			displayName: 'Environment Type',
			name: 'environmentType',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://{number}.rest.afas.online' },
				{ name: 'Test', value: 'test', description: 'https://{number}.resttest.afas.online' },
				{ name: 'Accept', value: 'accept', description: 'https://{number}.restaccept.afas.online' },
			],
			default: 'production',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The token of the app connector user: the text between <data> and </data>. A complete <token>...</token> is accepted too.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://profit.example.com/ProfitRestServices',
			description:
				'Optional. The ProfitRestServices address for an on-premise Profit or a test server. When set, it replaces the address made from the environment number and type.',
		},
		{
			displayName: 'GetConnector for Test',
			name: 'testConnector',
			type: 'string',
			default: '',
			placeholder: 'HrEmployees',
			description:
				'Optional. The credential test reads one row of this GetConnector. Empty: it lists the GetConnectors the token may use.',
		},
	];
}
