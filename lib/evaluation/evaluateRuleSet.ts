import { excludedPersonIds, loadRuleSet } from '../rules';
import type { Vault } from '../vault/types';
import { evaluateWithRules, type RuleSetForEvaluation } from './evaluate';
import { planningRules } from './planPage';
import type { EvaluateOptions, EvaluationResult } from './types';

/**
 * Evaluates the published rule set (or the draft, or a version) as of a date: desired state
 * against the vault's accounts and grants gives a plan, stored with its actions. Nothing is
 * written to any target. A plan of rules that are not published is a preview.
 */
export async function evaluate(vault: Vault, options: EvaluateOptions = {}): Promise<EvaluationResult> {
	const selector = options.ruleSet ?? 'published';
	if (typeof selector === 'number' && (!Number.isInteger(selector) || selector < 1)) {
		throw new Error(`The rule set version must be a whole number of at least 1, got ${selector}`);
	}
	const { version, ruleSet } = await loadRuleSet(vault, selector);
	const rules: RuleSetForEvaluation = {
		id: version.id,
		version: version.version,
		status: version.status,
		published: version.status === 'published',
		...planningRules(ruleSet),
		compiledFromDocument: true,
	};
	return await evaluateWithRules(vault, rules, await excludedPersonIds(vault), options);
}
