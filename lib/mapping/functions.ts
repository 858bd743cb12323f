import { charLength, isEmpty, sliceChars, toText } from './text';

/** One function of the template library. Called as `f(a, b)` or piped as `a | f(b)`. */
export interface MappingFunction {
	name: string;
	/** Parameter names as shown in messages; a name ending in "..." takes any number of values. */
	params: string[];
	/** Fewest and most arguments, the piped value included. */
	min: number;
	max: number;
	/** Which argument the piped value becomes: `a | join(' ', b)` is `join(' ', a, b)`. */
	pipeAt: number;
	/** Argument indexes that must be numbers when written as literals. */
	numeric: number[];
	apply: (args: unknown[]) => unknown;
}

function toCount(value: unknown): number {
	const number = Math.trunc(Number(value));
	return Number.isFinite(number) && number > 0 ? number : 0;
}

// Letters that NFD does not split into base letter + mark (ICU's Latin-ASCII spellings).
const UNDECOMPOSED: Record<string, string> = {
	ß: 'ss',
	ẞ: 'SS',
	æ: 'ae',
	Æ: 'AE',
	œ: 'oe',
	Œ: 'OE',
	ø: 'o',
	Ø: 'O',
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D',
	ð: 'd',
	Ð: 'D',
	þ: 'th',
	Þ: 'TH',
	ı: 'i',
	ĳ: 'ij',
	Ĳ: 'IJ',
	ħ: 'h',
	Ħ: 'H',
	ŧ: 't',
	Ŧ: 'T',
	ŀ: 'l',
	Ŀ: 'L',
	ŋ: 'n',
	Ŋ: 'N',
};
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}/gu;
// Per character, computed on first sight: NFD, combining marks dropped, then the table above.
// Decomposition works character by character, so this equals normalising the whole text, and a
// million names only pay for the few hundred distinct letters they use.
const asciiFor = new Map<string, string>();

function foldCharacter(character: string): string {
	let folded = asciiFor.get(character);
	if (folded === undefined) {
		folded = UNDECOMPOSED[character] ?? character.normalize('NFD').replace(COMBINING_MARKS, '');
		asciiFor.set(character, folded);
	}
	return folded;
}

export function normalizeDiacritics(text: string): string {
	if (!NON_ASCII.test(text)) return text;
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		out += code < 0x80 ? text[i] : foldCharacter(text[i]);
	}
	return out;
}

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const DATE_TOKENS = /yyyy|yy|MM|M|dd|d/g;

/** Formats the date part of 'YYYY-MM-DD' or an ISO timestamp, as written (no time zone shift). */
export function formatDate(value: unknown, format: string): string {
	const match = DATE_PREFIX.exec(value instanceof Date ? toText(value) : toText(value).trim());
	if (!match) return '';
	const [, year, month, day] = match;
	if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return '';
	return format.replace(DATE_TOKENS, (token) => {
		switch (token) {
			case 'yyyy':
				return year;
			case 'yy':
				return year.slice(2);
			case 'MM':
				return month;
			case 'M':
				return String(Number(month));
			case 'dd':
				return day;
			default:
				return String(Number(day));
		}
	});
}

function initials(text: string): string {
	let out = '';
	for (const word of text.split(/[\s-]+/)) {
		const first = /[\p{L}\p{N}]/u.exec(word);
		if (first) out += first[0];
	}
	return out.toUpperCase();
}

function capitalize(text: string): string {
	if (text === '') return text;
	const first = String.fromCodePoint(text.codePointAt(0) as number);
	return first.toUpperCase() + text.slice(first.length);
}

function join(args: unknown[]): string {
	const separator = toText(args[0]);
	let out = '';
	let first = true;
	for (let i = 1; i < args.length; i++) {
		if (isEmpty(args[i])) continue;
		out += first ? toText(args[i]) : separator + toText(args[i]);
		first = false;
	}
	return out;
}

function textFunction(name: string, transform: (text: string) => string): MappingFunction {
	return { name, params: ['value'], min: 1, max: 1, pipeAt: 0, numeric: [], apply: (args) => transform(toText(args[0])) };
}

const definitions: MappingFunction[] = [
	textFunction('lower', (text) => text.toLowerCase()),
	textFunction('upper', (text) => text.toUpperCase()),
	textFunction('trim', (text) => text.trim()),
	textFunction('normalizeDiacritics', normalizeDiacritics),
	textFunction('initials', initials),
	textFunction('capitalize', capitalize),
	textFunction('removeSpaces', (text) => text.replace(/\s+/g, '')),
	// NFC first so an "e" followed by a combining accent stays one letter.
	textFunction('stripNonAlphanumeric', (text) => text.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]/gu, '')),
	{
		name: 'left',
		params: ['value', 'n'],
		min: 2,
		max: 2,
		pipeAt: 0,
		numeric: [1],
		apply: (args) => sliceChars(toText(args[0]), 0, toCount(args[1])),
	},
	{
		name: 'right',
		params: ['value', 'n'],
		min: 2,
		max: 2,
		pipeAt: 0,
		numeric: [1],
		apply: (args) => {
			const text = toText(args[0]);
			const n = toCount(args[1]);
			return n === 0 ? '' : sliceChars(text, Math.max(0, charLength(text) - n));
		},
	},
	{
		name: 'mid',
		params: ['value', 'start', 'length'],
		min: 2,
		max: 3,
		pipeAt: 0,
		numeric: [1, 2],
		apply: (args) => {
			const start = toCount(args[1]);
			return sliceChars(toText(args[0]), start, args.length > 2 ? start + toCount(args[2]) : undefined);
		},
	},
	{
		name: 'replace',
		params: ['value', 'find', 'with'],
		min: 3,
		max: 3,
		pipeAt: 0,
		numeric: [],
		apply: (args) => {
			const text = toText(args[0]);
			const find = toText(args[1]);
			// split/join: literal, every occurrence, and no "$&" patterns in the replacement.
			return find === '' ? text : text.split(find).join(toText(args[2]));
		},
	},
	{ name: 'join', params: ['separator', 'values...'], min: 2, max: Infinity, pipeAt: 1, numeric: [], apply: join },
	{
		name: 'coalesce',
		params: ['values...'],
		min: 1,
		max: Infinity,
		pipeAt: 0,
		numeric: [],
		apply: (args) => args.find((value) => !isEmpty(value)),
	},
	{
		name: 'default',
		params: ['value', 'fallback'],
		min: 2,
		max: 2,
		pipeAt: 0,
		numeric: [],
		apply: (args) => (isEmpty(args[0]) ? args[1] : args[0]),
	},
	{
		name: 'formatDate',
		params: ['value', 'format'],
		min: 2,
		max: 2,
		pipeAt: 0,
		numeric: [],
		apply: (args) => formatDate(args[0], toText(args[1])),
	},
];

/** The template function library, by name (a Map, so "constructor" is never a function). */
export const MAPPING_FUNCTIONS: ReadonlyMap<string, MappingFunction> = new Map(
	definitions.map((definition) => [definition.name, definition]),
);
