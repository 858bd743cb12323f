import { closestMatches, didYouMean } from './suggest';
import { MappingError, type Mapping, type MappingValue } from './types';

/** Each value type and the one property it needs. */
export const VALUE_PROPERTY = { field: 'path', fixed: 'value', template: 'template' } as const;
const TYPES = Object.keys(VALUE_PROPERTY);

export function subject(field: string | undefined): string {
	return field === undefined ? 'Mapping value' : `Mapping for "${field}"`;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return `a ${typeof value}`;
}

/** Throws a MappingError naming the field unless `value` is a well-formed mapping value. */
export function checkValueShape(value: unknown, field?: string): asserts value is MappingValue {
	const fail = (message: string): never => {
		throw new MappingError(`${subject(field)} ${message}`, { field });
	};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		fail(`must be an object with a "type" (${TYPES.join(', ')}), got ${describe(value)}.`);
	}
	const record = value as Record<string, unknown>;
	const type = record.type;
	if (type === undefined) fail(`has no "type"; use one of: ${TYPES.join(', ')}.`);
	if (typeof type !== 'string' || !Object.hasOwn(VALUE_PROPERTY, type)) {
		const hint = typeof type === 'string' ? didYouMean(closestMatches(type, TYPES)) : '';
		fail(`has unknown type ${JSON.stringify(type)}; use one of: ${TYPES.join(', ')}.${hint}`);
	}
	const property = VALUE_PROPERTY[type as keyof typeof VALUE_PROPERTY];
	for (const key of Object.keys(record)) {
		if (key !== 'type' && key !== property) {
			fail(`(type "${type}") has unknown property "${key}"; it takes "${property}".`);
		}
	}
	if (!Object.hasOwn(record, property)) fail(`(type "${type}") needs "${property}".`);
	if (property !== 'value' && typeof record[property] !== 'string') {
		fail(`(type "${type}") needs "${property}" as text, got ${describe(record[property])}.`);
	}
	if (property === 'path' && record.path === '') fail(`(type "field") has an empty "path".`);
}

/** Throws a MappingError unless `mapping` is an object of well-formed mapping values. */
export function checkMappingShape(mapping: unknown): asserts mapping is Mapping {
	if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
		throw new MappingError(`A mapping must be an object of target field name → value, got ${describe(mapping)}.`);
	}
	for (const [field, value] of Object.entries(mapping)) {
		// Results are plain objects; this name would set their prototype instead of a field.
		if (field === '__proto__') throw new MappingError('A mapping cannot have a field named "__proto__".', { field });
		checkValueShape(value, field);
	}
}
