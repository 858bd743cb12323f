/** A target field's value read from the input context, e.g. `person.name.family`. */
export interface FieldMapping {
	type: 'field';
	/** Dotted path with optional [n] indexes or ['quoted name'] keys: `person.contracts[0].department.code`. */
	path: string;
}

/** The same value for every person. */
export interface FixedMapping {
	type: 'fixed';
	value: unknown;
}

/** Text with `{{ expression }}` blocks, e.g. `{{person.name.given | lower}}.{{person.name.family | lower}}`. */
export interface TemplateMapping {
	type: 'template';
	template: string;
}

export type MappingValue = FieldMapping | FixedMapping | TemplateMapping;

/** Target field name → how its value is made. */
export type Mapping = Record<string, MappingValue>;

/** A compiled mapping value: cheap to call once per person. */
export type CompiledValue = (context: object) => unknown;

export interface CompileOptions {
	/**
	 * Allowed first path segments, e.g. ['person', 'contract']. Unknown roots are errors.
	 * With knownPaths too, a root that no known path starts with allows anything below it.
	 */
	knownRoots?: string[];
	/**
	 * Allowed paths, e.g. ['person.name.given', 'person.contracts[].title', 'person.custom.*'].
	 * Indexes are ignored when comparing; a path may also name an object above a known path;
	 * a known path ending in `.*` allows anything below it.
	 */
	knownPaths?: string[];
	/** The target field being compiled; named in error messages. compileMapping sets it. */
	field?: string;
}

export interface MappingErrorDetails {
	/** The target field whose mapping is wrong. */
	field?: string;
	/** The path that is wrong or unknown. */
	path?: string;
	/** 1-based character position in the template or path. */
	position?: number;
	/** The function that is unknown or called wrongly. */
	functionName?: string;
}

/** A mapping that cannot be compiled; the message says what to change. */
export class MappingError extends Error {
	readonly field?: string;
	readonly path?: string;
	readonly position?: number;
	readonly functionName?: string;

	constructor(message: string, details: MappingErrorDetails = {}) {
		super(message);
		this.name = 'MappingError';
		this.field = details.field;
		this.path = details.path;
		this.position = details.position;
		this.functionName = details.functionName;
	}
}
