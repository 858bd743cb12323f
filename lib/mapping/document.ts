import { validateMapping } from './compile';
import { checkMappingShape, VALUE_PROPERTY } from './shape';
import { MappingError, type CompileOptions, type Mapping, type MappingValue } from './types';

/** Only the properties each type uses, `type` first. */
function canonical(mapping: Mapping): Mapping {
	const out: Mapping = {};
	// Sorted field names: the same mapping always exports to the same text, whatever order it was edited in.
	for (const field of Object.keys(mapping).sort()) {
		const value = mapping[field];
		const property = VALUE_PROPERTY[value.type];
		out[field] = { type: value.type, [property]: (value as unknown as Record<string, unknown>)[property] } as unknown as MappingValue;
	}
	return out;
}

/** The mapping as pretty JSON with a stable key order, for files and version control. */
export function exportMapping(mapping: Mapping): string {
	checkMappingShape(mapping);
	return JSON.stringify(canonical(mapping), null, 2);
}

/**
 * Reads a mapping exported by exportMapping (or written by hand). Checks the shape of every
 * value and compiles it (syntax, functions, and paths when options name the known ones);
 * a bad document throws MappingError naming the field.
 */
export function importMapping(json: string, options: CompileOptions = {}): Mapping {
	let document: unknown;
	try {
		document = JSON.parse(json);
	} catch (error) {
		throw new MappingError(`The mapping document is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
	}
	checkMappingShape(document);
	validateMapping(document, options);
	return canonical(document);
}
