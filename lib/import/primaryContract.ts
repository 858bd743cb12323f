import type { Contract, Department } from '../model/person';

export type ContractSortField = 'fte' | 'startDate' | 'endDate' | 'externalId' | 'type' | 'title';

export interface ContractSortKey {
	field: ContractSortField;
	direction: 'asc' | 'desc';
}

/** HelloID's usual order: the most hours, then the latest end (open-ended first), then the earliest start. */
export const DEFAULT_PRIMARY_ORDER: ContractSortKey[] = [
	{ field: 'fte', direction: 'desc' },
	{ field: 'endDate', direction: 'desc' },
	{ field: 'startDate', direction: 'asc' },
];

/** Active contracts come before future ones, and both before ended ones, whatever the sort keys say. */
function timeRank(contract: Contract, asOf: string): number {
	if (contract.startDate && contract.startDate > asOf) return 1;
	if (contract.endDate && contract.endDate < asOf) return 2;
	return 0;
}

function sortValue(contract: Contract, field: ContractSortField): string | number | undefined {
	const value = contract[field];
	// An open end lasts longest and a missing start began earliest.
	if (value === undefined && field === 'endDate') return '9999-12-31';
	if (value === undefined && field === 'startDate') return '0000-01-01';
	return value;
}

export function comparePrimary(order: ContractSortKey[], asOf: string) {
	return (a: Contract, b: Contract): number => {
		const rank = timeRank(a, asOf) - timeRank(b, asOf);
		if (rank) return rank;
		for (const { field, direction } of order) {
			const left = sortValue(a, field);
			const right = sortValue(b, field);
			if (left === right) continue;
			if (left === undefined) return 1; // missing values last, in either direction
			if (right === undefined) return -1;
			const result = left < right ? -1 : 1;
			return direction === 'asc' ? result : -result;
		}
		return a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0; // deterministic tie-break
	};
}

export function primaryContract(contracts: Contract[], order: ContractSortKey[], asOf: string): Contract | undefined {
	return contracts.length ? [...contracts].sort(comparePrimary(order, asOf))[0] : undefined;
}

/**
 * The primary manager: the primary contract's manager, else its department's manager, else
 * the manager of the nearest department up the tree. Never the person themself, and never
 * a manager id no person of the source has.
 */
export function primaryManager(
	personKey: string,
	primary: Contract | undefined,
	departments: ReadonlyMap<string, Department>,
	isKnownPerson: (key: string) => boolean = () => true,
): string | undefined {
	if (!primary) return undefined;
	const direct = primary.managerExternalId;
	if (direct && direct !== personKey && isKnownPerson(direct)) return direct;
	const seen = new Set<string>();
	for (let code = primary.department?.code; code && !seen.has(code); code = departments.get(code)?.parentCode) {
		seen.add(code); // a cycle in HR's department tree must not hang the import
		const manager = departments.get(code)?.managerExternalId;
		if (manager && manager !== personKey) return manager;
	}
	return undefined;
}
