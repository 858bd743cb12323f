import type { Contract, Person, PersonName } from '../model/person';
import type { Vault, VaultDb } from '../vault/types';
import { inChunks } from './mergeWriter';
import { compareBySourcePriority, loadSourceRanking, type SourceRanking } from './sourcePriority';

/** One source record of an aggregated person. */
export interface PersonSource {
	source: string;
	externalId: string;
	/** The record's vault id (persons.id). */
	personId: string;
}

export interface AggregatedContract extends Contract {
	/** Name of the source the contract came from. */
	source: string;
	/** The source record (persons.id) it belongs to. */
	personId: string;
}

/**
 * A person as later stages see it: one per survivor, its fields taken by source priority
 * (first non-empty value), with the contracts of every merged record.
 */
export interface AggregatedPerson extends Omit<Person, 'contracts'> {
	/** The survivor's vault id. It changes when a record from a higher-priority source joins, so link by any id in `sources`. */
	id: string;
	/** Every record merged into this person, highest priority first. */
	sources: PersonSource[];
	contracts: AggregatedContract[];
}

export interface AggregatedPersonsOptions {
	/** Source names, highest priority first; default: sources.priority. */
	sourcePriority?: string[];
	/** Include records that left their source (status 'gone'); default false. */
	includeGone?: boolean;
}

export interface LoadAggregatedPersonsOptions extends AggregatedPersonsOptions {
	/** Only the persons these ids belong to (survivor or merged record ids). Default: everyone. */
	ids?: readonly string[];
}

interface RecordRow {
	id: string;
	source_id: string;
	external_id: string;
	merged_into: string | null;
	status: string;
	display_name: string;
	given_name: string;
	family_name: string;
	birth_date: string | null;
	email: string | null;
	phone: string | null;
	national_id: string | null;
	data: string;
	updated_at: string;
}

/** A record of a page's persons, any status (a gone record may still hold accounts). */
export interface AggregatedRecord {
	id: string;
	survivor: string;
	status: string;
	updatedAt: string;
}

/** A page of aggregated persons with every record they were made of, read in the same query. */
export interface AggregatedPage {
	persons: AggregatedPerson[];
	records: AggregatedRecord[];
}

const RECORD_COLUMNS = [
	'id',
	'source_id',
	'external_id',
	'merged_into',
	'status',
	'display_name',
	'given_name',
	'family_name',
	'birth_date',
	'email',
	'phone',
	'national_id',
	'data',
	'updated_at',
] as const;

/** Aggregated persons, ordered by survivor id. Without ids it loads everyone: use iterateAggregatedPersons for large vaults. */
export async function loadAggregatedPersons(
	vault: Vault,
	options: LoadAggregatedPersonsOptions = {},
): Promise<AggregatedPerson[]> {
	if (!options.ids) {
		const all: AggregatedPerson[] = [];
		for await (const page of iterateAggregatedPersons(vault, 1000, options)) all.push(...page);
		return all;
	}
	const ranking = await loadSourceRanking(vault.db, options.sourcePriority);
	const rows = await inChunks(options.ids, (chunk) =>
		vault.db.selectFrom('persons').select(['id', 'merged_into']).where('id', 'in', chunk).execute(),
	);
	const survivors = [...new Set(rows.map((row) => row.merged_into ?? row.id))].sort();
	return (await aggregate(vault.db, ranking, survivors, options.includeGone ?? false)).persons;
}

/**
 * Every aggregated person, a page at a time (ordered by survivor id): memory stays bounded
 * by the page size however many persons the vault holds.
 */
export async function* iterateAggregatedPersons(
	vault: Vault,
	pageSize = 1000,
	options: AggregatedPersonsOptions = {},
): AsyncGenerator<AggregatedPerson[]> {
	for await (const page of iterateAggregatedPages(vault, pageSize, options)) yield page.persons;
}

/** iterateAggregatedPersons with each page's records (evaluation needs them and would read them again). */
export async function* iterateAggregatedPages(
	vault: Vault,
	pageSize = 1000,
	options: AggregatedPersonsOptions = {},
): AsyncGenerator<AggregatedPage> {
	if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`The page size ${pageSize} must be a whole number of at least 1`);
	const ranking = await loadSourceRanking(vault.db, options.sourcePriority);
	const includeGone = options.includeGone ?? false;
	let lastId: string | undefined;
	for (;;) {
		// Walks all records in id order (the primary key) and keeps the survivors: a filter on
		// merged_into would make the database sort every survivor again for each page.
		let query = vault.db.selectFrom('persons').select(['id', 'merged_into']).orderBy('id').limit(pageSize);
		if (lastId !== undefined) query = query.where('id', '>', lastId);
		const rows = await query.execute();
		const survivors = rows.filter((row) => row.merged_into === null).map((row) => row.id);
		// Persons whose records are all gone drop out here (unless includeGone).
		if (survivors.length > 0) {
			const page = await aggregate(vault.db, ranking, survivors, includeGone);
			if (page.persons.length > 0) yield page;
		}
		if (rows.length < pageSize) return;
		lastId = rows[rows.length - 1].id;
	}
}

async function aggregate(
	db: VaultDb,
	ranking: SourceRanking,
	survivors: readonly string[],
	includeGone: boolean,
): Promise<AggregatedPage> {
	const rows = await inChunks(survivors, (chunk) =>
		db
			.selectFrom('persons')
			.select(RECORD_COLUMNS)
			.where((eb) => eb.or([eb('id', 'in', chunk), eb('merged_into', 'in', chunk)]))
			.execute(),
	);
	const bySurvivor = new Map<string, RecordRow[]>();
	for (const row of rows) {
		if (!includeGone && row.status !== 'active') continue;
		const survivor = row.merged_into ?? row.id;
		const records = bySurvivor.get(survivor);
		if (records) records.push(row);
		else bySurvivor.set(survivor, [row]);
	}
	const persons: AggregatedPerson[] = [];
	for (const survivor of survivors) {
		const records = bySurvivor.get(survivor);
		if (records) persons.push(combine(survivor, records, ranking));
	}
	const records: AggregatedRecord[] = [];
	for (const row of rows) {
		const survivor = row.merged_into ?? row.id;
		if (bySurvivor.has(survivor)) records.push({ id: row.id, survivor, status: row.status, updatedAt: row.updated_at });
	}
	return { persons, records };
}

/** One person from its records: per field the first non-empty value in source priority order. */
function combine(survivorId: string, rows: RecordRow[], ranking: SourceRanking): AggregatedPerson {
	rows.sort((a, b) => compareBySourcePriority(ranking, a, b));
	const records = rows.map((row) => ({ row, person: toPerson(row, ranking) }));
	const main = records.find((r) => r.row.id === survivorId) ?? records[0];
	const first = <T>(pick: (person: Person) => T | undefined): T | undefined => {
		for (const { person } of records) {
			const value = pick(person);
			if (!isEmpty(value)) return value;
		}
		return undefined;
	};
	// The name is taken whole from one record: mixing a prefix from one source with a family
	// name from another would make a name nobody has.
	const name = first((p) => (hasName(p.name) ? p.name : undefined)) ?? main.person.name;
	const custom: Record<string, unknown> = {};
	for (const { person } of records) {
		for (const [key, value] of Object.entries(person.custom)) {
			if (!(key in custom) && !isEmpty(value)) custom[key] = value;
		}
	}
	// The primary contract and its manager belong together: both from the same record.
	const primary = records.find((r) => !isEmpty(r.person.primaryContractId)) ?? records.find((r) => !isEmpty(r.person.managerExternalId));

	const aggregated: AggregatedPerson = {
		id: survivorId,
		externalId: main.person.externalId,
		source: main.person.source,
		name: { ...name },
		custom,
		sources: records.map(({ row }) => ({ source: ranking.name(row.source_id), externalId: row.external_id, personId: row.id })),
		contracts: records.flatMap(({ row, person }) =>
			person.contracts.map((contract) => ({ ...contract, source: ranking.name(row.source_id), personId: row.id })),
		),
	};
	const birthDate = first((p) => p.birthDate);
	const nationalId = first((p) => p.nationalId);
	const email = first((p) => p.email);
	const phone = first((p) => p.phone);
	if (birthDate !== undefined) aggregated.birthDate = birthDate;
	if (nationalId !== undefined) aggregated.nationalId = nationalId;
	if (email !== undefined) aggregated.email = email;
	if (phone !== undefined) aggregated.phone = phone;
	if (primary?.person.primaryContractId !== undefined) aggregated.primaryContractId = primary.person.primaryContractId;
	if (primary?.person.managerExternalId !== undefined) aggregated.managerExternalId = primary.person.managerExternalId;
	return aggregated;
}

/** The record's person document, completed from its columns where the document lacks a field. */
function toPerson(row: RecordRow, ranking: SourceRanking): Person {
	let parsed: Partial<Person> = {};
	try {
		parsed = JSON.parse(row.data) as Partial<Person>;
	} catch {
		// A damaged document still has its columns.
	}
	const name: PersonName = parsed.name ?? {};
	return {
		...parsed,
		externalId: parsed.externalId ?? row.external_id,
		source: parsed.source ?? ranking.name(row.source_id),
		name: hasName(name) ? name : { given: row.given_name, family: row.family_name, display: row.display_name },
		birthDate: parsed.birthDate ?? row.birth_date ?? undefined,
		nationalId: parsed.nationalId ?? row.national_id ?? undefined,
		email: parsed.email ?? row.email ?? undefined,
		phone: parsed.phone ?? row.phone ?? undefined,
		custom: parsed.custom ?? {},
		contracts: parsed.contracts ?? [],
	};
}

function hasName(name: PersonName | undefined): boolean {
	return !!name && [name.given, name.family, name.display].some((part) => !isEmpty(part));
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
