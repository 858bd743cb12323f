import { DAY1, isoDate, YEAR } from './dates';
import { managerAbove } from './departments';
import { type ContractFields, makePerson, type PersonFields } from './identity';
import { employeeId } from './ids';
import { AGENCIES } from './names';
import type { Plan } from './plan';
import { type Rng, rngFor, STREAM, unit } from './random';
import type { ContractRow, ContractType } from './types';

/** One person of an export before it becomes rows. */
export interface Draft {
	person: PersonFields;
	contracts: ContractFields[];
}

export const toRows = (draft: Draft): ContractRow[] => draft.contracts.map((contract) => ({ ...draft.person, ...contract }));

export interface PersonSpec {
	/** Identity number: names, BSN, e-mail and every random draw derive from it. */
	index: number;
	employeeId: string;
	department: number;
	/** All contracts ended before day 1. */
	former: boolean;
}

/** Besides the main contract: a second job now, an earlier contract, or the next one already signed. */
export type ExtraContract = 'concurrent' | 'past' | 'future';

/** About 1.3 contracts per person: 76% one, 19% two, 5% three. Cheap, so counts need no rows. */
export function extraContracts(plan: Plan, index: number, former: boolean): ExtraContract[] {
	const u = unit(plan.seed, STREAM.contractCount, index);
	const count = u < 0.76 ? 0 : u < 0.95 ? 1 : 2;
	const kinds: ExtraContract[] = [];
	for (let k = 0; k < count; k++) {
		const v = unit(plan.seed, STREAM.contractKinds, index, k);
		kinds.push(former || (v >= 0.4 && v < 0.8) ? 'past' : v < 0.4 ? 'concurrent' : 'future');
	}
	return kinds;
}

/** Any department but the board, where only the CEO and a few staff work. */
export function randomDepartment(plan: Plan, rng: Rng): number {
	const count = plan.tree.rows.length;
	return count > 1 ? 1 + rng.int(count - 1) : 0;
}

export const regularDepartment = (plan: Plan, index: number): number =>
	randomDepartment(plan, rngFor(plan.seed, STREAM.department, index));

const employerOf = (plan: Plan, department: number, type: ContractType): string =>
	type === 'external' ? AGENCIES[department % AGENCIES.length] : plan.tree.employer[department];

/** The fields a contract takes from its department. */
export function departmentFields(plan: Plan, department: number, type: ContractType) {
	const { tree } = plan;
	return {
		departmentCode: tree.rows[department].code,
		departmentName: tree.rows[department].name,
		costCentre: tree.costCentre[department],
		location: tree.location[department],
		employer: employerOf(plan, department, type),
	};
}

const MANAGER_TITLES = ['Chief Executive Officer', 'Directeur', 'Afdelingsmanager', 'Teamleider', 'Teamleider'];

export function titleFor(plan: Plan, rng: Rng, department: number, type: ContractType, manages: boolean): string {
	if (manages) {
		const level = plan.tree.level[department];
		return level === 2 ? `Directeur ${plan.tree.rows[department].name}` : MANAGER_TITLES[level - 1];
	}
	if (type === 'intern') return 'Stagiair';
	const seniority = rng.weighted([['', 6], ['Junior ', 2], ['Senior ', 2]]);
	return `${seniority}${rng.pick(plan.tree.titles[department])}`;
}

/**
 * Usually the department's manager (for a manager: the manager above), sometimes a manager
 * elsewhere, sometimes none (then the department's manager applies). Only staff, never
 * managers, report elsewhere: manager lines always run up the tree and cannot loop.
 */
export function managerFor(plan: Plan, rng: Rng, person: number, department: number): string | undefined {
	const { tree } = plan;
	const manages = tree.manager[department] === person;
	const usual = manages ? managerAbove(tree, department, person) : tree.manager[department];
	const u = rng.next();
	if (u < 0.08) return undefined;
	if (u < 0.16 && !manages) {
		const other = tree.manager[rng.int(tree.rows.length)];
		if (other !== person && other !== usual) return employeeId(other);
	}
	return usual === undefined ? undefined : employeeId(usual);
}

const MAIN_FTE = [1, 1, 1, 1, 0.9, 0.9, 0.8, 0.8, 0.8, 0.6, 0.5, 0.5];
const SIDE_FTE = [0.2, 0.2, 0.3, 0.4];
const ANY_FTE = [1, 0.8, 0.6, 0.5, 0.4];

export function mainContractType(plan: Plan, index: number, manages: boolean, former: boolean): ContractType {
	if (manages) return 'permanent';
	const u = unit(plan.seed, STREAM.contractType, index);
	if (u < 0.72) return 'permanent';
	if (u < 0.9 || (former && u < 0.94)) return 'temporary';
	return u < 0.94 ? 'intern' : 'external';
}

interface Dates {
	start: number;
	end?: number;
}

/** Active on day 1 (start on or before it, end a week or more after it), or, for a former employee, ended. */
function mainDates(rng: Rng, type: ContractType, former: boolean, earliest: number): Dates {
	if (former) {
		const end = DAY1 - rng.between(1, 2 * YEAR);
		return { start: Math.min(end, Math.max(earliest, end - rng.between(60, 8 * YEAR))), end };
	}
	const back = (limit: number) => DAY1 - rng.between(0, Math.max(0, Math.min(limit, DAY1 - earliest)));
	switch (type) {
		case 'permanent':
			return { start: rng.chance(0.04) ? DAY1 - rng.between(0, 29) : back(35 * YEAR) };
		case 'temporary':
			return { start: back(3 * YEAR), end: DAY1 + rng.between(7, YEAR) };
		case 'intern':
			return { start: DAY1 - rng.between(0, 150), end: DAY1 + rng.between(7, 200) };
		case 'external':
			return { start: back(4 * YEAR), end: rng.chance(0.5) ? undefined : DAY1 + rng.between(7, YEAR) };
	}
}

export function contract(
	plan: Plan,
	rng: Rng,
	spec: { index: number; employeeId: string; number: number; department: number; type: ContractType; dates: Dates; fte: number; manages?: boolean },
): ContractFields {
	// Built field by field in export order: the hot path of a million-person run.
	const row = { contractId: `${spec.employeeId}-${spec.number}`, startDate: isoDate(spec.dates.start) } as ContractFields;
	if (spec.dates.end !== undefined) row.endDate = isoDate(spec.dates.end);
	row.jobTitle = titleFor(plan, rng, spec.department, spec.type, spec.manages ?? false);
	const { tree } = plan;
	row.departmentCode = tree.rows[spec.department].code;
	row.departmentName = tree.rows[spec.department].name;
	const managerId = managerFor(plan, rng, spec.index, spec.department);
	if (managerId !== undefined) row.managerId = managerId;
	row.costCentre = tree.costCentre[spec.department];
	row.location = tree.location[spec.department];
	row.employer = employerOf(plan, spec.department, spec.type);
	row.fte = spec.fte;
	row.contractType = spec.type;
	return row;
}

/**
 * A person as the HR export has them on day 1: the main contract first (the most hours, active
 * unless the person left), then the extra contracts.
 */
export function draftPerson(plan: Plan, spec: PersonSpec): Draft {
	const manages = plan.tree.manager[spec.department] === spec.index;
	const type = mainContractType(plan, spec.index, manages, spec.former);
	const ages = type === 'intern' ? ([17, 24] as const) : spec.former ? ([22, 66] as const) : ([20, 66] as const);
	const { person, birthDay } = makePerson(plan, spec.index, spec.employeeId, ages);
	const rng = rngFor(plan.seed, STREAM.contracts, spec.index);
	const earliest = birthDay + 18 * YEAR;
	const main = mainDates(rng, type, spec.former, earliest);
	const base = { index: spec.index, employeeId: spec.employeeId };
	const contracts = [
		contract(plan, rng, { ...base, number: 1, department: spec.department, type, dates: main, fte: type === 'intern' ? rng.pick([1, 0.8]) : rng.pick(MAIN_FTE), manages }),
	];
	for (const extra of extraContracts(plan, spec.index, spec.former)) {
		// A manager's other contracts stay in the department they run.
		const department = manages || rng.chance(0.4) ? spec.department : randomDepartment(plan, rng);
		const number = contracts.length + 1;
		if (extra === 'concurrent') {
			const temporary = rng.chance(0.5);
			const dates = { start: DAY1 - rng.between(0, Math.max(0, Math.min(4 * YEAR, DAY1 - earliest))), end: temporary ? DAY1 + rng.between(7, YEAR) : undefined };
			contracts.push(contract(plan, rng, { ...base, number, department, type: temporary ? 'temporary' : 'permanent', dates, fte: rng.pick(SIDE_FTE) }));
		} else if (extra === 'past') {
			const end = main.start - rng.between(1, 180);
			const dates = { start: Math.min(end, Math.max(earliest - 2 * YEAR, end - rng.between(60, 5 * YEAR))), end };
			contracts.push(contract(plan, rng, { ...base, number, department, type: rng.pick(['temporary', 'temporary', 'intern', 'external'] as const), dates, fte: rng.pick(ANY_FTE) }));
		} else {
			const start = DAY1 + rng.between(2, 120);
			const permanent = rng.chance(0.6);
			const dates = { start, end: permanent ? undefined : start + rng.between(90, YEAR) };
			contracts.push(contract(plan, rng, { ...base, number, department, type: permanent ? 'permanent' : 'temporary', dates, fte: rng.pick(ANY_FTE) }));
		}
	}
	return { person, contracts };
}
