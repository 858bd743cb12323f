import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_AGGREGATION_CONFIG, runAggregation } from '../lib/aggregation';
import { runImport, type ImportOptions } from '../lib/import';
import { openVault } from '../lib/vault';
import type { Vault } from '../lib/vault/types';
import { POPULATION_MAPPING } from './hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from './population';

/**
 * npm run bench -- --persons N [--stages import,scan,diff,aggregate] [--vault file]
 * Prints one JSON line per stage: {"stage","persons","ms","perSecond","peakRssMb"}.
 */
const USAGE = 'Usage: npm run bench -- --persons <N> [--stages import,scan,diff,aggregate] [--seed 1] [--vault <file.sqlite>]';

/** Samples RSS while a stage runs: the stage's own peak, not the process's lifetime peak. */
async function measure<T>(stage: string, persons: number, run: () => Promise<T>): Promise<T> {
	global.gc?.();
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const started = performance.now();
	try {
		return await run();
	} finally {
		const ms = performance.now() - started;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		const line = { stage, persons, ms: Math.round(ms), perSecond: Math.round((persons / ms) * 1000), peakRssMb: Math.round(peak / 1048576) };
		process.stdout.write(`${JSON.stringify(line)}\n`);
	}
}

const importOptions = (source: string, asOf: string): ImportOptions => ({
	source,
	rowShape: 'contract',
	mapping: POPULATION_MAPPING,
	asOf,
	thresholds: {}, // the benchmark measures speed; thresholds are tested elsewhere
});

/** Reads every person back with its document parsed: the floor no stage can beat. */
async function scan(vault: Vault): Promise<number> {
	let persons = 0;
	for await (const row of vault.db.selectFrom('persons').select(['id', 'data']).stream(1000)) {
		JSON.parse(row.data);
		persons++;
	}
	return persons;
}

async function main(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			persons: { type: 'string' },
			stages: { type: 'string', default: 'import,scan,diff,aggregate' },
			seed: { type: 'string', default: '1' },
			vault: { type: 'string' },
		},
	});
	const persons = Number(values.persons);
	if (!Number.isInteger(persons) || persons < 1) throw new Error(`--persons must be a whole number above 0\n${USAGE}`);
	const stages = new Set(values.stages.split(','));
	const seed = Number(values.seed);
	const file = values.vault ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'vault.sqlite');
	const vault = await openVault({ backend: 'sqlite', path: file });
	try {
		const day1 = generatePopulation({ persons, seed, day: 1 });
		await measure('import', persons, async () => {
			const result = await runImport(vault, importOptions('HR', POPULATION_DAY1), day1.primary.rows, day1.departments);
			if (result.status !== 'applied') throw new Error(`day 1 import was ${result.status}: ${result.holdReason}`);
		});
		if (stages.has('scan')) await measure('scan', persons, async () => await scan(vault));
		if (stages.has('diff')) {
			const day2 = generatePopulation({ persons, seed, day: 2 });
			await measure('diff', persons, async () => {
				await runImport(vault, importOptions('HR', POPULATION_DAY2), day2.primary.rows, day2.departments);
			});
		}
		if (stages.has('aggregate')) {
			await runImport(vault, { ...importOptions('Payroll', POPULATION_DAY1), sourcePriority: 200 }, day1.secondary.rows);
			const total = persons + day1.secondary.persons;
			await measure('aggregate', total, async () => await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG));
		}
	} finally {
		await vault.close();
		if (!values.vault) fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

main(process.argv.slice(2)).catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
