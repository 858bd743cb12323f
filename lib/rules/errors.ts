/** A rule set an admin has to fix: the message names the rule, the field and what would be accepted. */
export class RuleError extends Error {
	constructor(
		message: string,
		/** Name of the rule at fault (or its position, "rule 3", when it has no name). */
		readonly rule?: string,
		/** The condition field or the rule/entitlement property at fault, e.g. 'contract.costCentre', 'daysAfterEnd', 'template'. */
		readonly field?: string,
	) {
		super(message);
		this.name = 'RuleError';
	}
}
