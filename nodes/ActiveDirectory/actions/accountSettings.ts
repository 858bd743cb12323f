import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ActiveDirectoryAccountsConfig, ActiveDirectoryConfig } from '../../../lib/targets/activeDirectory';
import { adConnection } from '../transport/connection';

/** The account mapping a new node starts with: HelloID's usual AD mapping, to adapt. */
export const DEFAULT_ACCOUNT_MAPPING = {
	attributes: {
		givenName: { type: 'field', path: 'person.name.given' },
		sn: { type: 'field', path: 'person.name.family' },
		displayName: { type: 'field', path: 'person.name.display' },
		title: { type: 'field', path: 'contract.title' },
		department: { type: 'field', path: 'contract.department.name' },
		company: { type: 'field', path: 'contract.employer', onCreateOnly: true },
	},
	unique: {
		sAMAccountName: [
			{ type: 'template', template: '{{person.name.given | normalizeDiacritics | stripNonAlphanumeric | lower}}.{{person.name.family | normalizeDiacritics | stripNonAlphanumeric | lower}}' },
			{ type: 'template', template: '{{person.name.given | initials | lower}}{{person.name.family | normalizeDiacritics | stripNonAlphanumeric | lower}}' },
		],
		userPrincipalName: [{ type: 'template', template: '{{account.sAMAccountName}}@example.com' }],
		mail: [{ type: 'template', template: '{{account.sAMAccountName}}@example.com' }],
	},
	password: { generate: true, length: 16 },
	setManager: true,
};

/** An OU picked from the directory (searchable list) or typed as a DN. */
function ouLocator(name: string, displayName: string, description: string, show: Record<string, string[]>): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		displayOptions: { show },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchOus', searchable: true } },
			{ displayName: 'By DN', name: 'dn', type: 'string', placeholder: 'OU=Users,OU=Staff,DC=example,DC=com' },
		],
	};
}

/** Where accounts live and how they are made: shared by enforce, preview and the correlation report. */
export function accountSettings(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Target Name',
			name: 'targetName',
			type: 'string',
			default: 'activeDirectory',
			description: 'The target as business rules name it: only the plan’s actions for this target are carried out',
			displayOptions: { show },
		},
		ouLocator('initialOu', 'OU for New Accounts', 'Where accounts are created', show),
		ouLocator('enabledOu', 'OU for Enabled Accounts', 'Optional: enabling an account moves it here', show),
		ouLocator('disabledOu', 'OU for Disabled Accounts', 'Optional: disabling an account moves it here', show),
		{
			displayName: 'Correlate Person Field',
			name: 'correlationPersonField',
			type: 'string',
			default: 'person.externalId',
			description: 'The person’s value that identifies their account, e.g. person.externalId (the employee number)',
			displayOptions: { show },
		},
		{
			displayName: 'With AD Attribute',
			name: 'correlationAttribute',
			type: 'string',
			default: 'employeeID',
			description: 'The account attribute holding that value; written on create',
			displayOptions: { show },
		},
		{
			displayName: 'Account Mapping (JSON)',
			name: 'accountMapping',
			type: 'json',
			default: JSON.stringify(DEFAULT_ACCOUNT_MAPPING, null, 2),
			description:
				'Attributes (field, fixed or template; onCreateOnly), unique values with candidates (sAMAccountName, cn, userPrincipalName, mail, proxyAddresses), password and manager. See docs/active-directory.md.',
			displayOptions: { show },
		},
		{
			displayName: 'Account Search Base',
			name: 'accountSearchBase',
			type: 'string',
			default: '',
			placeholder: 'OU=Staff,DC=example,DC=com',
			description: 'Where managed accounts are looked for (correlation, correlation report); default the whole domain',
			displayOptions: { show },
		},
		{
			displayName: 'Group Search Base',
			name: 'groupSearchBase',
			type: 'string',
			default: '',
			placeholder: 'OU=Groups,DC=example,DC=com',
			description: 'Where groups named by rules are looked up; default the whole domain',
			displayOptions: { show },
		},
	];
}

function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as string;
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The node's settings and credential as the connector's configuration. */
export async function activeDirectoryConfig(context: IExecuteFunctions, itemIndex: number): Promise<ActiveDirectoryConfig> {
	const raw = context.getNodeParameter('accountMapping', itemIndex, '{}');
	let mapping: Partial<ActiveDirectoryAccountsConfig>;
	try {
		mapping = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<ActiveDirectoryAccountsConfig>;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Account Mapping is not valid JSON: ${(error as Error).message}`, { itemIndex });
	}
	const initialOu = locatorValue(context, 'initialOu', itemIndex);
	if (!initialOu) throw new NodeOperationError(context.getNode(), 'Choose the OU for new accounts', { itemIndex });
	const text = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const groupSearchBase = text('groupSearchBase');
	const accountSearchBase = text('accountSearchBase');
	return {
		target: String(context.getNodeParameter('targetName', itemIndex, 'activeDirectory')).trim() || 'activeDirectory',
		connection: await adConnection(context),
		accounts: {
			...mapping,
			attributes: mapping.attributes ?? {},
			unique: mapping.unique ?? {},
			...(accountSearchBase ? { searchBase: accountSearchBase } : {}),
			initialOu,
			enabledOu: locatorValue(context, 'enabledOu', itemIndex),
			disabledOu: locatorValue(context, 'disabledOu', itemIndex),
			correlation: {
				personField: String(context.getNodeParameter('correlationPersonField', itemIndex, 'person.externalId')).trim(),
				attribute: String(context.getNodeParameter('correlationAttribute', itemIndex, 'employeeID')).trim(),
			},
		},
		...(groupSearchBase ? { groups: { searchBase: groupSearchBase } } : {}),
	};
}
