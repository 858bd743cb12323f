/**
 * Synthetic HR population for tests, the demo and the benchmarks: a Dutch/European workforce as
 * an HR export (HR) and a payroll export (Payroll) give it, on day 1 and on day 2 (day 1 plus
 * joiners, movers, leavers, rehires and attribute changes). Deterministic per seed and lazy:
 * every person derives from (seed, index), so a million persons stream without being held.
 */
import { changedFields, day1Draft, day2Draft } from './changes';
import { employeeId, indexOfId, payrollId } from './ids';
import { type Draft, extraContracts, toRows } from './person';
import { payrollDraft } from './payroll';
import { createPlan, indicesOfRanks, MAX_PERSONS, OWN_IDENTITY_BASE, type Plan } from './plan';
import { hash32 } from './random';
import type { ContractRow, Population, PopulationOptions, PopulationStats, SourceRows } from './types';

export { POPULATION_DAY1, POPULATION_DAY2 } from './dates';
export type * from './types';

/** Splits any iterable into arrays of `size` items (the last one may be shorter), one at a time. */
export function* chunks<T>(iterable: Iterable<T>, size: number): Generator<T[]> {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`Chunk size must be a whole number of at least 1, got ${size}`);
	let chunk: T[] = [];
	for (const item of iterable) {
		chunk.push(item);
		if (chunk.length === size) {
			yield chunk;
			chunk = [];
		}
	}
	if (chunk.length > 0) yield chunk;
}

function check(name: string, value: number, valid: boolean, expected: string): void {
	if (!valid) throw new RangeError(`Population option ${name} must be ${expected}, got ${value}`);
}

/** Rows of one export; `draftAt(i)` builds person i (undefined: not in this export). */
function sourceRows(
	source: string,
	size: number,
	persons: number,
	draftAt: (index: number) => Draft | undefined,
	indexOf: (id: string) => number | undefined,
	countContracts: () => number,
): SourceRows {
	let contracts: number | undefined;
	return {
		source,
		rows: {
			*[Symbol.iterator]() {
				for (let index = 0; index < size; index++) {
					const draft = draftAt(index);
					if (draft) yield* toRows(draft);
				}
			},
		},
		persons,
		// Counting walks every person's contract plan (cheap, no rows), so it waits until asked.
		get contracts() {
			return (contracts ??= countContracts());
		},
		rowsFor(id: string): ContractRow[] {
			const index = indexOf(id);
			const draft = index !== undefined && index < size ? draftAt(index) : undefined;
			return draft ? toRows(draft) : [];
		},
	};
}

const contractCount = (plan: Plan, index: number) => 1 + extraContracts(plan, index, false).length;

function primaryContracts(plan: Plan, day: 1 | 2): number {
	let total = 0;
	for (let index = 0; index < plan.persons; index++) total += contractCount(plan, index);
	if (day === 1) return total;
	const r = plan.ranks;
	for (const index of indicesOfRanks(plan, r.endedLeaverEnd, r.removedEnd)) total -= contractCount(plan, index);
	// Ended leavers lose the contracts that had not started yet.
	for (const index of indicesOfRanks(plan, r.moverEnd, r.endedLeaverEnd)) {
		total -= extraContracts(plan, index, false).filter((kind) => kind === 'future').length;
	}
	return total + (r.rehireEnd - r.slotEnd) + plan.joiners;
}

function secondaryContracts(plan: Plan): number {
	const { overlap } = plan;
	let total = 0;
	for (let s = 0; s < overlap.pairs + overlap.own; s++) {
		const pair = overlap.secondary.forward(s);
		total += contractCount(plan, pair < overlap.pairs ? overlap.primary.inverse(pair) : OWN_IDENTITY_BASE + pair - overlap.pairs);
	}
	return total;
}

function statistics(plan: Plan, day: 1 | 2): PopulationStats {
	const r = plan.ranks;
	const ids = (from: number, to: number) => indicesOfRanks(plan, from, to).map(employeeId);
	const stats: PopulationStats = {
		departments: plan.tree.rows.length,
		departmentLevels: plan.tree.levels,
		leftBeforeDay1: ids(r.slotEnd, r.formerEnd),
		joiners: [],
		movers: [],
		leavers: [],
		removed: [],
		rehires: [],
		attributeChanges: [],
		changedFields: {},
		overlapPairs: [],
	};
	for (let pair = 0; pair < plan.overlap.pairs; pair++) {
		stats.overlapPairs.push({ primary: employeeId(plan.overlap.primary.inverse(pair)), secondary: payrollId(plan.overlap.secondary.inverse(pair)) });
	}
	stats.overlapPairs.sort((a, b) => (a.primary < b.primary ? -1 : 1));
	if (day === 1) return stats;

	stats.joiners = Array.from({ length: plan.joiners }, (_, k) => employeeId(plan.persons + k));
	stats.movers = ids(r.formerEnd, r.moverEnd);
	stats.removed = ids(r.endedLeaverEnd, r.removedEnd);
	stats.leavers = [...ids(r.moverEnd, r.endedLeaverEnd), ...stats.removed].sort();
	stats.rehires = ids(r.slotEnd, r.rehireEnd);
	stats.attributeChanges = ids(r.removedEnd, r.attributeEnd);
	for (const id of [...stats.movers, ...stats.attributeChanges]) {
		const index = indexOfId(id) as number;
		const after = day2Draft(plan, index) as Draft;
		stats.changedFields[id] = changedFields(toRows(day1Draft(plan, index))[0], toRows(after)[0]);
	}
	return stats;
}

export function generatePopulation(options: PopulationOptions): Population {
	const { persons, seed = 1, day = 1, secondSourceOverlap = 0.05, changeRate = 0.01 } = options;
	check('persons', persons, Number.isInteger(persons) && persons >= 1 && persons <= MAX_PERSONS, `a whole number from 1 to ${MAX_PERSONS}`);
	check('seed', seed, Number.isSafeInteger(seed), 'a whole number');
	check('day', day, day === 1 || day === 2, '1 or 2');
	check('secondSourceOverlap', secondSourceOverlap, secondSourceOverlap >= 0 && secondSourceOverlap <= 1, 'between 0 and 1');
	check('changeRate', changeRate, changeRate >= 0 && changeRate <= 1, 'between 0 and 1');

	// Fold the whole seed into 32 bits, so seeds that differ only above bit 32 still differ.
	const plan = createPlan(hash32(seed >>> 0, Math.floor(seed / 4294967296) >>> 0), persons, changeRate, secondSourceOverlap);
	const hrSize = day === 1 ? persons : persons + plan.joiners;
	const removed = day === 1 ? 0 : plan.ranks.removedEnd - plan.ranks.endedLeaverEnd;
	let stats: PopulationStats | undefined;
	const payrollSize = plan.overlap.pairs + plan.overlap.own;
	return {
		departments: plan.tree.rows,
		primary: sourceRows(
			'HR',
			hrSize,
			hrSize - removed,
			(index) => (day === 1 ? day1Draft(plan, index) : day2Draft(plan, index)),
			(id) => indexOfId(id),
			() => primaryContracts(plan, day),
		),
		secondary: sourceRows('Payroll', payrollSize, payrollSize, (s) => payrollDraft(plan, s), (id) => indexOfId(id, 'P'), () => secondaryContracts(plan)),
		day,
		// Listing tens of thousands of ids is only done for whoever reads them.
		get stats() {
			return (stats ??= statistics(plan, day));
		},
	};
}
