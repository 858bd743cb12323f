import { POPULATION_MAPPING } from '../../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { DEFAULT_AGGREGATION_CONFIG, runAggregation } from '../../../lib/aggregation';
import { runImport, type ImportOptions } from '../../../lib/import';
import { publish, saveDraft } from '../../../lib/rules';
import type { Vault } from '../../../lib/vault/types';
import { POPULATION_RULES } from './populationRules';

const options = (source: string, asOf: string): ImportOptions => ({ source, rowShape: 'contract', mapping: POPULATION_MAPPING, asOf, thresholds: {} });

/** Day 1 of a generated population: HR and Payroll imported and aggregated, POPULATION_RULES published. */
export async function importDay1(vault: Vault, persons: number, seed: number): Promise<void> {
	const day1 = generatePopulation({ persons, seed, day: 1 });
	await runImport(vault, options('HR', POPULATION_DAY1), day1.primary.rows, day1.departments);
	await runImport(vault, { ...options('Payroll', POPULATION_DAY1), sourcePriority: 200 }, day1.secondary.rows);
	await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
	await saveDraft(vault, POPULATION_RULES);
	await publish(vault);
}

/** Day 2's HR export imported and aggregated. */
export async function importDay2(vault: Vault, persons: number, seed: number): Promise<void> {
	const day2 = generatePopulation({ persons, seed, day: 2 });
	await runImport(vault, options('HR', POPULATION_DAY2), day2.primary.rows, day2.departments);
	await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
}
