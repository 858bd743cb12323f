import {
	normalizeDate,
	normalizeEmail,
	normalizeIdentifier,
	normalizeText,
	ruleKey,
} from '../../../lib/aggregation';
import type { MatchRecord } from '../../../lib/aggregation/normalize';

const record = (fields: Partial<MatchRecord>): MatchRecord => ({
	national_id: null,
	birth_date: null,
	family_name: null,
	given_name: null,
	email: null,
	phone: null,
	external_id: null,
	...fields,
});

describe('match values are compared after normalisation', () => {
	test('names differing only in case are equal', () => {
		expect(normalizeText('DE VRIES')).toBe(normalizeText('de Vries'));
	});

	test('diacritics are ignored: Müller, Muller; Zoë, Zoe; Łukasz, Lukasz', () => {
		expect(normalizeText('Müller')).toBe('muller');
		expect(normalizeText('Zoë')).toBe(normalizeText('Zoe'));
		expect(normalizeText('François')).toBe('francois');
		// Ł is a letter of its own, not L plus a combining mark, yet systems without accents write L.
		expect(normalizeText('Łukasz')).toBe('lukasz');
	});

	test('composed and decomposed spellings of the same name are equal', () => {
		expect(normalizeText('Jos\u00e9')).toBe(normalizeText('Jose\u0301'));
	});

	test('whitespace is collapsed and trimmed', () => {
		expect(normalizeText('  van   der\tBerg \n')).toBe('van der berg');
	});

	test('e-mail addresses are lower-cased and trimmed', () => {
		expect(normalizeEmail(' J.Jansen@Example.COM ')).toBe('j.jansen@example.com');
	});

	test('dates are compared as written', () => {
		expect(normalizeDate(' 1980-02-29 ')).toBe('1980-02-29');
		expect(normalizeDate('1980-02-29')).not.toBe(normalizeDate('29-02-1980'));
	});

	test('phone numbers and national ids ignore spaces, dots and dashes', () => {
		expect(normalizeIdentifier('06-1234 5678')).toBe(normalizeIdentifier('0612345678'));
		expect(normalizeIdentifier('123.456.789')).toBe('123456789');
	});

	test('empty values give an empty string', () => {
		expect(normalizeText(null)).toBe('');
		expect(normalizeText('   ')).toBe('');
		expect(normalizeEmail(undefined)).toBe('');
	});
});

describe('rule keys', () => {
	const rule = { name: 'Birth date + family name', fields: ['birthDate', 'familyName'], score: 60 };

	test('records equal on every field of a rule share its key', () => {
		const a = ruleKey(rule, record({ birth_date: '1980-01-02', family_name: 'Müller ' }));
		const b = ruleKey(rule, record({ birth_date: '1980-01-02', family_name: 'MULLER' }));
		expect(a).toBeDefined();
		expect(a).toBe(b);
	});

	test('a record with one of the rule fields empty has no key for it', () => {
		expect(ruleKey(rule, record({ birth_date: '1980-01-02', family_name: '  ' }))).toBeUndefined();
	});

	test('field boundaries are kept: "a b"+"c" differs from "a"+"b c"', () => {
		const names = { name: 'Names', fields: ['givenName', 'familyName'], score: 30 };
		expect(ruleKey(names, record({ given_name: 'a b', family_name: 'c' }))).not.toBe(
			ruleKey(names, record({ given_name: 'a', family_name: 'b c' })),
		);
	});

	test('custom fields are read from the person document', () => {
		const badge = { name: 'Badge', fields: ['custom.badge'], score: 100 };
		expect(ruleKey(badge, record({ custom: { badge: ' B-17 ' } }))).toBe('b-17');
		expect(ruleKey(badge, record({ custom: {} }))).toBeUndefined();
	});
});

test('letters that Unicode does not decompose fold too, as a second system writing without accents does', () => {
	expect(normalizeText('Sørensen')).toBe(normalizeText('Sorensen'));
	expect(normalizeText('Łukasz Wałęsa')).toBe('lukasz walesa');
	expect(normalizeText('Straße')).toBe('strasse');
});
