import { ACTION_KINDS, type ActionCounts, type ActionKind, type TargetThreshold, type ThresholdBreach } from './types';

/** The action kinds thresholds are meant for (any kind is accepted). */
export const THRESHOLD_ACTIONS: readonly ActionKind[] = ['create', 'update', 'disable', 'delete', 'grant', 'revoke'];

/** Rejects thresholds a person could not have meant, naming the entry. */
export function validateThresholds(thresholds: readonly TargetThreshold[]): void {
	thresholds.forEach((threshold, index) => {
		const where = `Threshold ${index + 1} (${threshold.target || '?'} / ${threshold.action || '?'})`;
		if (!threshold.target) throw new Error(`${where} has no target: name one, or '*' for every target`);
		if (!ACTION_KINDS.includes(threshold.action)) {
			throw new Error(`${where}: unknown action '${threshold.action}'. Known actions: ${ACTION_KINDS.join(', ')}`);
		}
		if (threshold.max === undefined && threshold.maxPercent === undefined) throw new Error(`${where} sets neither a maximum nor a maximum percentage`);
		for (const [field, value] of [
			['max', threshold.max],
			['maxPercent', threshold.maxPercent],
		] as const) {
			if (value !== undefined && (!Number.isFinite(value) || value < 0)) throw new Error(`${where}: ${field} must be a number of at least 0, got ${value}`);
		}
	});
}

/**
 * Every threshold the plan's counts break. The percentage is of the target's managed accounts
 * (accounts not deleted); a target without any managed account is measured by the absolute
 * limit only (its first plan creates every account, which no percentage can describe).
 */
export function checkThresholds(
	thresholds: readonly TargetThreshold[],
	counts: ActionCounts,
	managedAccounts: Readonly<Record<string, number>>,
): ThresholdBreach[] {
	const breaches: ThresholdBreach[] = [];
	for (const threshold of thresholds) {
		const targets = threshold.target === '*' ? Object.keys(counts).sort() : [threshold.target];
		for (const target of targets) {
			const count = counts[target]?.[threshold.action] ?? 0;
			const managed = managedAccounts[target] ?? 0;
			const percent = managed > 0 ? Math.round((count / managed) * 10_000) / 100 : null;
			const overMax = threshold.max !== undefined && count > threshold.max;
			const overPercent = threshold.maxPercent !== undefined && percent !== null && percent > threshold.maxPercent;
			if (!overMax && !overPercent) continue;
			const limits = [
				overMax ? `more than ${threshold.max}` : undefined,
				overPercent ? `${percent}% of ${managed} managed accounts, above ${threshold.maxPercent}%` : undefined,
			].filter(Boolean);
			breaches.push({
				target,
				action: threshold.action,
				count,
				managedAccounts: managed,
				...(threshold.max !== undefined ? { max: threshold.max } : {}),
				...(threshold.maxPercent !== undefined ? { maxPercent: threshold.maxPercent } : {}),
				percent,
				message: `${count} ${threshold.action} action(s) in ${target}: ${limits.join('; ')}`,
			});
		}
	}
	return breaches;
}
