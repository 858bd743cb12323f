import { buildDepartments, type DepartmentTree } from './departments';
import { hash32, Permutation, STREAM } from './random';

export const MAX_PERSONS = 20_000_000;
/** Identity numbers of the Payroll source's own persons start here, far from HR's persons and joiners. */
export const OWN_IDENTITY_BASE = 50_000_000;

const PERSONS_PER_DEPARTMENT = 40;
/** Share of HR persons whose contracts all ended before day 1 (ex-employees still in the export). */
const FORMER_SHARE = 0.03;
/** Payroll's own persons, as a share of the HR persons. */
const PAYROLL_OWN_SHARE = 0.1;

/** What a day-1 HR person is for the generator. One role each, so the day-2 changes never overlap. */
export type Role =
	| { kind: 'slot'; department: number }
	| { kind: 'former'; rehired: boolean }
	| { kind: 'mover' }
	| { kind: 'leaver'; removed: boolean }
	| { kind: 'attributeChange' }
	| { kind: 'regular' };

/**
 * Everything a person's rows derive from besides (seed, index). Roles are ranges of a
 * pseudo-random permutation of the person indices: rank 0..D-1 hold the department slots
 * (rank d works in department d, usually as its manager), then the ex-employees (the first
 * ones rehired on day 2), then movers, leavers (ended, then removed) and attribute changes.
 */
export interface Plan {
	seed: number;
	/** HR persons on day 1. */
	persons: number;
	tree: DepartmentTree;
	roles: Permutation;
	ranks: {
		slotEnd: number;
		rehireEnd: number;
		formerEnd: number;
		moverEnd: number;
		endedLeaverEnd: number;
		removedEnd: number;
		attributeEnd: number;
	};
	/** Joiners on day 2: indices persons .. persons + joiners - 1. */
	joiners: number;
	/** HR persons in Payroll (`pairs`) and Payroll's own persons (`own`). */
	overlap: { pairs: number; own: number; primary: Permutation; secondary: Permutation };
	bsn: Permutation;
}

/** 81 million distinct BSNs can be made (see identity.ts). */
const BSN_SLOTS = 81_000_000;

export function createPlan(seed: number, persons: number, changeRate: number, overlapShare: number): Plan {
	const changed = Math.round(persons * changeRate);
	const rehires = changed > 0 ? Math.max(3, Math.round(changed * 0.05)) : 0;
	const joiners = Math.round(changed * 0.25);
	const movers = Math.round(changed * 0.25);
	const leavers = Math.round(changed * 0.2);
	const attributeChanges = Math.max(0, changed - joiners - rehires - movers - leavers);
	const formers = Math.max(rehires, Math.round(persons * FORMER_SHARE));

	let cursor = 0;
	const take = (count: number) => (cursor = Math.min(persons, cursor + count));
	const slotEnd = take(Math.max(1, Math.round(persons / PERSONS_PER_DEPARTMENT)));
	const rehireEnd = Math.min(persons, slotEnd + rehires);
	const ranks = {
		slotEnd,
		rehireEnd,
		formerEnd: take(formers),
		moverEnd: take(movers),
		endedLeaverEnd: take(Math.ceil(leavers / 2)),
		removedEnd: take(Math.floor(leavers / 2)),
		attributeEnd: take(attributeChanges),
	};
	const roles = new Permutation(persons, hash32(seed, STREAM.roles));
	const pairs = Math.round(persons * overlapShare);
	const own = Math.round(persons * PAYROLL_OWN_SHARE);
	return {
		seed,
		persons,
		tree: buildDepartments(seed, slotEnd, (department) => roles.inverse(department)),
		roles,
		ranks,
		joiners,
		overlap: {
			pairs,
			own,
			primary: new Permutation(persons, hash32(seed, STREAM.overlapPrimary)),
			secondary: new Permutation(pairs + own, hash32(seed, STREAM.overlapSecondary)),
		},
		bsn: new Permutation(BSN_SLOTS, hash32(seed, STREAM.bsn)),
	};
}

export function roleOf(plan: Plan, index: number): Role {
	const rank = plan.roles.forward(index);
	const r = plan.ranks;
	if (rank < r.slotEnd) return { kind: 'slot', department: rank };
	if (rank < r.formerEnd) return { kind: 'former', rehired: rank < r.rehireEnd };
	if (rank < r.moverEnd) return { kind: 'mover' };
	if (rank < r.endedLeaverEnd) return { kind: 'leaver', removed: false };
	if (rank < r.removedEnd) return { kind: 'leaver', removed: true };
	if (rank < r.attributeEnd) return { kind: 'attributeChange' };
	return { kind: 'regular' };
}

/** The person indices holding ranks [from, to), in index order. */
export function indicesOfRanks(plan: Plan, from: number, to: number): number[] {
	const indices: number[] = [];
	for (let rank = from; rank < to; rank++) indices.push(plan.roles.inverse(rank));
	return indices.sort((a, b) => a - b);
}
