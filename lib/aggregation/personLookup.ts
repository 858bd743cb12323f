import type { VaultDb } from '../vault/types';
import { AggregationError } from './errors';

export interface PersonRef {
	id: string;
	source_id: string;
	external_id: string;
	display_name: string;
	merged_into: string | null;
	status: string;
}

/** The person, or an error naming the id the admin gave. */
export async function requirePerson(db: VaultDb, id: string, role = 'Person'): Promise<PersonRef> {
	const person = await db
		.selectFrom('persons')
		.select(['id', 'source_id', 'external_id', 'display_name', 'merged_into', 'status'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!person) {
		throw new AggregationError(`${role} '${id}' does not exist in the vault`, 'Use the vault id of a person (persons.id), not its external id.');
	}
	return person;
}

/** Every person id of a survivor's cluster: the survivor and the persons merged into it. */
export async function clusterMembers(db: VaultDb, survivorId: string): Promise<string[]> {
	const rows = await db.selectFrom('persons').select('id').where('merged_into', '=', survivorId).execute();
	return [survivorId, ...rows.map((row) => row.id)];
}

/** The never-merge rows between two clusters, if any. */
export async function neverMergeBetween(
	db: VaultDb,
	clusterA: readonly string[],
	clusterB: readonly string[],
): Promise<Array<{ person_a: string; person_b: string; reason: string | null }>> {
	return await db
		.selectFrom('never_merge')
		.select(['person_a', 'person_b', 'reason'])
		.where((eb) =>
			eb.or([
				eb.and([eb('person_a', 'in', clusterA), eb('person_b', 'in', clusterB)]),
				eb.and([eb('person_a', 'in', clusterB), eb('person_b', 'in', clusterA)]),
			]),
		)
		.execute();
}

export function describePerson(person: PersonRef): string {
	return `'${person.display_name}' (${person.id}, external id ${person.external_id})`;
}
