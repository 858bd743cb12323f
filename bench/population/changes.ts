import { DAY1, DAY2, dayNumber, isoDate, YEAR } from './dates';
import { emailAddress, makePerson, personFields, phoneNumber } from './identity';
import { employeeId } from './ids';
import { EMAIL_DOMAINS, FAMILY_NAMES } from './names';
import { contract, departmentFields, type Draft, draftPerson, randomDepartment, regularDepartment, titleFor } from './person';
import { type Plan, type Role, roleOf } from './plan';
import { type Rng, rngFor, STREAM } from './random';
import type { ContractRow, NamingConvention } from './types';

/** An HR person's role and the department of their main contract. */
function hrPerson(plan: Plan, index: number): { role: Role; department: number } {
	const role = roleOf(plan, index);
	return { role, department: role.kind === 'slot' ? role.department : regularDepartment(plan, index) };
}

export function day1Draft(plan: Plan, index: number): Draft {
	const { role, department } = hrPerson(plan, index);
	return draftPerson(plan, { index, employeeId: employeeId(index), department, former: role.kind === 'former' });
}

/** The HR person on day 2, or undefined when they were removed from the export. */
export function day2Draft(plan: Plan, index: number): Draft | undefined {
	if (index >= plan.persons) return joiner(plan, index);
	const { role, department } = hrPerson(plan, index);
	const draft = draftPerson(plan, { index, employeeId: employeeId(index), department, former: role.kind === 'former' });
	switch (role.kind) {
		case 'former':
			return role.rehired ? rehire(plan, index, draft) : draft;
		case 'mover':
			return move(plan, index, department, draft);
		case 'leaver':
			return role.removed ? undefined : leave(plan, index, draft);
		case 'attributeChange':
			return changeAttributes(plan, index, draft);
		default:
			return draft;
	}
}

/** A new employee id, starting today or within two months. */
function joiner(plan: Plan, index: number): Draft {
	const rng = rngFor(plan.seed, STREAM.joiner, index);
	const type = rng.weighted([['permanent', 60], ['temporary', 30], ['intern', 10]] as const);
	const id = employeeId(index);
	const { person } = makePerson(plan, index, id, type === 'intern' ? [17, 24] : [20, 66]);
	const start = DAY2 + (rng.chance(0.3) ? 0 : rng.between(1, 60));
	const dates = { start, end: type === 'permanent' ? undefined : start + rng.between(90, YEAR) };
	const fte = rng.pick([1, 1, 0.8, 0.6]);
	const department = regularDepartment(plan, index);
	return { person, contracts: [contract(plan, rng, { index, employeeId: id, number: 1, department, type, dates, fte })] };
}

/** Someone whose contracts had all ended gets a new one, starting today or within a month. */
function rehire(plan: Plan, index: number, draft: Draft): Draft {
	const rng = rngFor(plan.seed, STREAM.rehire, index);
	const start = DAY2 + (rng.chance(0.5) ? 0 : rng.between(1, 30));
	const temporary = rng.chance(0.3);
	const added = contract(plan, rng, {
		index,
		employeeId: employeeId(index),
		number: draft.contracts.length + 1,
		department: randomDepartment(plan, rng),
		type: temporary ? 'temporary' : 'permanent',
		dates: { start, end: temporary ? start + rng.between(180, YEAR) : undefined },
		fte: rng.pick([1, 0.8, 0.6]),
	});
	return { person: draft.person, contracts: [...draft.contracts, added] };
}

function newTitle(plan: Plan, rng: Rng, department: number, old: string): string {
	for (let attempt = 0; attempt < 10; attempt++) {
		const title = titleFor(plan, rng, department, 'permanent', false);
		if (title !== old) return title;
	}
	return old.startsWith('Senior ') ? `Lead ${old.slice(7)}` : `Senior ${old}`;
}

/** The main contract gets another department, title or manager. Movers are never managers. */
function move(plan: Plan, index: number, department: number, draft: Draft): Draft {
	const { tree } = plan;
	const rng = rngFor(plan.seed, STREAM.move, index);
	const main = { ...draft.contracts[0] };
	let change = rng.weighted([['department', 50], ['title', 25], ['manager', 25]] as const);
	if (change === 'department' && tree.rows.length > 2) {
		let target = department;
		while (target === department) target = randomDepartment(plan, rng);
		Object.assign(main, departmentFields(plan, target, main.contractType), { managerId: employeeId(tree.manager[target]) });
		if (rng.chance(0.4)) main.jobTitle = newTitle(plan, rng, target, main.jobTitle);
	} else if (change === 'manager') {
		let manager: string | undefined;
		for (let attempt = 0; attempt < 10 && !manager; attempt++) {
			const candidate = tree.manager[rng.int(tree.rows.length)];
			const id = employeeId(candidate);
			if (candidate !== index && id !== main.managerId && id !== employeeId(tree.manager[department])) manager = id;
		}
		if (manager) main.managerId = manager;
		else change = 'title';
	} else {
		change = 'title';
	}
	if (change === 'title') main.jobTitle = newTitle(plan, rng, department, main.jobTitle);
	return { person: draft.person, contracts: [main, ...draft.contracts.slice(1)] };
}

/**
 * Every contract running on day 1 ends on a date up to ten days back and at the latest on day 1,
 * so on day 2 none is active, whether an end date counts as a working day or not. Contracts
 * that had not started yet are withdrawn from the export.
 */
function leave(plan: Plan, index: number, draft: Draft): Draft {
	const rng = rngFor(plan.seed, STREAM.leave, index);
	const leaveDay = DAY1 - rng.between(0, 10);
	const contracts = draft.contracts
		.filter((c) => dayNumber(c.startDate) <= DAY1)
		.map((c) => (c.endDate && dayNumber(c.endDate) < DAY1 ? c : { ...c, endDate: isoDate(Math.max(leaveDay, dayNumber(c.startDate))) }));
	return { person: draft.person, contracts };
}

const CONVENTIONS: NamingConvention[] = ['B', 'P', 'BP', 'PB'];

/** A new e-mail address, phone number, or name (marriage, divorce, another naming convention). */
function changeAttributes(plan: Plan, index: number, draft: Draft): Draft {
	const rng = rngFor(plan.seed, STREAM.attribute, index);
	const person = { ...draft.person };
	const change = rng.weighted([['email', 35], ['phone', 25], ['name', 40]] as const);
	if (change === 'email') {
		const domains = EMAIL_DOMAINS.filter((domain) => !person.email.endsWith(`@${domain}`));
		person.email = emailAddress(person, index + 1, rng.int(3), rng.pick(domains));
	} else if (change === 'phone') {
		const old = person.phone;
		while (person.phone === old) person.phone = phoneNumber(rng);
	} else if (person.partnerFamilyName && rng.chance(0.5)) {
		person.partnerFamilyPrefix = undefined;
		person.partnerFamilyName = undefined;
		person.namingConvention = 'B';
	} else if (person.partnerFamilyName) {
		person.namingConvention = rng.pick(CONVENTIONS.filter((convention) => convention !== person.namingConvention));
	} else {
		const partner = rng.popular(FAMILY_NAMES);
		[person.partnerFamilyPrefix, person.partnerFamilyName] = typeof partner === 'string' ? [undefined, partner] : partner;
		person.namingConvention = rng.weighted([['B', 20], ['P', 25], ['BP', 30], ['PB', 25]] as const);
	}
	return { person: personFields(person), contracts: draft.contracts };
}

/** The fields of two rows that differ. */
export function changedFields(before: ContractRow, after: ContractRow): string[] {
	const keys = new Set([...Object.keys(before), ...Object.keys(after)] as Array<keyof ContractRow>);
	return [...keys].filter((key) => before[key] !== after[key]);
}
