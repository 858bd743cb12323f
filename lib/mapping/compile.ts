import { MAPPING_FUNCTIONS, type MappingFunction } from './functions';
import { compilePath, formatPath, parsePath, pathError, SyntaxProblem, type PathSegment } from './path';
import { checkMappingShape, checkValueShape } from './shape';
import { closestMatches, didYouMean } from './suggest';
import { parseTemplate, type TemplateNode } from './template';
import { toText } from './text';
import { MappingError, type CompiledValue, type CompileOptions, type Mapping, type MappingValue } from './types';

/** The paths a mapping may use, prepared once per compile. */
interface KnownPaths {
	roots?: Set<string>;
	/** Dotted keys without indexes: known paths and every object above them. */
	paths?: Set<string>;
	/** Keys of known paths written as `prefix.*`: anything below is allowed. */
	wildcards: string[];
	/** First segments of the known paths; a known root outside them is open. */
	pathRoots?: Set<string>;
}

/** Where errors point: the target field and whether it is a template or a field path. */
interface Site {
	field?: string;
	kind: 'template' | 'field';
	known?: KnownPaths;
}

function pathKey(segments: readonly PathSegment[]): string {
	return segments.filter((segment) => typeof segment === 'string').join('.');
}

function prepareKnown(options: CompileOptions): KnownPaths | undefined {
	if (options.knownRoots === undefined && options.knownPaths === undefined) return undefined;
	const known: KnownPaths = { wildcards: [] };
	if (options.knownRoots) known.roots = new Set(options.knownRoots);
	if (options.knownPaths) {
		known.paths = new Set();
		for (const written of options.knownPaths) {
			const wildcard = written.endsWith('.*');
			let names: string[];
			try {
				// "contracts[]" in a known path means "any index".
				names = pathKey(parsePath((wildcard ? written.slice(0, -2) : written).replace(/\[\s*\]/g, '[0]'))).split('.');
			} catch (error) {
				throw pathError(error, written, 'Known path');
			}
			if (wildcard) known.wildcards.push(names.join('.'));
			for (let i = 1; i <= names.length; i++) known.paths.add(names.slice(0, i).join('.'));
		}
		known.pathRoots = new Set([...known.paths].map((key) => key.split('.')[0]));
		known.roots ??= known.pathRoots;
	}
	return known;
}

function prefix(site: Site): string {
	const what = site.kind === 'template' ? 'Template' : 'Field mapping';
	return site.field === undefined ? what : `${what} for "${site.field}"`;
}

function checkPath(segments: PathSegment[], written: string, site: Site): void {
	const known = site.known;
	if (!known) return;
	const names = pathKey(segments).split('.');
	const fail = (hint: string): never => {
		throw new MappingError(`${prefix(site)} uses unknown path "${written}".${hint}`, { field: site.field, path: written });
	};
	if (known.roots && !known.roots.has(names[0])) {
		const roots = [...known.roots];
		fail(`${didYouMean(closestMatches(names[0], roots, false))} Known roots: ${roots.join(', ')}.`);
	}
	const paths = known.paths;
	// A root given in knownRoots that no known path describes is open: anything below it goes.
	if (!paths || !known.pathRoots?.has(names[0])) return;
	const isKnown = (key: string): boolean =>
		paths.has(key) || known.wildcards.some((wildcard) => key.startsWith(`${wildcard}.`));
	if (isKnown(names.join('.'))) return;
	// Compare the first unknown step with what exists at that level ("givn" → "given").
	let depth = names.length - 1;
	while (depth > 0 && !paths.has(names.slice(0, depth).join('.'))) depth--;
	const parent = names.slice(0, depth);
	const children = [...paths]
		.map((path) => path.split('.'))
		.filter((path) => path.length === depth + 1 && path.slice(0, depth).join('.') === parent.join('.'))
		.map((path) => path[depth]);
	const close = closestMatches(names[depth], children, false).map((child) => {
		const guess = [...parent, child, ...names.slice(depth + 1)].join('.');
		return isKnown(guess) ? guess : [...parent, child].join('.');
	});
	if (close.length > 0) fail(didYouMean(close));
	const listed = children.map((child) => [...parent, child].join('.')).join(', ');
	fail(parent.length > 0 ? ` Known paths under "${parent.join('.')}": ${listed}.` : ` Known paths: ${listed}.`);
}

function describeCount(min: number, max: number): string {
	if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
	return max === Infinity ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
}

/** The arguments of a call with the piped value put in its place. */
function callArguments(node: TemplateNode & { kind: 'call' }, definition: MappingFunction, site: Site): TemplateNode[] {
	const args = [...node.args];
	if (node.input) args.splice(Math.min(definition.pipeAt, args.length), 0, node.input);
	const piped = node.input !== undefined;
	const at = ` (position ${node.position})`;
	if (args.length < definition.min || args.length > definition.max) {
		// A piped call counts and lists only the arguments written in the parentheses.
		const shift = piped ? 1 : 0;
		const params = definition.params.filter((param, i) => !piped || i !== definition.pipeAt || param.endsWith('...'));
		const wanted = describeCount(definition.min - shift, definition.max - shift);
		const usage = `"${piped ? '| ' : ''}${node.name}" takes ${wanted}${params.length > 0 ? ` (${params.join(', ')})` : ''}${piped ? ' after the piped value' : ''}`;
		throw new MappingError(`${prefix(site)}: ${usage}, got ${args.length - shift}${at}.`, {
			field: site.field,
			position: node.position,
			functionName: node.name,
		});
	}
	for (const index of definition.numeric) {
		const arg = args[index];
		if (arg?.kind === 'literal' && typeof arg.value !== 'number') {
			throw new MappingError(
				`${prefix(site)}: "${node.name}" needs a number for ${definition.params[index]}, got ${JSON.stringify(arg.value)}${at}.`,
				{ field: site.field, position: arg.position, functionName: node.name },
			);
		}
	}
	return args;
}

function compileNode(node: TemplateNode, site: Site): CompiledValue {
	switch (node.kind) {
		case 'literal': {
			const value = node.value;
			return () => value;
		}
		case 'path':
			checkPath(node.segments, node.text, site);
			return compilePath(node.segments);
		case 'call': {
			const definition = MAPPING_FUNCTIONS.get(node.name);
			if (!definition) {
				const names = [...MAPPING_FUNCTIONS.keys()];
				throw new MappingError(
					`${prefix(site)} uses unknown function "${node.name}" (position ${node.position}). Known functions: ${names.join(', ')}.${didYouMean(closestMatches(node.name, names))}`,
					{ field: site.field, position: node.position, functionName: node.name },
				);
			}
			const args = callArguments(node, definition, site).map((arg) => compileNode(arg, site));
			const apply = definition.apply;
			if (args.length === 1) {
				const [first] = args;
				return (context) => apply([first(context)]);
			}
			if (args.length === 2) {
				const [first, second] = args;
				return (context) => apply([first(context), second(context)]);
			}
			return (context) => apply(args.map((arg) => arg(context)));
		}
	}
}

function compileTemplate(template: string, site: Site): CompiledValue {
	let parts;
	try {
		parts = parseTemplate(template);
	} catch (error) {
		if (!(error instanceof SyntaxProblem)) throw error;
		throw new MappingError(`${prefix(site)} has a syntax error at position ${error.position}: ${error.message}.`, {
			field: site.field,
			position: error.position,
		});
	}
	const pieces = parts.map((part) => (typeof part === 'string' ? part : compileNode(part, site)));
	if (pieces.length === 0) return () => '';
	if (pieces.length === 1) {
		const [only] = pieces;
		if (typeof only === 'string') return () => only;
		return (context) => toText(only(context));
	}
	return (context) => {
		let out = '';
		for (const piece of pieces) out += typeof piece === 'string' ? piece : toText(piece(context));
		return out;
	};
}

function compileWith(value: MappingValue, field: string | undefined, known: KnownPaths | undefined): CompiledValue {
	checkValueShape(value, field);
	switch (value.type) {
		case 'fixed': {
			const fixed = value.value;
			return () => fixed;
		}
		case 'field': {
			const site: Site = { field, kind: 'field', known };
			let segments;
			try {
				segments = parsePath(value.path);
			} catch (error) {
				throw pathError(error, value.path, prefix(site) + ': path', field);
			}
			checkPath(segments, formatPath(segments), site);
			return compilePath(segments);
		}
		case 'template':
			return compileTemplate(value.template, { field, kind: 'template', known });
	}
}

/**
 * Compiles one mapping value into a function of the input context. Parsing and checks happen
 * here, once; the returned function only evaluates. Templates always give text; field and
 * fixed values come back as they are. Throws MappingError for anything wrong.
 */
export function compileValue(value: MappingValue, options: CompileOptions = {}): CompiledValue {
	return compileWith(value, options.field, prepareKnown(options));
}

/** Compiles every field of a mapping, in the mapping's order: for callers that use each value as it is read. */
export function compileFields(mapping: Mapping, options: CompileOptions = {}): Array<readonly [string, CompiledValue]> {
	checkMappingShape(mapping);
	const known = prepareKnown(options);
	return Object.entries(mapping).map(([field, value]) => [field, compileWith(value, field, known)] as const);
}

/** Compiles every field of a mapping; the result maps a context to `{ targetField: value }`. */
export function compileMapping(mapping: Mapping, options: CompileOptions = {}): (context: object) => Record<string, unknown> {
	const fields = compileFields(mapping, options);
	return (context) => {
		const out: Record<string, unknown> = {};
		for (const [field, compiled] of fields) out[field] = compiled(context);
		return out;
	};
}

/** Throws MappingError for the first problem in the mapping: shape, syntax, functions, arguments, unknown paths. */
export function validateMapping(mapping: Mapping, options: CompileOptions = {}): void {
	compileMapping(mapping, options);
}
