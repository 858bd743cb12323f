import type { Condition, RuleSetDocument } from '../rules/model';

/**
 * How far around a contract's start and end dates a rule set's outcome can change with the
 * as-of date alone (lib/rules' timing): a contract counts from daysBeforeStart before its
 * start until daysAfterEnd after its end; an account is created createDaysBeforeStart before
 * that, disabled the day after, deleted deleteDaysAfterEnd after it; a condition may compare a
 * contract date with 'today' ± days. Between two as-of dates A < B only persons with a start
 * date in (A - start.after, B + start.before] or an end date in (A - end.after, B + end.before]
 * can get another plan. A 'today' comparison on any other field (a birth date, a custom date)
 * can change anyone's plan: then `anyone` is true.
 */
export interface TimeWindow {
	start: { before: number; after: number };
	end: { before: number; after: number };
	anyone: boolean;
}

const DATE_OPERATORS = new Set(['dateBefore', 'dateAfter', 'dateOn']);
/** Slack for inclusive/exclusive boundaries ("the day after", "on or before"). */
const MARGIN = 2;

export function timeWindow(document: RuleSetDocument): TimeWindow {
	const start = { before: 0, after: 0 };
	const end = { before: 0, after: 1 };
	let anyone = false;
	const visit = (condition: Condition) => {
		if ('conditions' in condition) {
			condition.conditions.forEach(visit);
			return;
		}
		if (!DATE_OPERATORS.has(condition.operator) || condition.value !== 'today') return;
		const side = condition.field === 'contract.startDate' ? start : condition.field === 'contract.endDate' ? end : undefined;
		if (!side) {
			anyone = true;
			return;
		}
		// field vs today + days flips when the as-of date is the field's date - days.
		const days = condition.days ?? 0;
		side.before = Math.max(side.before, days);
		side.after = Math.max(side.after, -days);
	};
	for (const rule of document.rules) {
		if (!rule.enabled) continue;
		visit(rule.condition);
		start.before = Math.max(start.before, rule.daysBeforeStart ?? 0);
		end.after = Math.max(end.after, (rule.daysAfterEnd ?? 0) + 1);
		for (const entitlement of rule.entitlements) {
			if (entitlement.type !== 'account') continue;
			start.before = Math.max(start.before, (rule.daysBeforeStart ?? 0) + (entitlement.timing.createDaysBeforeStart ?? 0));
			const deleteDays = entitlement.timing.deleteDaysAfterEnd;
			if (deleteDays !== null && deleteDays !== undefined) end.after = Math.max(end.after, (rule.daysAfterEnd ?? 0) + Math.max(deleteDays, 1));
		}
	}
	for (const side of [start, end]) {
		side.before += MARGIN;
		side.after += MARGIN;
	}
	return { start, end, anyone };
}

/** YYYY-MM-DD moved by whole days. */
export function addDays(date: string, days: number): string {
	const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
	return new Date(time).toISOString().slice(0, 10);
}
