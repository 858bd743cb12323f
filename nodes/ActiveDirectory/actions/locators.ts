import type { INodeProperties } from 'n8n-workflow';

/** A user account picked from a searchable list, or given by objectGUID, DN or sAMAccountName. */
export function accountLocator(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAccounts', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'objectGUID, DN or sAMAccountName' },
		],
	};
}

/** A group picked from a searchable list, or given by objectGUID, DN or name. */
export function groupLocator(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchGroups', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'objectGUID, DN or name' },
		],
	};
}
