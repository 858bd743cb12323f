import { AggregationError } from './errors';

/** Person fields a match rule can compare; custom fields are named 'custom.<key>'. */
export const MATCH_FIELDS = ['nationalId', 'birthDate', 'familyName', 'givenName', 'email', 'phone', 'externalId'] as const;
export type StandardMatchField = (typeof MATCH_FIELDS)[number];
export type MatchField = StandardMatchField | `custom.${string}`;

export interface MatchRule {
	/** Shown in merges and suggestions, e.g. "Birth date + family name". */
	name: string;
	/** All must be non-empty and equal after normalisation for the rule to match. */
	fields: string[];
	score: number;
}

export interface AggregationConfig {
	rules: MatchRule[];
	/** Pairs scoring this or more are merged automatically. */
	autoMergeScore: number;
	/** Pairs scoring this or more (and less than autoMergeScore) become merge suggestions. */
	suggestionScore: number;
	/** Source names, highest priority first; sources not listed follow in sources.priority order. */
	sourcePriority?: string[];
	/**
	 * Persons sharing one rule key beyond this many are not compared on that key: a value
	 * shared by a crowd (a switchboard phone number, a placeholder national id) identifies nobody,
	 * and comparing the crowd pairwise would cost n².
	 */
	maxBlockSize?: number;
}

export const DEFAULT_MAX_BLOCK_SIZE = 1000;

/** A pair's rules are kept as a bit mask. */
const MAX_RULES = 30;

export const DEFAULT_AGGREGATION_CONFIG: AggregationConfig = {
	rules: [
		{ name: 'National ID', fields: ['nationalId'], score: 100 },
		{ name: 'Birth date + family name', fields: ['birthDate', 'familyName'], score: 60 },
		{ name: 'E-mail', fields: ['email'], score: 50 },
		{ name: 'Given name + family name', fields: ['givenName', 'familyName'], score: 30 },
	],
	autoMergeScore: 100,
	suggestionScore: 50,
};

export function isMatchField(field: string): field is MatchField {
	return (MATCH_FIELDS as readonly string[]).includes(field) || /^custom\.[^.\s]+$/.test(field);
}

/** Throws an AggregationError naming the rule and value when the configuration cannot work. */
export function validateAggregationConfig(config: AggregationConfig): void {
	const fieldsHelp = `Known fields: ${MATCH_FIELDS.join(', ')}, or custom.<key> for a custom field.`;
	if (!Array.isArray(config.rules) || config.rules.length === 0) {
		throw new AggregationError('The aggregation has no match rules', 'Add at least one rule, e.g. National ID with score 100.');
	}
	if (config.rules.length > MAX_RULES) {
		throw new AggregationError(`The aggregation has ${config.rules.length} match rules; at most ${MAX_RULES} are supported`);
	}
	config.rules.forEach((rule, index) => {
		const label = rule.name?.trim() ? `Match rule '${rule.name}'` : `Match rule ${index + 1}`;
		if (!rule.name?.trim()) throw new AggregationError(`${label} has no name`, 'Name every rule: merges and suggestions show it.');
		if (!Array.isArray(rule.fields) || rule.fields.length === 0) {
			throw new AggregationError(`${label} has no fields`, fieldsHelp);
		}
		for (const field of rule.fields) {
			if (!isMatchField(field)) throw new AggregationError(`${label} refers to unknown field '${field}'`, fieldsHelp);
		}
		if (!Number.isFinite(rule.score) || rule.score <= 0) {
			throw new AggregationError(`${label} has score ${rule.score}; a score must be a number above 0`);
		}
	});
	if (!Number.isFinite(config.suggestionScore) || config.suggestionScore <= 0) {
		throw new AggregationError(`The suggestion score ${config.suggestionScore} must be a number above 0`);
	}
	if (!Number.isFinite(config.autoMergeScore) || config.autoMergeScore < config.suggestionScore) {
		throw new AggregationError(
			`The auto-merge score ${config.autoMergeScore} must be a number at least the suggestion score (${config.suggestionScore})`,
		);
	}
	if (config.maxBlockSize !== undefined && (!Number.isInteger(config.maxBlockSize) || config.maxBlockSize < 2)) {
		throw new AggregationError(`The maximum block size ${config.maxBlockSize} must be a whole number of at least 2`);
	}
}
