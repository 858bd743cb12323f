import type { SourceThresholds, ThresholdLimit } from './options';

export interface ThresholdCheck {
	name: 'added' | 'removed' | 'blocked';
	actual: number;
	/** The share of the previous snapshot's persons, in percent. */
	percent: number;
	limit: ThresholdLimit;
	exceeded: boolean;
}

/** Checks each configured threshold against the previous snapshot's person count. */
export function checkThresholds(
	thresholds: SourceThresholds,
	counts: { added: number; removed: number; blocked: number },
	previousPersons: number,
): ThresholdCheck[] {
	// The first import of a source has nothing to compare with: every person is added.
	if (previousPersons === 0) return [];
	return (['added', 'removed', 'blocked'] as const).flatMap((name) => {
		const limit = thresholds[name];
		if (!limit || (limit.max === undefined && limit.maxPercent === undefined)) return [];
		const actual = counts[name];
		const percent = Math.round((actual / previousPersons) * 10000) / 100;
		const exceeded =
			(limit.max !== undefined && actual > limit.max) || (limit.maxPercent !== undefined && percent > limit.maxPercent);
		return [{ name, actual, percent, limit, exceeded }];
	});
}

export function describeHold(checks: ThresholdCheck[]): string {
	return checks
		.filter((check) => check.exceeded)
		.map((check) => {
			const bounds = [
				check.limit.max !== undefined ? `${check.limit.max}` : undefined,
				check.limit.maxPercent !== undefined ? `${check.limit.maxPercent}%` : undefined,
			]
				.filter(Boolean)
				.join(' / ');
			return `${check.actual} persons ${check.name} (${check.percent}%) exceeds the limit of ${bounds}`;
		})
		.join('; ');
}
