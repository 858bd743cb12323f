import { importMapping } from '../mapping';
import { CONTRACT_FIELDS, DEPARTMENT_FIELDS, type ImportMapping, PERSON_FIELDS } from './options';
import { ImportError } from './importError';

/** Known field names per part; custom parts take any name. */
const PARTS: Record<keyof ImportMapping, readonly string[] | undefined> = {
	person: PERSON_FIELDS,
	personCustom: undefined,
	contract: CONTRACT_FIELDS,
	contractCustom: undefined,
	department: DEPARTMENT_FIELDS,
};

/** Reads an import mapping exported as JSON, naming the part and field of anything wrong. */
export function parseImportMapping(json: string): ImportMapping {
	let document: unknown;
	try {
		document = JSON.parse(json);
	} catch (error) {
		throw new ImportError(`The mapping is not valid JSON: ${(error as Error).message}`);
	}
	if (!document || typeof document !== 'object' || Array.isArray(document)) {
		throw new ImportError('The mapping must be a JSON object with the parts person, contract, ...');
	}
	const mapping: Record<string, unknown> = {};
	for (const [part, fields] of Object.entries(document)) {
		if (!(part in PARTS)) {
			throw new ImportError(`The mapping has an unknown part "${part}". Known parts: ${Object.keys(PARTS).join(', ')}`);
		}
		const known = PARTS[part as keyof ImportMapping];
		for (const field of Object.keys((fields as object) ?? {})) {
			if (known && !known.includes(field)) {
				throw new ImportError(`The mapping's ${part} part has an unknown field "${field}". Known fields: ${known.join(', ')}`);
			}
		}
		try {
			mapping[part] = importMapping(JSON.stringify(fields ?? {}));
		} catch (error) {
			throw new ImportError(`The mapping's ${part} part: ${(error as Error).message}`);
		}
	}
	if (!(mapping.person as Record<string, unknown> | undefined)?.externalId) {
		throw new ImportError('The mapping needs person.externalId: the key that identifies a person in the source');
	}
	return mapping as unknown as ImportMapping;
}

export function exportImportMapping(mapping: ImportMapping): string {
	return JSON.stringify(mapping, null, 2);
}
