import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';

import { sql } from 'kysely';

import { DEFAULT_AGGREGATION_CONFIG, runAggregation } from '../lib/aggregation';
import { evaluate, type EvaluationResult } from '../lib/evaluation';
import { runImport, type ImportOptions } from '../lib/import';
import { publish, saveDraft, type BusinessRule, type RuleSetDocument } from '../lib/rules';
import { openVault } from '../lib/vault';
import type { Vault } from '../lib/vault/types';
import { enforceIntoAd } from './enforceAd';
import { POPULATION_MAPPING } from './hrMapping';
import { chunks, generatePopulation, POPULATION_DAY1, POPULATION_DAY2, type ContractRow, type Population } from './population';

/**
 * npm run bench -- --persons N [--stages generate,import,scan,diff,aggregate,evaluate,evaluateOneThread,evaluateIncremental,enforceAd] [--repeat 5] [--vault file]
 * Prints one JSON line per stage: {"stage","persons","ms","perSecond","peakRssMb","liveHeapMb","msEach"}
 * (evaluation stages add the plan's size); ms is the median of the stage's runs.
 */
const STAGES = ['generate', 'import', 'scan', 'diff', 'aggregate', 'evaluate', 'evaluateOneThread', 'evaluateIncremental', 'enforceAd'];
const USAGE = `Usage: npm run bench -- --persons <N> [--stages ${STAGES.join(',')}] [--repeat 5] [--seed 1] [--vault <file.sqlite>] [--concurrency 4] [--streamed]`;

/**
 * Runs before each stage is timed. With a vault: copies the write-ahead log into the database
 * file, as the vault's checkpoint thread does between runs; a stage then starts from a quiet
 * vault instead of sharing the two cores with the checkpoint of the stage before it.
 */
let settle = async (): Promise<void> => undefined;

/** How many times each stage runs (--repeat); its line reports the median. */
let repeats = 5;

/** Peak RSS since the last reset, in bytes, from Linux's own high-water mark; undefined elsewhere. */
function rssHighWaterMark(): number | undefined {
	try {
		const kb = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
		return kb === undefined ? undefined : Number(kb) * 1024;
	} catch {
		return undefined;
	}
}

/** Starts the high-water mark again from the current RSS; false where that cannot be done. */
function resetRssHighWaterMark(): boolean {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return rssHighWaterMark() !== undefined;
	} catch {
		return false;
	}
}

/**
 * Runs a stage `repeat` times and prints one line: `ms` is the median of the runs (`msEach`),
 * since the shared machine's speed varies by a third from one run to the next; the memory
 * figures are the highest of any run. `prepare` runs untimed before each run, to put the vault
 * back where the stage starts. peakRssMb: a run's own peak RSS (Linux's high-water mark, reset
 * before the run; elsewhere sampled, which misses peaks while SQLite's calls block the event
 * loop). liveHeapMb: the most the JavaScript heap held right after any full garbage collection
 * in a run, which is what the stage keeps alive; RSS also holds garbage that V8 has not collected
 * yet, and V8 lets more of it pile up the longer a run lasts.
 */
async function measure<T>(
	stage: string,
	persons: number,
	run: () => Promise<T>,
	details?: (result: T) => object,
	{ repeat = repeats, prepare }: { repeat?: number; prepare?: (round: number) => Promise<void> } = {},
): Promise<T> {
	const runs: Array<{ ms: number; peak: number; live?: number; result: T }> = [];
	for (let round = 0; round < repeat; round++) {
		await prepare?.(round);
		runs.push(await measureOnce(run));
	}
	const each = runs.map((r) => r.ms);
	const ms = median(each);
	const live = runs.flatMap((r) => (r.live === undefined ? [] : [r.live]));
	const result = runs[runs.length - 1].result;
	const line = {
		stage,
		persons,
		ms: Math.round(ms),
		perSecond: Math.round((persons / ms) * 1000),
		peakRssMb: Math.round(Math.max(...runs.map((r) => r.peak)) / 1048576),
		...(live.length > 0 ? { liveHeapMb: Math.round(Math.max(...live) / 1048576) } : {}),
		...(runs.length > 1 ? { msEach: each.map(Math.round) } : {}),
		...(details ? details(result) : {}),
	};
	process.stdout.write(`${JSON.stringify(line)}\n`);
	return result;
}

/** One timed run of a stage, with its peak RSS and the heap left after its full collections. */
async function measureOnce<T>(run: () => Promise<T>): Promise<{ ms: number; peak: number; live?: number; result: T }> {
	await settle();
	global.gc?.();
	const kernelPeak = resetRssHighWaterMark();
	let peak = process.memoryUsage().rss;
	const sampler = kernelPeak ? undefined : setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const collections = new v8.GCProfiler();
	collections.start();
	const started = performance.now();
	try {
		const result = await run();
		const ms = performance.now() - started;
		peak = Math.max(peak, process.memoryUsage().rss, rssHighWaterMark() ?? 0);
		const live = (collections.stop()?.statistics ?? [])
			.filter((gc) => gc.gcType === 'MarkSweepCompact')
			.map((gc) => gc.afterGC.heapStatistics.usedHeapSize);
		return { ms, peak, live: live.length > 0 ? Math.max(...live) : undefined, result };
	} finally {
		clearInterval(sampler);
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Up to this size the HR rows are generated before the import is timed and handed over as an
 * array, as n8n hands a node its input items; above it (or with --streamed) they stream from the
 * generator, whose own time then counts in, so memory can be compared from 100,000 to a million.
 */
const IN_MEMORY_ROWS_UP_TO = 200_000;

const importOptions = (source: string, asOf: string): ImportOptions => ({
	source,
	rowShape: 'contract',
	mapping: POPULATION_MAPPING,
	asOf,
	thresholds: {}, // the benchmark measures speed; thresholds are tested elsewhere
});

/** Reads every person record back with its document parsed: the floor no stage can beat. */
async function scan(vault: Vault): Promise<number> {
	let persons = 0;
	for await (const row of vault.db.selectFrom('persons').select(['id', 'data']).stream(1000)) {
		JSON.parse(row.data);
		persons++;
	}
	return persons;
}

/** Distinct values of a row field over the first rows of the export (the population is lazy: no full pass). */
function sample(population: Population, pick: (row: ContractRow) => string, rows = 5000): string[] {
	const values = new Set<string>();
	let n = 0;
	for (const row of population.primary.rows) {
		values.add(pick(row));
		if (++n >= rows) break;
	}
	return [...values].sort();
}

/**
 * 200 rules as an organisation would have them: accounts in three targets, one group per
 * department (a dynamic permission), department shares, title- and regex-based access,
 * location, contract type, FTE, cost centre and date conditions.
 */
function benchRules(population: Population): RuleSetDocument {
	const departments = population.departments.map((d) => d.code);
	const titles = sample(population, (row) => row.jobTitle);
	const words = [...new Set(titles.flatMap((title) => title.split(/\s+/)).filter((word) => word.length > 4))].sort();
	const locations = sample(population, (row) => row.location);
	const always = { match: 'and' as const, conditions: [] };
	const rule = (name: string, condition: BusinessRule['condition'], entitlements: BusinessRule['entitlements'], days = 0): BusinessRule => ({
		name,
		enabled: true,
		condition,
		daysBeforeStart: days,
		daysAfterEnd: days,
		entitlements,
	});
	const group = (name: string) => ({ type: 'permission' as const, target: 'activeDirectory', name });
	const rules: BusinessRule[] = [
		rule('Employees', always, [
			{ type: 'account', target: 'activeDirectory', timing: { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 } },
			{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
		]),
		rule('Cloud accounts', { field: 'contract.type', operator: 'in', value: ['permanent', 'temporary'] }, [
			{ type: 'account', target: 'entraId', timing: { createDaysBeforeStart: 7, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: null } },
			{ type: 'permission', target: 'entraId', template: 'Team {{contract.department.name}}' },
		], 7),
		rule('Self-service portal', { field: 'contract.fte', operator: 'greaterOrEqual', value: 0.5 }, [
			{ type: 'account', target: 'helloId', timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 90 } },
			{ type: 'product', target: 'helloId', productId: 'laptop', name: 'Laptop' },
		]),
		rule('No interns in the cloud', { field: 'contract.type', operator: 'equals', value: 'intern' }, [{ type: 'accountAccess', target: 'entraId', enabled: false }]),
		rule('New starters', { field: 'contract.startDate', operator: 'dateAfter', value: 'today', days: -30 }, [group('New starters')]),
	];
	for (let i = 0; rules.length < 120 && i < departments.length; i++) {
		rules.push(rule(`Share ${departments[i]}`, { field: 'contract.department.code', operator: 'equals', value: departments[i] }, [group(`SHARE-${departments[i]}`)]));
	}
	for (let i = 0; rules.length < 160 && i < words.length; i++) {
		rules.push(rule(`Title ${words[i]}`, { field: 'contract.title', operator: 'contains', value: words[i] }, [group(`ROLE-${words[i]}`)]));
	}
	for (let i = 0; rules.length < 185 && i < words.length; i++) {
		rules.push(rule(`Senior ${words[i]}`, { field: 'contract.title', operator: 'regex', value: `^(Senior|Hoofd) .*${words[i]}` }, [group(`SENIOR-${words[i]}`)]));
	}
	for (let i = 0; rules.length < 195 && i < locations.length; i++) {
		rules.push(rule(`Site ${locations[i]}`, { field: 'contract.location', operator: 'equals', value: locations[i] }, [group(`SITE-${locations[i]}`)]));
	}
	for (let i = 0; rules.length < 200; i++) {
		rules.push(
			rule(`Cost centre ${i}`, { match: 'and', conditions: [{ field: 'contract.costCentre', operator: 'startsWith', value: `CC0${i}` }, { field: 'contract.fte', operator: 'lessThan', value: 1 }] }, [
				group(`PART-TIME-CC0${i}`),
			]),
		);
	}
	return { rules };
}

/**
 * Carries out a plan in the vault only, as enforcement that succeeded would leave it, so
 * the next evaluation sees granted state: accounts and grants written, actions done. Set-based
 * SQL (SQLite, as the benchmark's vault): paging a million actions in seq order re-sorted the
 * plan for every page and took minutes. Accounts and grants take their action's id.
 */
async function enforceInVault(vault: Vault, planId: string): Promise<void> {
	const now = new Date().toISOString();
	await vault.transaction(async (trx) => {
		await sql`INSERT INTO accounts (id, person_id, target, account_ref, state, data, created_at, updated_at)
			SELECT id, person_id, target, id, CASE WHEN json_extract(entitlement, '$.enabled') THEN 'enabled' ELSE 'disabled' END, '{}', ${now}, ${now}
			FROM plan_actions WHERE plan_id = ${planId} AND action IN ('create', 'correlate')`.execute(trx);
		// The first plan of a fresh vault only creates, enables (joiners' start dates) and grants.
		await sql`UPDATE accounts SET state = 'enabled' WHERE id IN (
			SELECT c.id FROM plan_actions e JOIN plan_actions c ON c.person_id = e.person_id AND c.target = e.target
			WHERE e.plan_id = ${planId} AND e.action = 'enable' AND c.plan_id = ${planId} AND c.action IN ('create', 'correlate'))`.execute(trx);
		await sql`INSERT INTO granted_entitlements (id, person_id, target, kind, entitlement_key, entitlement_name, account_id, granted_at, plan_action_id)
			SELECT g.id, g.person_id, g.target, CASE WHEN json_extract(g.entitlement, '$.type') = 'product' THEN 'product' ELSE 'group' END,
				json_extract(g.entitlement, '$.key'), json_extract(g.entitlement, '$.name'), c.id, ${now}, g.id
			FROM plan_actions g LEFT JOIN plan_actions c ON c.person_id = g.person_id AND c.target = g.target AND c.plan_id = g.plan_id AND c.action IN ('create', 'correlate')
			WHERE g.plan_id = ${planId} AND g.action = 'grant'`.execute(trx);
		await trx.updateTable('plan_actions').set({ status: 'done', updated_at: now }).where('plan_id', '=', planId).execute();
	});
}

/**
 * Moves `count` persons, spread over the population, to another department: a single-person
 * import, as an HR webhook would send. Each round moves the same persons on to the next department.
 */
async function movePersons(vault: Vault, population: Population, count: number, asOf: string, round: number): Promise<void> {
	const hr = await vault.db.selectFrom('sources').select('id').where('name', '=', 'HR').executeTakeFirstOrThrow();
	const keys = await vault.db.selectFrom('persons').select('external_id').where('source_id', '=', hr.id).where('status', '=', 'active').orderBy('external_id').execute();
	const step = Math.max(1, Math.floor(keys.length / count));
	const departments = population.departments;
	const rows: ContractRow[] = [];
	for (let i = 0; i < count && i * step < keys.length; i++) {
		const target = departments[(i * 7 + round) % departments.length];
		for (const row of population.primary.rowsFor(keys[i * step].external_id)) rows.push({ ...row, departmentCode: target.code, departmentName: target.name });
	}
	const result = await runImport(vault, { ...importOptions('HR', asOf), mode: 'single' }, rows);
	if (result.status !== 'applied') throw new Error(`the moves were ${result.status}: ${result.holdReason}`);
}

const planDetails = (result: EvaluationResult) => ({ evaluated: result.evaluated, actions: result.summary.totalActions, mode: result.mode, threads: result.threads });

async function main(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			persons: { type: 'string' },
			stages: { type: 'string', default: 'import,scan,diff,aggregate,evaluate,evaluateIncremental' },
			seed: { type: 'string', default: '1' },
			vault: { type: 'string' },
			concurrency: { type: 'string', default: '4' },
			streamed: { type: 'boolean', default: false },
			repeat: { type: 'string', default: String(repeats) },
		},
	});
	const persons = Number(values.persons);
	if (!Number.isInteger(persons) || persons < 1) throw new Error(`--persons must be a whole number above 0\n${USAGE}`);
	const stages = new Set(values.stages.split(','));
	const unknown = [...stages].filter((stage) => !STAGES.includes(stage));
	if (unknown.length > 0) throw new Error(`Unknown stage ${unknown.map((stage) => `'${stage}'`).join(', ')}\n${USAGE}`);
	const seed = Number(values.seed);
	repeats = Number(values.repeat);
	if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeat must be a whole number above 0\n${USAGE}`);
	if (stages.delete('enforceAd')) {
		// Against a real directory (AD_* variables): accounts created per second, not persons.
		const concurrency = Number(values.concurrency);
		// Once: every run would create its accounts in the directory again.
		await enforceIntoAd(persons, seed, concurrency, (run) => measure('enforceAd', persons, run, (created) => ({ created, concurrency }), { repeat: 1 }));
		if (stages.size === 0) return;
	}
	if (stages.delete('generate')) {
		// The generator's own memory, run alone: what a streamed import's figures include besides the import.
		const rows = generatePopulation({ persons, seed, day: 1 }).primary.rows;
		await measure('generate', persons, async () => {
			let count = 0;
			for (const chunk of chunks(rows, 1000)) count += chunk.length;
			return count;
		}, (count) => ({ rows: count }));
		if (stages.size === 0) return;
	}
	const file = values.vault ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'vault.sqlite');
	const open = async () => await openVault({ backend: 'sqlite', path: file });
	let vault = await open();
	settle = async () => {
		// busy = 1 while the checkpoint thread is at it: try again until the log is empty.
		for (let attempt = 0; attempt < 600; attempt++) {
			const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(vault.db);
			if (Number(rows[0]?.busy) === 0) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	};
	/** A stage that writes the vault: every run starts from a copy of the vault as it was before the first. */
	const measureWrites = async <T>(stage: string, count: number, run: () => Promise<T>, details?: (result: T) => object): Promise<T> => {
		if (repeats === 1) return await measure(stage, count, run, details);
		const before = `${file}.before`;
		await vault.close(); // closing checkpoints: the file alone is the whole vault
		fs.copyFileSync(file, before);
		const fromCopy = async (round: number) => {
			if (round === 0) return; // the vault is as it was before: nothing to put back yet
			await vault.close();
			fs.copyFileSync(before, file);
			vault = await open();
		};
		vault = await open();
		try {
			return await measure(stage, count, run, details, { prepare: fromCopy });
		} finally {
			fs.rmSync(before, { force: true });
		}
	};
	try {
		const day1 = generatePopulation({ persons, seed, day: 1 });
		const rowsHeld = persons <= IN_MEMORY_ROWS_UP_TO && !values.streamed ? 'memory' : 'streamed';
		const rowsOf = (rows: Iterable<ContractRow>): Iterable<ContractRow> => (rowsHeld === 'memory' ? [...rows] : rows);
		let rows = rowsOf(day1.primary.rows);
		await measureWrites('import', persons, async () => {
			const result = await runImport(vault, importOptions('HR', POPULATION_DAY1), rows, day1.departments);
			if (result.status !== 'applied') throw new Error(`day 1 import was ${result.status}: ${result.holdReason}`);
			return result;
		}, () => ({ rows: rowsHeld }));
		rows = [];
		if (stages.has('diff')) {
			const day2 = generatePopulation({ persons, seed, day: 2 });
			rows = rowsOf(day2.primary.rows);
			await measureWrites('diff', persons, async () => await runImport(vault, importOptions('HR', POPULATION_DAY2), rows, day2.departments), () => ({ rows: rowsHeld }));
			rows = [];
		}
		if (stages.has('aggregate')) {
			await runImport(vault, { ...importOptions('Payroll', POPULATION_DAY1), sourcePriority: 200 }, day1.secondary.rows);
			const total = persons + day1.secondary.persons;
			await measureWrites('aggregate', total, async () => await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG));
		}
		// Once every source is in: the floor is read from the vault the evaluation stages read, and
		// counted per record it reads (HR and the second source).
		if (stages.has('scan')) {
			const { records } = await vault.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('records')).executeTakeFirstOrThrow();
			await measure('scan', Number(records), async () => await scan(vault));
		}
		if (stages.has('evaluate') || stages.has('evaluateOneThread') || stages.has('evaluateIncremental')) {
			const latest = stages.has('diff') ? generatePopulation({ persons, seed, day: 2 }) : day1;
			const asOf = stages.has('diff') ? POPULATION_DAY2 : POPULATION_DAY1;
			await saveDraft(vault, benchRules(day1));
			await publish(vault);
			// The first plan of a fresh vault creates every account; carried out in the vault, the
			// next plans compare the rules with granted state, as every later run does.
			// Once: it takes as long as all other stages together, and no goal is set for it.
			const first = await measure('evaluateFirstPlan', persons, async () => await evaluate(vault, { asOf }), planDetails, { repeat: 1 });
			await enforceInVault(vault, first.planId);
			if (stages.has('evaluate')) await measure('evaluate', persons, async () => await evaluate(vault, { asOf }), planDetails);
			if (stages.has('evaluateOneThread')) await measure('evaluateOneThread', persons, async () => await evaluate(vault, { asOf, parallel: false }), planDetails);
			if (stages.has('evaluateIncremental')) {
				await measure('evaluateIncremental', 100, async () => await evaluate(vault, { asOf, mode: 'incremental' }), planDetails, {
					prepare: async (round) => await movePersons(vault, latest, 100, asOf, round),
				});
			}
		}
	} finally {
		await vault.close();
		if (!values.vault) fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

main(process.argv.slice(2)).catch((error: Error & { code?: string }) => {
	// An unknown option or a value where none belongs: say which, then how to call it.
	const usage = error.code?.startsWith('ERR_PARSE_ARGS') ? `\n${USAGE}` : '';
	process.stderr.write(`${error.message}${usage}\n`);
	process.exit(1);
});
