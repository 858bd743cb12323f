import { normalizeDiacritics } from '../mapping';
import type { MatchRule, StandardMatchField } from './config';

const WHITESPACE = /\s+/g;
/** Separators people type inside phone numbers and national ids: "06-1234 5678", "123.456.789". */
const IDENTIFIER_SEPARATORS = /[\s.\-/()]+/g;

/**
 * Case-folded, diacritics removed, whitespace collapsed and trimmed. Uses the mapping library's
 * folding, which also handles letters NFD does not split (ø, ł, ß): a second system that drops
 * accents writes "Sorensen" for "Sørensen".
 */
export function normalizeText(value: unknown): string {
	if (value === null || value === undefined) return '';
	return normalizeDiacritics(String(value)).toLowerCase().replace(WHITESPACE, ' ').trim();
}

/** E-mail addresses compare lower-cased and trimmed. */
export function normalizeEmail(value: unknown): string {
	if (value === null || value === undefined) return '';
	return String(value).trim().toLowerCase();
}

/** Dates compare as written ('YYYY-MM-DD'), trimmed. */
export function normalizeDate(value: unknown): string {
	if (value === null || value === undefined) return '';
	return String(value).trim();
}

/** Phone numbers and national ids: like text, without spaces, dots, dashes, slashes and brackets. */
export function normalizeIdentifier(value: unknown): string {
	return normalizeText(value).replace(IDENTIFIER_SEPARATORS, '');
}

/** The columns of `persons` a rule can read, plus the custom fields of the person document. */
export interface MatchRecord {
	national_id: string | null;
	birth_date: string | null;
	family_name: string | null;
	given_name: string | null;
	email: string | null;
	phone: string | null;
	external_id: string | null;
	custom?: Record<string, unknown>;
}

const STANDARD_FIELDS: Record<StandardMatchField, (record: MatchRecord) => string> = {
	nationalId: (r) => normalizeIdentifier(r.national_id),
	birthDate: (r) => normalizeDate(r.birth_date),
	familyName: (r) => normalizeText(r.family_name),
	givenName: (r) => normalizeText(r.given_name),
	email: (r) => normalizeEmail(r.email),
	phone: (r) => normalizeIdentifier(r.phone),
	externalId: (r) => normalizeText(r.external_id),
};

/** The normalised value of one field ('' when empty). */
export function normalizedField(record: MatchRecord, field: string): string {
	const standard = STANDARD_FIELDS[field as StandardMatchField];
	if (standard) return standard(record);
	const value = record.custom?.[field.slice('custom.'.length)];
	return value !== null && typeof value === 'object' ? normalizeText(JSON.stringify(value)) : normalizeText(value);
}

/** The rule's blocking key for a record, or undefined when one of its fields is empty. */
export function ruleKey(rule: MatchRule, record: MatchRecord): string | undefined {
	if (rule.fields.length === 1) return normalizedField(record, rule.fields[0]) || undefined;
	const parts: string[] = [];
	for (const field of rule.fields) {
		const value = normalizedField(record, field);
		if (!value) return undefined;
		parts.push(value);
	}
	// A control character no normalised value contains keeps "a b"+"c" apart from "a"+"b c".
	return parts.join('\u001f');
}

/** Whether a rule reads the person document (custom fields), which costs a JSON parse per person. */
export function usesCustomFields(rules: readonly MatchRule[]): boolean {
	return rules.some((rule) => rule.fields.some((field) => field.startsWith('custom.')));
}
