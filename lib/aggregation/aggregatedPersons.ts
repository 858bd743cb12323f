import type { Contract, Person, PersonName } from '../model/person';
import type { Vault, VaultDb } from '../vault/types';
import { inChunks } from '../vault/inChunks';
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

/** Person records by id: after `after` (exclusive) up to `upTo` (inclusive); either end open when left out. */
export interface IdRange {
	after?: string;
	upTo?: string;
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
	span: PageSpan;
}

/**
 * The person records a page read: ids after `after` ('' for the first page) up to `upTo`, as the
 * persons table orders them, and the records merged into its persons from elsewhere (`beyond`).
 */
export interface PageSpan {
	after: string;
	upTo: string;
	beyond: readonly string[];
}

/**
 * What a page reads of each record. The name, birth date and contact columns are copies of the
 * document's fields (written from it by the import): they are read only for a document that
 * cannot be parsed (DAMAGED_DOCUMENT_COLUMNS), which made a full evaluation read 7 columns
 * fewer of every person.
 */
const RECORD_COLUMNS = ['id', 'source_id', 'external_id', 'merged_into', 'status', 'data', 'updated_at'] as const;
const DAMAGED_DOCUMENT_COLUMNS = ['id', 'display_name', 'given_name', 'family_name', 'birth_date', 'email', 'phone', 'national_id'] as const;

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
	return (await aggregate(vault.db, ranking, survivors, await recordsOf(vault.db, survivors), options.includeGone ?? false)).persons;
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

/**
 * iterateAggregatedPersons with each page's records (evaluation needs them and would read them
 * again), over every record or a range of record ids: a survivor's page is the one holding its own record.
 */
export async function* iterateAggregatedPages(
	vault: Vault,
	pageSize = 1000,
	options: AggregatedPersonsOptions & { range?: IdRange } = {},
): AsyncGenerator<AggregatedPage> {
	if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`The page size ${pageSize} must be a whole number of at least 1`);
	const ranking = await loadSourceRanking(vault.db, options.sourcePriority);
	const includeGone = options.includeGone ?? false;
	let lastId = options.range?.after;
	const upTo = options.range?.upTo;
	for (;;) {
		// Reads a page of records in id order (the primary key), whole: the survivors among them,
		// and then the records merged into those survivors, found by the range of survivor ids
		// (merged_into's index). Records merged elsewhere come with their own survivor's page.
		let query = vault.db.selectFrom('persons').select(RECORD_COLUMNS).orderBy('id').limit(pageSize);
		if (lastId !== undefined) query = query.where('id', '>', lastId);
		if (upTo !== undefined) query = query.where('id', '<=', upTo);
		const rows = await query.execute();
		if (rows.length === 0) return;
		const survivors = rows.filter((row) => row.merged_into === null);
		if (survivors.length > 0) {
			const merged = await vault.db
				.selectFrom('persons')
				.select(RECORD_COLUMNS)
				.where('merged_into', '>=', survivors[0].id)
				.where('merged_into', '<=', survivors[survivors.length - 1].id)
				.execute();
			const { persons, records } = await aggregate(
				vault.db,
				ranking,
				survivors.map((row) => row.id),
				[...survivors, ...merged],
				includeGone,
			);
			const read = new Set(rows.map((row) => row.id));
			const beyond = records.filter((record) => !read.has(record.id)).map((record) => record.id);
			// Persons whose records are all gone drop out here (unless includeGone).
			if (persons.length > 0) yield { persons, records, span: { after: lastId ?? '', upTo: rows[rows.length - 1].id, beyond } };
		}
		if (rows.length < pageSize) return;
		lastId = rows[rows.length - 1].id;
	}
}

/** Every record of the given survivors (the survivors' own and those merged into them). */
async function recordsOf(db: VaultDb, survivors: readonly string[]): Promise<RecordRow[]> {
	return await inChunks(survivors, (chunk) =>
		db
			.selectFrom('persons')
			.select(RECORD_COLUMNS)
			.where((eb) => eb.or([eb('id', 'in', chunk), eb('merged_into', 'in', chunk)]))
			.execute(),
	);
}

/** The survivors' persons (in the given order) from their records. */
async function aggregate(
	db: VaultDb,
	ranking: SourceRanking,
	survivors: readonly string[],
	rows: readonly RecordRow[],
	includeGone: boolean,
): Promise<Omit<AggregatedPage, 'span'>> {
	const bySurvivor = new Map<string, RecordRow[]>();
	for (const row of rows) {
		if (!includeGone && row.status !== 'active') continue;
		const survivor = row.merged_into ?? row.id;
		const records = bySurvivor.get(survivor);
		if (records) records.push(row);
		else bySurvivor.set(survivor, [row]);
	}
	const documents = await personDocuments(db, bySurvivor.values());
	const persons: AggregatedPerson[] = [];
	for (const survivor of survivors) {
		const records = bySurvivor.get(survivor);
		if (records) persons.push(combine(survivor, records, ranking, documents));
	}
	const records: AggregatedRecord[] = [];
	for (const row of rows) {
		const survivor = row.merged_into ?? row.id;
		if (bySurvivor.has(survivor)) records.push({ id: row.id, survivor, status: row.status, updatedAt: row.updated_at });
	}
	return { persons, records };
}

/**
 * Each record's person document, parsed for this page alone (combine completes it in place). A
 * document that cannot be parsed is made from its record's columns, read for those records only.
 */
async function personDocuments(db: VaultDb, groups: Iterable<RecordRow[]>): Promise<Map<RecordRow, Partial<Person>>> {
	const documents = new Map<RecordRow, Partial<Person>>();
	const damaged: RecordRow[] = [];
	for (const rows of groups) {
		for (const row of rows) {
			try {
				documents.set(row, JSON.parse(row.data) as Partial<Person>);
			} catch {
				damaged.push(row);
			}
		}
	}
	if (damaged.length === 0) return documents;
	const columns = await inChunks(
		damaged.map((row) => row.id),
		(chunk) => db.selectFrom('persons').select(DAMAGED_DOCUMENT_COLUMNS).where('id', 'in', chunk).execute(),
	);
	const byId = new Map(columns.map((row) => [row.id, row]));
	for (const row of damaged) {
		const column = byId.get(row.id);
		documents.set(row, {
			name: { given: column?.given_name, family: column?.family_name, display: column?.display_name },
			birthDate: column?.birth_date ?? undefined,
			nationalId: column?.national_id ?? undefined,
			email: column?.email ?? undefined,
			phone: column?.phone ?? undefined,
		});
	}
	return documents;
}

/**
 * One person from its records: per field the first non-empty value in source priority order.
 * (Plain loops: this runs for every person of an evaluation, and closures made per call cost
 * V8 a context each and recompiling when it first runs on a new thread.)
 */
function combine(survivorId: string, rows: RecordRow[], ranking: SourceRanking, documents: ReadonlyMap<RecordRow, Partial<Person>>): AggregatedPerson {
	// Most persons have one record: nothing to sort or to choose between.
	if (rows.length > 1) rows.sort((a, b) => compareBySourcePriority(ranking, a, b));
	const persons: Person[] = [];
	const sources: PersonSource[] = [];
	const contracts: AggregatedContract[] = [];
	let main: Person | undefined;
	for (const row of rows) {
		const person = toPerson(row, ranking, documents.get(row) ?? {});
		const source = ranking.name(row.source_id);
		persons.push(person);
		sources.push({ source, externalId: row.external_id, personId: row.id });
		if (row.id === survivorId) main = person;
		// The contracts were parsed for this person alone (toPerson): marked in place, not copied.
		for (const contract of person.contracts as AggregatedContract[]) {
			contract.source = source;
			contract.personId = row.id;
			contracts.push(contract);
		}
	}
	main ??= persons[0];
	const aggregated: AggregatedPerson = {
		id: survivorId,
		externalId: main.externalId,
		source: main.source,
		// The name is taken whole from one record: mixing a prefix from one source with a family
		// name from another would make a name nobody has.
		name: { ...(firstNamed(persons) ?? main).name },
		custom: combinedCustom(persons),
		sources,
		contracts,
	};
	const birthDate = firstValue(persons, 'birthDate');
	const nationalId = firstValue(persons, 'nationalId');
	const email = firstValue(persons, 'email');
	const phone = firstValue(persons, 'phone');
	if (birthDate !== undefined) aggregated.birthDate = birthDate;
	if (nationalId !== undefined) aggregated.nationalId = nationalId;
	if (email !== undefined) aggregated.email = email;
	if (phone !== undefined) aggregated.phone = phone;
	// The primary contract and its manager belong together: both from the same record.
	const primary = firstWith(persons, 'primaryContractId') ?? firstWith(persons, 'managerExternalId');
	if (primary?.primaryContractId !== undefined) aggregated.primaryContractId = primary.primaryContractId;
	if (primary?.managerExternalId !== undefined) aggregated.managerExternalId = primary.managerExternalId;
	return aggregated;
}

function firstNamed(persons: readonly Person[]): Person | undefined {
	for (const person of persons) if (hasName(person.name)) return person;
	return undefined;
}

type OptionalField = 'birthDate' | 'nationalId' | 'email' | 'phone' | 'primaryContractId' | 'managerExternalId';

/** The first record, in priority order, with a non-empty value of the field. */
function firstWith(persons: readonly Person[], key: OptionalField): Person | undefined {
	for (const person of persons) if (!isEmpty(person[key])) return person;
	return undefined;
}

/** Per custom field the first non-empty value over the records. */
function combinedCustom(persons: readonly Person[]): Record<string, unknown> {
	const custom: Record<string, unknown> = {};
	for (const person of persons) {
		for (const key in person.custom) {
			const value = person.custom[key];
			if (!(key in custom) && !isEmpty(value)) custom[key] = value;
		}
	}
	return custom;
}

/** The first non-empty value of a field over the records, in priority order. */
function firstValue<K extends OptionalField>(persons: readonly Person[], key: K): Person[K] | undefined {
	return firstWith(persons, key)?.[key];
}

/**
 * The record's person document with the fields every person has. Completed in place: the
 * document was parsed for this call alone, and copying every person cost a tenth of a full
 * evaluation. (Assigning keeps the document's key order and adds missing keys at the end, as a
 * spread into a new object would.)
 */
function toPerson(row: RecordRow, ranking: SourceRanking, person: Partial<Person>): Person {
	person.externalId = person.externalId ?? row.external_id;
	person.source = person.source ?? ranking.name(row.source_id);
	person.name = person.name ?? {};
	person.custom = person.custom ?? {};
	person.contracts = person.contracts ?? [];
	return person as Person;
}

function hasName(name: PersonName | undefined): boolean {
	return !!name && (!isEmpty(name.given) || !isEmpty(name.family) || !isEmpty(name.display));
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
