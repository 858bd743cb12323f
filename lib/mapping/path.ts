import { MappingError } from './types';

/** A path step: a property name or an array index. */
export type PathSegment = string | number;

/** A syntax problem at a 1-based position; the caller adds which field it belongs to. */
export class SyntaxProblem extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
	}
}

const SIMPLE_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * Splits `employee.contracts[0].department.code` into ['employee', 'contracts', 0, 'department', 'code'].
 * Names run up to the next `.` or `[`, so `Employee ID` is one name; `['a.b']` quotes a name that holds a dot.
 */
export function parsePath(path: string): PathSegment[] {
	if (path.length === 0) throw new SyntaxProblem('the path is empty', 1);
	const segments: PathSegment[] = [];
	let i = 0;
	while (i < path.length) {
		const c = path[i];
		if (c === '[') {
			i = readBracket(path, i, segments);
			continue;
		}
		if (c === ']') throw new SyntaxProblem('"]" without "["', i + 1);
		if (c === '.') {
			if (segments.length === 0) throw new SyntaxProblem('the path starts with "."', i + 1);
			i++;
			if (i >= path.length || '.[]'.includes(path[i])) throw new SyntaxProblem('expected a name after "."', i + 1);
		} else if (segments.length > 0) {
			throw new SyntaxProblem('expected "." or "[" before a name', i + 1);
		}
		let end = i;
		while (end < path.length && !'.[]'.includes(path[end])) end++;
		segments.push(path.slice(i, end));
		i = end;
	}
	return segments;
}

const NAME = /[\p{L}_$][\p{L}\p{N}_$]*/uy;

/** Can a template path start at `index`? */
export function isPathStart(text: string, index: number): boolean {
	NAME.lastIndex = index;
	return NAME.test(text);
}

/**
 * Reads a path inside a template, starting at `start`: names of letters, digits, _ and $
 * joined by ".", with [n] and ['quoted name'] steps. Stops at the first character that
 * cannot continue the path.
 */
export function scanPath(text: string, start: number): { segments: PathSegment[]; end: number } {
	const segments: PathSegment[] = [];
	let i = start;
	let expectName = true;
	for (;;) {
		if (expectName) {
			NAME.lastIndex = i;
			const name = NAME.exec(text);
			if (!name) throw new SyntaxProblem(`expected a name${i > start ? ' after "."' : ''}`, i + 1);
			segments.push(name[0]);
			i = NAME.lastIndex;
			expectName = false;
		} else if (text[i] === '.') {
			i++;
			expectName = true;
		} else if (text[i] === '[') {
			i = readBracket(text, i, segments);
		} else {
			return { segments, end: i };
		}
	}
}

/** Reads `[0]`, `['name']` or `["name"]` starting at `start` (the "["); returns the index after "]". */
function readBracket(path: string, start: number, segments: PathSegment[]): number {
	let i = skipSpaces(path, start + 1);
	const c = path[i];
	if (c !== undefined && c >= '0' && c <= '9') {
		let end = i;
		while (end < path.length && path[end] >= '0' && path[end] <= '9') end++;
		segments.push(Number(path.slice(i, end)));
		i = end;
	} else if (c === "'" || c === '"') {
		const { value, end } = readQuoted(path, i);
		segments.push(value);
		i = end;
	} else {
		throw new SyntaxProblem('expected a number or a quoted name after "["', i + 1);
	}
	i = skipSpaces(path, i);
	if (path[i] !== ']') throw new SyntaxProblem('expected "]"', i + 1);
	return i + 1;
}

function skipSpaces(text: string, i: number): number {
	while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
	return i;
}

/** Reads a '...' or "..." literal at `start`; backslash escapes the quote and itself. */
export function readQuoted(text: string, start: number): { value: string; end: number } {
	const quote = text[start];
	let value = '';
	let i = start + 1;
	while (i < text.length) {
		const c = text[i];
		if (c === quote) return { value, end: i + 1 };
		if (c === '\\' && i + 1 < text.length) {
			value += text[i + 1];
			i += 2;
			continue;
		}
		value += c;
		i++;
	}
	throw new SyntaxProblem(`the quoted text has no closing ${quote}`, start + 1);
}

/** Writes segments back as a path: `person.contracts[0]['cost centre']`. */
export function formatPath(segments: readonly PathSegment[]): string {
	let out = '';
	for (const segment of segments) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (SIMPLE_NAME.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `['${segment.replace(/[\\']/g, (c) => `\\${c}`)}']`;
	}
	return out;
}

function step(current: unknown, segment: PathSegment): unknown {
	// Own properties only: a path never reaches prototype members such as "constructor".
	if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
	return (current as Record<PathSegment, unknown>)[segment];
}

/** A getter for parsed segments; missing steps give undefined. */
export function compilePath(segments: readonly PathSegment[]): (object: unknown) => unknown {
	const steps = [...segments];
	if (steps.length === 1) {
		const [only] = steps;
		return (object) => step(object, only);
	}
	return (object) => {
		let current = object;
		for (let i = 0; i < steps.length && current !== undefined; i++) current = step(current, steps[i]);
		return current;
	};
}

// getPath is called with a handful of distinct paths many times over; parse each once.
const parsedPaths = new Map<string, PathSegment[]>();
const MAX_CACHED_PATHS = 10_000;

/** The value at `path` in `object` (e.g. `contracts[0].department.code`), or undefined when any step is missing. */
export function getPath(object: unknown, path: string): unknown {
	let segments = parsedPaths.get(path);
	if (segments === undefined) {
		try {
			segments = parsePath(path);
		} catch (error) {
			throw pathError(error, path);
		}
		if (parsedPaths.size >= MAX_CACHED_PATHS) parsedPaths.clear();
		parsedPaths.set(path, segments);
	}
	let current = object;
	for (let i = 0; i < segments.length && current !== undefined; i++) current = step(current, segments[i]);
	return current;
}

/** Turns a SyntaxProblem from parsePath into a MappingError naming the path. */
export function pathError(error: unknown, path: string, prefix = 'Path', field?: string): unknown {
	if (!(error instanceof SyntaxProblem)) return error;
	return new MappingError(`${prefix} "${path}" is not valid at position ${error.position}: ${error.message}.`, {
		field,
		path,
		position: error.position,
	});
}
