import { compileRuleSet } from './compile';
import { RuleError } from './errors';
import type { RuleSetDocument } from './model';
import { normalizeRuleSet } from './normalize';

/**
 * The rule set as pretty JSON for files and git: canonical form (defaults filled in, properties
 * in a fixed order, rules in their order), so the same rules always export to the same text.
 */
export function exportRuleSet(document: RuleSetDocument): string {
	return `${JSON.stringify(normalizeRuleSet(document), null, 2)}\n`;
}

/**
 * Reads a rule set document from JSON (an export, or written by hand) and validates it fully:
 * shape, fields, operators and values, regexes and templates. Returns it in canonical form;
 * throws a RuleError naming the rule and field otherwise.
 */
export function importRuleSet(json: string): RuleSetDocument {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch (error) {
		throw new RuleError(`The rule set is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
	}
	return compileRuleSet(parsed).document;
}
