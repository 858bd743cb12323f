import type { ChangeKind, Person } from '../model/person';
import { hasCurrentOrFutureContract } from './assemblePerson';

/** What admins read in a change: the fields provisioning acts on. */
export interface PersonSummary {
	name?: string;
	email?: string;
	phone?: string;
	birthDate?: string;
	title?: string;
	department?: string;
	manager?: string;
	startDate?: string;
	endDate?: string;
	contracts?: number;
	blocked?: string;
}

export function summarise(person: Person, blockedReason?: string | null): PersonSummary {
	const primary = primaryOf(person);
	// Only the fields that have a value, as the summary is stored (JSON) and shown. (Set one by
	// one, not deleted afterwards: deleting turns an object into a slow dictionary.)
	const summary: PersonSummary = {};
	const set = <K extends keyof PersonSummary>(key: K, value: PersonSummary[K]) => {
		if (value !== undefined) summary[key] = value;
	};
	set('name', person.name.display);
	set('email', person.email);
	set('phone', person.phone);
	set('birthDate', person.birthDate);
	set('title', primary?.title);
	set('department', primary?.department?.code);
	set('manager', person.managerExternalId);
	set('startDate', primary?.startDate);
	set('endDate', primary?.endDate);
	set('contracts', person.contracts.length);
	set('blocked', blockedReason ?? undefined);
	return summary;
}

/** Only the fields that differ, before and after. */
export function diffSummaries(before: PersonSummary, after: PersonSummary) {
	const changedBefore: PersonSummary = {};
	const changedAfter: PersonSummary = {};
	for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof PersonSummary>) {
		if (before[key] !== after[key]) {
			(changedBefore as Record<string, unknown>)[key] = before[key];
			(changedAfter as Record<string, unknown>)[key] = after[key];
		}
	}
	return { before: changedBefore, after: changedAfter };
}

function primaryOf(person: Person) {
	return person.contracts.find((contract) => contract.externalId === person.primaryContractId);
}

/**
 * HelloID's change kinds. `before` is undefined for a new person, `after` for one missing
 * from a full export; `wasGone` marks a person who had left the export earlier.
 * Returns undefined when there is nothing provisioning cares about (e.g. a new person
 * whose contracts all ended).
 */
export function classifyChange(
	before: Person | undefined,
	wasGone: boolean,
	after: Person | undefined,
	asOf: string,
	sameDocument: boolean,
): ChangeKind | undefined {
	const wasActive = !!before && !wasGone && hasCurrentOrFutureContract(before, asOf);
	const isActive = !!after && hasCurrentOrFutureContract(after, asOf);
	if (!after) return wasActive ? 'leaver' : undefined;
	if (!before) return isActive ? 'joiner' : undefined;
	if (wasActive && !isActive) return 'leaver';
	if (!wasActive && isActive) return 'rehire';
	if (sameDocument && !wasGone) return 'unchanged';
	const was = primaryOf(before);
	const is = primaryOf(after);
	if (
		was?.externalId !== is?.externalId ||
		was?.department?.code !== is?.department?.code ||
		was?.title !== is?.title ||
		before.managerExternalId !== after.managerExternalId
	) {
		return 'mover';
	}
	return sameDocument ? 'unchanged' : 'attributeChange';
}
