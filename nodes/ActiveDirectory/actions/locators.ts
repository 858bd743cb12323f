import type { INodeProperties } from 'n8n-workflow';

/** A directory object picked from a searchable list (`searchListMethod`), or given by an identifier. */
function directoryLocator(name: string, displayName: string, searchListMethod: string, idPlaceholder: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: idPlaceholder },
		],
	};
}

/** A user account picked from a searchable list, or given by objectGUID, DN or sAMAccountName. */
export const accountLocator = (name: string, displayName: string): INodeProperties =>
	directoryLocator(name, displayName, 'searchAccounts', 'objectGUID, DN or sAMAccountName');

/** A group picked from a searchable list, or given by objectGUID, DN or name. */
export const groupLocator = (name: string, displayName: string): INodeProperties =>
	directoryLocator(name, displayName, 'searchGroups', 'objectGUID, DN or name');
