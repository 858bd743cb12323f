import type { Contract, Department, Person } from '../model/person';
import type { MappedRow, PersonFields, RowIssue } from './mapRow';
import { displayName } from './personName';
import { type ContractSortKey, primaryContract, primaryManager } from './primaryContract';

export interface AssembledPerson {
	person: Person;
	/** Why the person is kept out of rules; undefined when fine. */
	blockedReason?: string;
	issues: RowIssue[];
}

export interface AssembleContext {
	source: string;
	asOf: string;
	order: ContractSortKey[];
	departments: ReadonlyMap<string, Department>;
	isKnownPerson: (key: string) => boolean;
}

/**
 * One person from all the rows that carry its key. Person fields come from the first row;
 * each row adds its contracts. A row error blocks the person: acting on half-read HR data
 * could disable the wrong account.
 */
export function assemblePerson(key: string, rows: MappedRow[], context: AssembleContext): AssembledPerson {
	const issues = rows.flatMap((row) => row.issues);
	const fields: PersonFields = rows[0].person;
	const contracts: Contract[] = [];
	const seen = new Map<string, number>();
	for (const row of rows) {
		for (const contract of row.contracts) {
			// Exports without contract ids: number the person's contracts in row order.
			const externalId = contract.externalId || `${key}-${contracts.length + 1}`;
			const firstRow = seen.get(externalId);
			if (firstRow !== undefined) {
				issues.push({
					row: row.row,
					externalId: key,
					field: 'contract.externalId',
					message: `duplicate contract id "${externalId}" (first in row ${firstRow})`,
					severity: 'error',
				});
				continue;
			}
			seen.set(externalId, row.row);
			// The mapped contract is this person's alone: numbered in place, not copied.
			if (!contract.externalId) contract.externalId = externalId;
			contracts.push(contract);
		}
	}
	const name = {
		given: fields.givenName,
		nickName: fields.nickName,
		initials: fields.initials,
		familyPrefix: fields.familyPrefix,
		family: fields.familyName,
		partnerFamilyPrefix: fields.partnerFamilyPrefix,
		partnerFamily: fields.partnerFamilyName,
		convention: fields.namingConvention,
	};
	const primary = primaryContract(contracts, context.order, context.asOf);
	// Undefined fields vanish when the person is serialised, so equal persons hash equally.
	const person: Person = {
		externalId: key,
		source: context.source,
		name: { ...name, display: displayName(name) },
		birthDate: fields.birthDate,
		nationalId: fields.nationalId,
		email: fields.email,
		phone: fields.phone,
		custom: fields.custom,
		contracts,
		primaryContractId: primary?.externalId,
		managerExternalId: primaryManager(key, primary, context.departments, context.isKnownPerson),
		
	};
	const errors = issues.filter((issue) => issue.severity === 'error');
	return {
		person,
		issues,
		blockedReason: errors.length
			? errors.map((issue) => `row ${issue.row} ${issue.field}: ${issue.message}`).join('; ')
			: undefined,
	};
}

/** A contract counts from its start until its end; future contracts count too (joiners get accounts before day one). */
export function hasCurrentOrFutureContract(person: Pick<Person, 'contracts'>, asOf: string): boolean {
	return person.contracts.some((contract) => !contract.endDate || contract.endDate >= asOf);
}
