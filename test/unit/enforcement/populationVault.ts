import { POPULATION_MAPPING } from '../../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { DEFAULT_AGGREGATION_CONFIG, runAggregation } from '../../../lib/aggregation';
import { evaluate } from '../../../lib/evaluation';
import { runImport, type ImportOptions } from '../../../lib/import';
import { publish, saveDraft } from '../../../lib/rules';
import type { Vault } from '../../../lib/vault/types';
import { POPULATION_RULES } from '../evaluation/populationRules';

const options = (source: string, asOf: string): ImportOptions => ({ source, rowShape: 'contract', mapping: POPULATION_MAPPING, asOf, thresholds: {} });

/** Imports day `day` of a generated population from two sources and aggregates it. */
export async function importPopulationDay(vault: Vault, persons: number, day: 1 | 2, seed = 7, changeRate?: number): Promise<void> {
	const population = generatePopulation({ persons, seed, day, changeRate });
	const asOf = day === 1 ? POPULATION_DAY1 : POPULATION_DAY2;
	await runImport(vault, options('HR', asOf), population.primary.rows, population.departments);
	await runImport(vault, { ...options('Payroll', asOf), sourcePriority: 200 }, population.secondary.rows);
	await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
}

/** Day 1 imported, the population rules published and evaluated: returns the plan id. */
export async function populationPlan(vault: Vault, persons: number): Promise<string> {
	await importPopulationDay(vault, persons, 1);
	await saveDraft(vault, POPULATION_RULES);
	await publish(vault);
	return (await evaluate(vault, { asOf: POPULATION_DAY1, targets: ['activeDirectory'] })).planId;
}

export async function liveAccounts(vault: Vault, target = 'activeDirectory') {
	return await vault.db.selectFrom('accounts').selectAll().where('target', '=', target).where('state', '!=', 'deleted').execute();
}

export async function actionStatuses(vault: Vault, planId: string): Promise<Record<string, number>> {
	const rows = await vault.db.selectFrom('plan_actions').select('status').where('plan_id', '=', planId).where('target', '=', 'activeDirectory').execute();
	const counts: Record<string, number> = {};
	for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
	return counts;
}

export { POPULATION_DAY1, POPULATION_DAY2 };
