import { day1Draft } from './changes';
import { type ContractFields, dropAccents, emailAddress, personFields, type PersonFields } from './identity';
import { payrollId } from './ids';
import { EMAIL_DOMAINS } from './names';
import { type Draft, draftPerson, regularDepartment } from './person';
import { OWN_IDENTITY_BASE, type Plan } from './plan';
import { type Rng, rngFor, STREAM } from './random';

/** Payroll keeps no manager lines. */
function withoutManager(contract: ContractFields, contractId: string): ContractFields {
	const copy = { ...contract, contractId };
	delete copy.managerId;
	return copy;
}

/** How a second system spells the same name: accents dropped, other case, stray spaces. */
function respell(rng: Rng, name: string): string {
	const u = rng.next();
	if (u < 0.25) return dropAccents(name);
	if (u < 0.4) return name.toUpperCase();
	if (u < 0.55) return rng.pick([` ${name}`, `${name} `, name.replace(' ', '  ')]);
	return name;
}

function payrollPerson(rng: Rng, hr: PersonFields, id: string, number: number): PersonFields {
	const person: PersonFields = {
		...hr,
		employeeId: id,
		givenName: rng.chance(0.3) ? dropAccents(hr.givenName) : hr.givenName,
		familyName: respell(rng, hr.familyName),
		nickName: rng.chance(0.5) ? undefined : hr.nickName,
		gender: rng.chance(0.2) ? undefined : hr.gender,
	};
	if (hr.familyPrefix && rng.chance(0.15)) person.familyPrefix = hr.familyPrefix[0].toUpperCase() + hr.familyPrefix.slice(1);
	if (rng.chance(0.4)) {
		const domains = EMAIL_DOMAINS.filter((domain) => !hr.email.endsWith(`@${domain}`));
		person.email = emailAddress(hr, number, rng.int(3), rng.pick(domains));
	}
	return personFields(person);
}

/**
 * Payroll person s: either an HR person under a P-id (same BSN, birth date and family name, as
 * the second system spells it) or one of Payroll's own persons.
 */
export function payrollDraft(plan: Plan, s: number): Draft {
	const { overlap } = plan;
	const id = payrollId(s);
	const pair = overlap.secondary.forward(s);
	if (pair < overlap.pairs) {
		const hrIndex = overlap.primary.inverse(pair);
		const hr = day1Draft(plan, hrIndex);
		const rng = rngFor(plan.seed, STREAM.payroll, s);
		return {
			person: payrollPerson(rng, hr.person, id, hrIndex + 1),
			contracts: hr.contracts.map((contract, k) => withoutManager(contract, `${id}-${k + 1}`)),
		};
	}
	const index = OWN_IDENTITY_BASE + pair - overlap.pairs;
	const draft = draftPerson(plan, { index, employeeId: id, department: regularDepartment(plan, index), former: false });
	return { person: draft.person, contracts: draft.contracts.map((contract) => withoutManager(contract, contract.contractId)) };
}
