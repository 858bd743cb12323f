export { planPerson, reasonText, liveAccount, REASON_NO_RULE, REASON_PERSON_UPDATED } from './diff';
export { checkThresholds, validateThresholds, THRESHOLD_ACTIONS } from './thresholds';
export { evaluateWithRules, todayUtc, type RuleSetForEvaluation } from './evaluate';
export { approvePlan, assertEnforceable, getPlan, parseEntitlement, PlanError, plannedActionOf } from './plans';
export { timeWindow, type TimeWindow } from './timeWindow';
export * from './types';
export { evaluate } from './evaluateRuleSet';
