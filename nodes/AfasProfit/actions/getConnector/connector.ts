import type { INodeProperties } from 'n8n-workflow';

/** The GetConnector to read: picked from the list AFAS gives for the token, or typed by name. */
export function connectorParameter(operation: string): INodeProperties {
	return {
		displayName: 'GetConnector',
		name: 'connector',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The GetConnector to read; it must be added to the app connector of the token',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGetConnectors', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. HrEmployees',
			},
		],
		displayOptions: { show: { resource: ['getConnector'], operation: [operation] } },
	};
}
