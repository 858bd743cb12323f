import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret an HR system signs its webhook events with (see docs/hr-event-webhook.md). Nothing
 * here calls out: the Provisioning Verify HR Event node checks incoming requests with it.
 */
export class ProvisioningHrEventApi implements ICredentialType {
	name = 'provisioningHrEventApi';

	displayName = 'Provisioning HR Event API';

	icon = 'file:provisioningHrEvent.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-provisioning/n8n-nodes-provisioning/blob/main/docs/hr-event-webhook.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Shared Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The same secret the HR system signs with: at least 32 random characters, e.g. from openssl rand -hex 32',
		},
		{
			displayName: 'Signature Header',
			name: 'signatureHeader',
			type: 'string',
			default: 'X-Signature',
			description: 'Header carrying sha256= and the hex HMAC-SHA256 of "<timestamp>.<raw body>"',
		},
		{
			displayName: 'Timestamp Header',
			name: 'timestampHeader',
			type: 'string',
			default: 'X-Timestamp',
			description: 'Header carrying the Unix time in seconds the request was signed at',
		},
		{
			displayName: 'Tolerance (Seconds)',
			name: 'toleranceSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description: 'How far the timestamp may be from the n8n host’s clock, either way. A request seen before within twice this time is a replay and refused.',
		},
	];
}
