import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { CONTRACT_FIELDS, DEPARTMENT_FIELDS, type ImportMapping, parseImportMapping, PERSON_FIELDS } from '../../../../lib/import';
import type { MappingValue } from '../../../../lib/mapping';

const title = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

function entryCollection(name: string, displayName: string, fields: readonly string[] | undefined): INodeProperties {
	const fieldProperty: INodeProperties = fields
		? {
				displayName: 'Field',
				name: 'field',
				type: 'options',
				options: fields.map((field) => ({ name: title(field), value: field })),
				default: fields[0],
			}
		: { displayName: 'Field Name', name: 'field', type: 'string', default: '' };
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { mappingSource: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'entries',
				values: [
					fieldProperty,
					{
						displayName: 'Value Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Field Path', value: 'field', description: 'A path into the HR row, e.g. employee.lastName' },
							{ name: 'Fixed Value', value: 'fixed' },
							{ name: 'Template', value: 'template', description: 'E.g. {{ firstName | trim }}; see the mapping docs' },
						],
						default: 'field',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** An example that fits the shipped sample HR export; replace it with your source's fields. */
const EXAMPLE_MAPPING: ImportMapping = {
	person: {
		externalId: { type: 'field', path: 'employeeId' },
		givenName: { type: 'field', path: 'givenName' },
		familyPrefix: { type: 'field', path: 'familyPrefix' },
		familyName: { type: 'field', path: 'familyName' },
		birthDate: { type: 'field', path: 'birthDate' },
		email: { type: 'field', path: 'email' },
	},
	contract: {
		externalId: { type: 'field', path: 'contractId' },
		startDate: { type: 'field', path: 'startDate' },
		endDate: { type: 'field', path: 'endDate' },
		title: { type: 'field', path: 'jobTitle' },
		departmentCode: { type: 'field', path: 'departmentCode' },
		departmentName: { type: 'field', path: 'departmentName' },
		managerExternalId: { type: 'field', path: 'managerId' },
		fte: { type: 'field', path: 'fte' },
	},
};

export const mappingProperties: INodeProperties[] = [
	{
		displayName: 'Mapping Source',
		name: 'mappingSource',
		type: 'options',
		options: [
			{ name: 'JSON Document', value: 'json', description: 'One document, easy to keep in git (export it from the fields view)' },
			{ name: 'Fields Below', value: 'fields', description: 'Map each person and contract field here' },
		],
		default: 'json',
	},
	{
		displayName: 'Mapping (JSON)',
		name: 'mappingJson',
		type: 'json',
		default: JSON.stringify(EXAMPLE_MAPPING, null, 2),
		description: 'Keys: person, personCustom, contract, contractCustom, department. Values: {"type":"field","path":...}, {"type":"fixed","value":...} or {"type":"template","template":...}.',
		displayOptions: { show: { mappingSource: ['json'] } },
	},
	entryCollection('personFields', 'Person Fields', PERSON_FIELDS),
	entryCollection('personCustomFields', 'Person Custom Fields', undefined),
	entryCollection('contractFields', 'Contract Fields', CONTRACT_FIELDS),
	entryCollection('contractCustomFields', 'Contract Custom Fields', undefined),
	entryCollection('departmentFields', 'Department Fields', DEPARTMENT_FIELDS),
];

function entriesToMapping(collection: IDataObject | undefined): Record<string, MappingValue> {
	const mapping: Record<string, MappingValue> = {};
	for (const entry of ((collection?.entries as IDataObject[] | undefined) ?? [])) {
		const field = String(entry.field ?? '').trim();
		const value = String(entry.value ?? '');
		if (!field) continue;
		mapping[field] =
			entry.type === 'fixed'
				? { type: 'fixed', value }
				: entry.type === 'template'
					? { type: 'template', template: value }
					: { type: 'field', path: value };
	}
	return mapping;
}

/** The import mapping from the node's parameters, either view. */
export function readMapping(getParameter: (name: string) => unknown): ImportMapping {
	if (getParameter('mappingSource') === 'json') {
		const raw = getParameter('mappingJson');
		return parseImportMapping(typeof raw === 'string' ? raw : JSON.stringify(raw));
	}
	const department = entriesToMapping(getParameter('departmentFields') as IDataObject);
	return {
		person: entriesToMapping(getParameter('personFields') as IDataObject) as ImportMapping['person'],
		personCustom: entriesToMapping(getParameter('personCustomFields') as IDataObject),
		contract: entriesToMapping(getParameter('contractFields') as IDataObject),
		contractCustom: entriesToMapping(getParameter('contractCustomFields') as IDataObject),
		...(Object.keys(department).length ? { department: department as ImportMapping['department'] } : {}),
	};
}
