import type { AggregatedContract, AggregatedPerson } from '../aggregation/aggregatedPersons';

/**
 * The contract an account mapping reads as `contract`: the person's primary contract (chosen
 * at import by the configured order), else the first contract, else none.
 */
export function primaryContractOf(person: AggregatedPerson): AggregatedContract | undefined {
	const primaryId = person.primaryContractId;
	// Contracts come in source-priority order, so a contract id repeated by a lower-priority
	// source never wins over the record the primary contract id came from.
	return (primaryId === undefined ? undefined : person.contracts.find((contract) => contract.externalId === primaryId)) ?? person.contracts[0];
}
