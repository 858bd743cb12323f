export type {
	AccountAccessEntitlement,
	AccountEntitlement,
	AccountTiming,
	BusinessRule,
	Comparison,
	Condition,
	ConditionGroup,
	DesiredEntitlement,
	Entitlement,
	EntitlementReason,
	Operator,
	PermissionEntitlement,
	ProductEntitlement,
	RuleSetDocument,
} from './model';
export { RuleError } from './errors';
export { compileRuleSet, type CompiledRuleSet } from './compile';
export { desiredState, desiredSummary, type DesiredSummary, type RulePerson } from './desiredState';
export { exportRuleSet, importRuleSet } from './document';
export { normalizeRuleSet, DEFAULT_ACCOUNT_TIMING, ENTITLEMENT_TYPES, OPERATORS } from './normalize';
export { CONTRACT_FIELDS, PERSON_FIELDS } from './fields';
export {
	getDraft,
	getPublished,
	getVersion,
	listVersions,
	loadRuleSet,
	publish,
	saveDraft,
	type RuleSetSelector,
	type RuleSetVersion,
	type RuleSetVersionSummary,
} from './ruleSets';
export { excludedPersonIds, excludePerson, includePerson, isExcluded, listExclusions, type Exclusion } from './exclusions';
