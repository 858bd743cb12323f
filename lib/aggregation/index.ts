export {
	DEFAULT_AGGREGATION_CONFIG,
	DEFAULT_MAX_BLOCK_SIZE,
	MATCH_FIELDS,
	isMatchField,
	validateAggregationConfig,
	type AggregationConfig,
	type MatchField,
	type MatchRule,
	type StandardMatchField,
} from './config';
export { AggregationError } from './errors';
export { normalizeDate, normalizeEmail, normalizeIdentifier, normalizeText, normalizedField, ruleKey } from './normalize';
export { runAggregation, type AggregationResult } from './runAggregation';
export { listSuggestions, type ListSuggestionsOptions, type PersonSummary, type SuggestionView } from './listSuggestions';
export {
	decideSuggestion,
	type DecideSuggestionOptions,
	type DecisionResult,
	type SuggestionDecision,
} from './decideSuggestion';
export { unmerge, type UnmergeOptions, type UnmergeResult } from './unmerge';
export { neverMerge, type NeverMergeResult } from './neverMerge';
export {
	iterateAggregatedPersons,
	loadAggregatedPersons,
	type AggregatedContract,
	type AggregatedPerson,
	type AggregatedPersonsOptions,
	type LoadAggregatedPersonsOptions,
	type PersonSource,
} from './aggregatedPersons';
