import { toText } from '../mapping/text';
import { addDays, dateOf } from './dates';
import { RuleError } from './errors';
import { DATE_FIELDS, parseField, type ParsedField } from './fields';
import type { Comparison, Condition } from './model';
import { DATE_OPERATORS } from './normalize';

const UNSET: unique symbol = Symbol('unset');

/**
 * What a condition reads while one contract of one person is evaluated. Field values and their
 * text forms are cached per slot: 200 rules testing the same few fields read and lower-case
 * each field once per contract, not once per rule.
 */
export class EvaluationState {
	person: object = {};
	contract: object = {};
	/** Dates 'today' + offset, per slot in FieldTable.todayOffsets, for the current as-of date. */
	today: string[] = [];
	private readonly raw: unknown[];
	private readonly text: Array<string | typeof UNSET>;
	private readonly lower: Array<string | typeof UNSET>;

	constructor(private readonly fields: FieldTable) {
		const size = fields.slots.length;
		this.raw = new Array<unknown>(size).fill(UNSET);
		this.text = new Array<string | typeof UNSET>(size).fill(UNSET);
		this.lower = new Array<string | typeof UNSET>(size).fill(UNSET);
	}

	setPerson(person: object): void {
		this.person = person;
		this.raw.fill(UNSET);
		this.text.fill(UNSET);
		this.lower.fill(UNSET);
	}

	setContract(contract: object): void {
		this.contract = contract;
		for (const slot of this.fields.contractSlots) {
			this.raw[slot] = UNSET;
			this.text[slot] = UNSET;
			this.lower[slot] = UNSET;
		}
	}

	value(slot: number): unknown {
		let value = this.raw[slot];
		if (value === UNSET) {
			const field = this.fields.slots[slot];
			value = field.read(field.root === 'person' ? this.person : this.contract);
			this.raw[slot] = value;
		}
		return value;
	}

	textOf(slot: number): string {
		let text = this.text[slot];
		if (text === UNSET) {
			text = toText(this.value(slot));
			this.text[slot] = text;
		}
		return text;
	}

	lowerOf(slot: number): string {
		let lower = this.lower[slot];
		if (lower === UNSET) {
			lower = this.textOf(slot).toLowerCase();
			this.lower[slot] = lower;
		}
		return lower;
	}
}

/** The distinct fields of a rule set, each with a slot number, and the 'today' offsets its date conditions use. */
export class FieldTable {
	readonly slots: ParsedField[] = [];
	readonly contractSlots: number[] = [];
	readonly todayOffsets: number[] = [];
	private readonly byPath = new Map<string, number>();
	private readonly byOffset = new Map<number, number>();
	private readonly byWritten = new Map<string, number>();

	/** The slot of a field compileCondition has seen (by the path as written or canonical). */
	slotOf(written: string): number {
		const slot = this.byWritten.get(written.trim());
		if (slot === undefined) throw new Error(`Field ${written} was not compiled`);
		return slot;
	}

	slot(field: ParsedField, written: string): number {
		let slot = this.byPath.get(field.path);
		if (slot === undefined) {
			slot = this.slots.length;
			this.slots.push(field);
			this.byPath.set(field.path, slot);
			if (field.root === 'contract') this.contractSlots.push(slot);
		}
		this.byWritten.set(written.trim(), slot);
		return slot;
	}

	todaySlot(days: number): number {
		let slot = this.byOffset.get(days);
		if (slot === undefined) {
			slot = this.todayOffsets.length;
			this.todayOffsets.push(days);
			this.byOffset.set(days, slot);
		}
		return slot;
	}
}

export type CompiledCondition = (state: EvaluationState) => boolean;

function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

function toNumber(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '') return Number(value);
	return NaN;
}

/** The text after the engine's "Invalid regular expression: /x/: " prefix. */
function regexProblem(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const cut = message.lastIndexOf(': ');
	return cut >= 0 ? message.slice(cut + 2) : message;
}

function compileComparison(comparison: Comparison, rule: string, fields: FieldTable): CompiledCondition {
	const field = parseField(comparison.field, rule);
	const slot = fields.slot(field, comparison.field);
	const { operator } = comparison;
	const caseSensitive = comparison.caseSensitive === true;
	const fail = (message: string): never => {
		throw new RuleError(`Rule '${rule}': ${message}`, rule, field.path);
	};
	if (DATE_OPERATORS.includes(operator) && !field.isCustom && !DATE_FIELDS.has(field.path)) {
		fail(`the operator "${operator}" needs a date field, but ${field.path} is not one. Date fields: ${[...DATE_FIELDS].join(', ')} and custom fields holding YYYY-MM-DD dates.`);
	}
	const text = (state: EvaluationState): string => (caseSensitive ? state.textOf(slot) : state.lowerOf(slot));
	const fold = (value: string | number): string => (caseSensitive ? String(value) : String(value).toLowerCase());
	const single = comparison.value as string | number;

	switch (operator) {
		case 'equals': {
			const wanted = fold(single);
			return (state) => text(state) === wanted;
		}
		case 'notEquals': {
			const wanted = fold(single);
			return (state) => text(state) !== wanted;
		}
		case 'in':
		case 'notIn': {
			const wanted = new Set((comparison.value as Array<string | number>).map(fold));
			return operator === 'in' ? (state) => wanted.has(text(state)) : (state) => !wanted.has(text(state));
		}
		case 'startsWith': {
			const wanted = fold(single);
			return (state) => text(state).startsWith(wanted);
		}
		case 'endsWith': {
			const wanted = fold(single);
			return (state) => text(state).endsWith(wanted);
		}
		case 'contains': {
			const wanted = fold(single);
			return (state) => text(state).includes(wanted);
		}
		case 'regex': {
			let pattern: RegExp;
			try {
				pattern = new RegExp(String(single), caseSensitive ? '' : 'i');
			} catch (error) {
				return fail(`the regex ${JSON.stringify(String(single))} for ${field.path} is invalid: ${regexProblem(error)}.`);
			}
			return (state) => pattern.test(state.textOf(slot));
		}
		case 'isEmpty':
			return (state) => isEmptyValue(state.value(slot));
		case 'isNotEmpty':
			return (state) => !isEmptyValue(state.value(slot));
		case 'dateBefore':
		case 'dateAfter':
		case 'dateOn': {
			const days = comparison.days ?? 0;
			const reference =
				comparison.value === 'today'
					? ((todaySlot) => (state: EvaluationState) => state.today[todaySlot])(fields.todaySlot(days))
					: ((fixed) => () => fixed)(addDays(String(comparison.value), days));
			const read = (state: EvaluationState): string | undefined => dateOf(state.value(slot));
			if (operator === 'dateBefore') {
				return (state) => {
					const date = read(state);
					return date !== undefined && date < reference(state);
				};
			}
			if (operator === 'dateAfter') {
				return (state) => {
					const date = read(state);
					return date !== undefined && date > reference(state);
				};
			}
			return (state) => read(state) === reference(state);
		}
		case 'greaterThan':
		case 'greaterOrEqual':
		case 'lessThan':
		case 'lessOrEqual': {
			const limit = Number(comparison.value);
			// NaN (missing or not a number) fails every comparison.
			if (operator === 'greaterThan') return (state) => toNumber(state.value(slot)) > limit;
			if (operator === 'greaterOrEqual') return (state) => toNumber(state.value(slot)) >= limit;
			if (operator === 'lessThan') return (state) => toNumber(state.value(slot)) < limit;
			return (state) => toNumber(state.value(slot)) <= limit;
		}
	}
}

/** Compiles a normalized condition into one function; fields are checked and regexes built here, once. */
export function compileCondition(condition: Condition, rule: string, fields: FieldTable): CompiledCondition {
	if (!('conditions' in condition)) return compileComparison(condition, rule, fields);
	const parts = condition.conditions.map((part) => compileCondition(part, rule, fields));
	const negate = condition.negate === true;
	let test: CompiledCondition;
	if (parts.length === 0) test = () => true;
	else if (parts.length === 1) test = parts[0];
	else if (condition.match === 'and') {
		test = (state) => {
			for (const part of parts) if (!part(state)) return false;
			return true;
		};
	} else {
		test = (state) => {
			for (const part of parts) if (part(state)) return true;
			return false;
		};
	}
	return negate ? (state) => !test(state) : test;
}

/** A rule can only match when this field's text is one of these values (an equals/in every match needs). */
export interface Guard {
	slot: number;
	caseSensitive: boolean;
	values: string[];
}

/**
 * The equals/in test a condition cannot hold without, if there is one: the condition itself,
 * or one of the tests of an AND group (not negated). Lets evaluation skip most rules of a big
 * rule set with one lookup per field instead of testing each rule. Call after compileCondition
 * (the fields are known then).
 */
export function guardOf(condition: Condition, fields: FieldTable): Guard | undefined {
	if ('conditions' in condition) {
		if (condition.negate || (condition.match === 'or' && condition.conditions.length !== 1)) return undefined;
		for (const part of condition.conditions) {
			const guard = guardOf(part, fields);
			if (guard) return guard;
		}
		return undefined;
	}
	if (condition.operator !== 'equals' && condition.operator !== 'in') return undefined;
	const caseSensitive = condition.caseSensitive === true;
	const list = Array.isArray(condition.value) ? condition.value : [condition.value as string | number];
	return {
		slot: fields.slotOf(condition.field),
		caseSensitive,
		values: list.map((value) => (caseSensitive ? String(value) : String(value).toLowerCase())),
	};
}

/** The slots of the fields a condition reads. Call after compileCondition (the fields are known then). */
export function slotsRead(condition: Condition, fields: FieldTable, into = new Set<number>()): Set<number> {
	if ('conditions' in condition) {
		for (const part of condition.conditions) slotsRead(part, fields, into);
	} else {
		into.add(fields.slotOf(condition.field));
	}
	return into;
}
