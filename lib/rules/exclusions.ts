import type { Vault } from '../vault/types';
import { RuleError } from './errors';

/** A person kept as is: evaluation plans no action for them. */
export interface Exclusion {
	personId: string;
	reason: string;
	createdAt: string;
	/** From the person's record, when it still exists. */
	externalId: string | null;
	displayName: string | null;
	source: string | null;
}

/**
 * Excludes a person (by any of its vault ids) with a reason. Excluding again replaces the
 * reason. The person must exist in the vault, so a typo does not silently exclude nobody.
 */
export async function excludePerson(vault: Vault, personId: string, reason: string): Promise<Exclusion> {
	const id = personId.trim();
	const why = reason.trim();
	if (!id) throw new RuleError('Which person to exclude? The person ID is empty.', undefined, 'personId');
	if (!why) throw new RuleError(`Give a reason for excluding person '${id}': it is shown wherever the exclusion is listed.`, undefined, 'reason');
	const person = await vault.db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst();
	if (!person) throw new RuleError(`Person '${id}' does not exist in the vault: use the vault id of a person (persons.id).`, undefined, 'personId');
	const now = new Date().toISOString();
	await vault.db
		.insertInto('exclusions')
		.values({ person_id: id, reason: why, created_at: now })
		.onConflict((conflict) => conflict.column('person_id').doUpdateSet({ reason: why, created_at: now }))
		.execute();
	const [exclusion] = await listExclusions(vault, id);
	return exclusion;
}

/** Ends an exclusion; false when the person was not excluded. */
export async function includePerson(vault: Vault, personId: string): Promise<boolean> {
	const result = await vault.db.deleteFrom('exclusions').where('person_id', '=', personId.trim()).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Every exclusion (or one person's), oldest first, with the person's name where known. */
export async function listExclusions(vault: Vault, personId?: string): Promise<Exclusion[]> {
	let query = vault.db
		.selectFrom('exclusions')
		.leftJoin('persons', 'persons.id', 'exclusions.person_id')
		.leftJoin('sources', 'sources.id', 'persons.source_id')
		.select([
			'exclusions.person_id as personId',
			'exclusions.reason as reason',
			'exclusions.created_at as createdAt',
			'persons.external_id as externalId',
			'persons.display_name as displayName',
			'sources.name as source',
		])
		.orderBy('exclusions.created_at')
		.orderBy('exclusions.person_id');
	if (personId !== undefined) query = query.where('exclusions.person_id', '=', personId);
	const rows = await query.execute();
	return rows.map((row) => ({
		personId: row.personId,
		reason: row.reason,
		createdAt: row.createdAt,
		externalId: row.externalId ?? null,
		displayName: row.displayName ?? null,
		source: row.source ?? null,
	}));
}

/** The excluded vault person ids, for evaluation to skip (use isExcluded: aggregated persons have several ids). */
export async function excludedPersonIds(vault: Vault): Promise<Set<string>> {
	const rows = await vault.db.selectFrom('exclusions').select('person_id').execute();
	return new Set(rows.map((row) => row.person_id));
}

/** Whether an (aggregated) person is excluded: by its own id or the id of any record merged into it. */
export function isExcluded(person: { id?: string; sources?: ReadonlyArray<{ personId: string }> }, excluded: ReadonlySet<string>): boolean {
	if (excluded.size === 0) return false;
	if (person.id !== undefined && excluded.has(person.id)) return true;
	return person.sources?.some((source) => excluded.has(source.personId)) ?? false;
}
