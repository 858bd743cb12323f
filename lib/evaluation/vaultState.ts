import { sql } from 'kysely';

import type { PageSpan } from '../aggregation/aggregatedPersons';
import type { GrantSummary } from '../vault/grantSignature';
import { inChunks } from '../vault/inChunks';
import { PERSONS_NEEDING_ATTENTION } from '../vault/migrations/0006_person_scan_indexes';
import type { VaultDb } from '../vault/types';
import type { AccountState } from './diff';
import type { GrantedAccount, GrantedItem } from './types';

export interface RecordRow {
	id: string;
	survivor: string;
	status: string;
	updatedAt: string;
}

/** Every record (any status) of the given survivors. */
export async function recordsOfSurvivors(db: VaultDb, survivors: Iterable<string>): Promise<RecordRow[]> {
	const rows = await inChunks(survivors, (chunk) =>
		db
			.selectFrom('persons')
			.select(['id', 'merged_into', 'status', 'updated_at'])
			.where((eb) => eb.or([eb('id', 'in', chunk), eb('merged_into', 'in', chunk)]))
			.execute(),
	);
	return rows.map((row) => ({ id: row.id, survivor: row.merged_into ?? row.id, status: row.status, updatedAt: row.updated_at }));
}

/** The survivor of each id that names a person record; ids without a record map to themselves. */
export async function survivorsOf(db: VaultDb, ids: Iterable<string>): Promise<Map<string, string>> {
	const list = [...new Set(ids)];
	const rows = await inChunks(list, (chunk) => db.selectFrom('persons').select(['id', 'merged_into']).where('id', 'in', chunk).execute());
	const survivors = new Map(list.map((id) => [id, id]));
	for (const row of rows) survivors.set(row.id, row.merged_into ?? row.id);
	return survivors;
}

/**
 * The rows of a table with the given records' person_id, or a page's: its span read in the
 * order of the person_id index (one range instead of a thousand lookups) and the records beyond
 * it by id. A span's rows include those of records merged into another page's persons: look
 * rows up by record (filtering them out cost more than it saved).
 */
async function rowsOfRecords<R>(
	records: readonly string[] | PageSpan,
	bySpan: (span: PageSpan) => Promise<R[]>,
	byIds: (ids: string[]) => Promise<R[]>,
): Promise<R[]> {
	if (!('upTo' in records)) return await inChunks(records, byIds);
	const rows = await bySpan(records);
	return records.beyond.length > 0 ? [...rows, ...(await inChunks(records.beyond, byIds))] : rows;
}

export async function accountsOf(db: VaultDb, records: readonly string[] | PageSpan): Promise<GrantedAccount[]> {
	const select = () =>
		db
			.selectFrom('accounts')
			.select(['id', 'person_id as personId', 'target', 'account_ref as accountRef', 'state', 'created_at as createdAt', 'updated_at as updatedAt']);
	const rows = await rowsOfRecords(
		records,
		(span) => select().where('person_id', '>', span.after).where('person_id', '<=', span.upTo).execute(),
		(ids) => select().where('person_id', 'in', ids).execute(),
	);
	return rows as GrantedAccount[];
}

/**
 * Granted groups, permissions and products, without their names: these columns are all in the
 * unique index, so the database reads the index alone (reading the table for the name made this
 * the largest read of an evaluation, 650,000 rows for 100,000 persons). `name` is empty: only a
 * revoke needs it, see grantNames.
 */
export async function grantsOf(db: VaultDb, records: readonly string[] | PageSpan): Promise<Array<GrantedItem & { personId: string }>> {
	// The rows as they come are the grants: no copy of a million objects to add the name.
	const select = () =>
		db.selectFrom('granted_entitlements').select(['person_id as personId', 'target', 'kind', 'entitlement_key as key', sql<string>`''`.as('name')]);
	return await rowsOfRecords(
		records,
		(span) => select().where('person_id', '>', span.after).where('person_id', '<=', span.upTo).execute(),
		(ids) => select().where('person_id', 'in', ids).execute(),
	);
}

/** What a record holds, from its holdings row: its grants' summary and its accounts' states as JSON (see heldAccounts). */
export interface Holding extends GrantSummary {
	accounts: string;
}

/** The holdings (migration 0005) of the given records, or a page's; records that never held anything have none. */
export async function holdingsOf(db: VaultDb, records: readonly string[] | PageSpan): Promise<Map<string, Holding>> {
	const select = () => db.selectFrom('holdings').select(['person_id', 'grants', 'signature', 'accounts']);
	const rows = await rowsOfRecords(
		records,
		(span) => select().where('person_id', '>', span.after).where('person_id', '<=', span.upTo).execute(),
		(ids) => select().where('person_id', 'in', ids).execute(),
	);
	return new Map(rows.map((row) => [row.person_id, { grants: Number(row.grants), signature: Number(row.signature), accounts: row.accounts }]));
}

/** A record's accounts as its holding lists them: target, state and update time. */
export function accountStatesOf(holding: Holding | undefined): AccountState[] {
	return !holding || holding.accounts === '[]' ? [] : (JSON.parse(holding.accounts) as AccountState[]);
}

/**
 * The light part of a record's accounts, from its holding's account states: target, state and
 * update time, with id, reference and creation time left empty. Enough to tell a person with
 * nothing to do.
 */
export function heldAccounts(recordId: string, states: readonly AccountState[]): GrantedAccount[] {
	return states.map(([target, state, updatedAt]) => ({ id: '', personId: recordId, target, accountRef: '', state, createdAt: '', updatedAt }));
}

/** The names of the given records' grants, by grantNameKey. */
export async function grantNames(db: VaultDb, recordIds: Iterable<string>): Promise<Map<string, string>> {
	const rows = await inChunks(recordIds, (chunk) =>
		db
			.selectFrom('granted_entitlements')
			.select(['person_id', 'target', 'kind', 'entitlement_key', 'entitlement_name'])
			.where('person_id', 'in', chunk)
			.execute(),
	);
	return new Map(rows.map((row) => [grantNameKey(row.person_id, row.target, row.kind, row.entitlement_key), row.entitlement_name]));
}

export const grantNameKey = (recordId: string, target: string, kind: string, key: string): string => `${recordId}\u0000${target}\u0000${kind}\u0000${key}`;

/** The records among `candidates` that hold a live (enabled or disabled) account. */
export async function liveAccountHolders(db: VaultDb, candidates: readonly string[]): Promise<string[]> {
	const live = await inChunks(candidates, (chunk) =>
		db.selectFrom('accounts').select('person_id').distinct().where('person_id', 'in', chunk).where('state', 'in', ['enabled', 'disabled']).execute(),
	);
	return live.map((row) => row.person_id);
}

/**
 * Latest merge or unmerge touching each record: merging changes the person the rules see. For a
 * page, the merges of its span are two range reads on the merged and survivor indexes (lists of
 * 250 ids were 500 index lookups a page, 0.14 s of a 100,000-person evaluation); they may hold
 * records of other pages, which are never looked up here.
 */
export async function mergeEventsOf(db: VaultDb, records: readonly string[] | PageSpan): Promise<Map<string, string>> {
	const select = () => db.selectFrom('merges').select(['survivor_id', 'merged_id', 'created_at', 'undone_at']);
	const rows = await rowsOfRecords(
		records,
		async (span) => [
			...(await select().where('merged_id', '>', span.after).where('merged_id', '<=', span.upTo).execute()),
			...(await select().where('survivor_id', '>', span.after).where('survivor_id', '<=', span.upTo).execute()),
		],
		(ids) => select().where((eb) => eb.or([eb('merged_id', 'in', ids), eb('survivor_id', 'in', ids)])).execute(),
	);
	const latest = new Map<string, string>();
	const note = (id: string, at: string | null) => {
		if (at && at > (latest.get(id) ?? '')) latest.set(id, at);
	};
	for (const row of rows) {
		for (const id of [row.survivor_id, row.merged_id]) {
			note(id, row.created_at);
			note(id, row.undone_at);
		}
	}
	return latest;
}

/**
 * The survivors with an active record that is blocked (missing or invalid HR data), the records
 * that are not active (gone from their source: the only ones a full evaluation can miss, as an
 * active record always belongs to a person it plans), and with `since`, the records written
 * since then (imports, blocks, persons gone). Each is read through an index of its own
 * (migration 0006): the cost follows those few rows, not the population.
 */
export async function personScan(db: VaultDb, since?: string): Promise<{ blocked: Set<string>; inactive: string[]; changed: string[] }> {
	const columns = ['id', 'merged_into', 'status', 'blocked_reason'] as const;
	// The condition of the partial index (migration 0006), so the database reads the index.
	const rows = await db.selectFrom('persons').select(columns).where(PERSONS_NEEDING_ATTENTION).execute();
	const blocked = new Set<string>();
	const inactive: string[] = [];
	for (const row of rows) {
		if (row.status !== 'active') inactive.push(row.id);
		else if (row.blocked_reason !== null) blocked.add(row.merged_into ?? row.id);
	}
	const changed = since === undefined ? [] : (await db.selectFrom('persons').select('id').where('updated_at', '>=', since).execute()).map((row) => row.id);
	return { blocked, inactive, changed };
}

/**
 * Persons iterateAggregatedPersons yields: survivors whose own record is active, plus the
 * (rare) survivors whose record is gone while a record merged into them is active. Two narrow
 * counts instead of a count(distinct) over every record.
 */
export async function countActivePersons(db: VaultDb): Promise<number> {
	const survivors = await db
		.selectFrom('persons')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('status', '=', 'active')
		.where('merged_into', 'is', null)
		.executeTakeFirstOrThrow();
	const orphaned = await db
		.selectFrom('persons as p')
		.innerJoin('persons as s', 's.id', 'p.merged_into')
		.select((eb) => eb.fn.count('p.merged_into').distinct().as('n'))
		.where('p.merged_into', 'is not', null)
		.where('p.status', '=', 'active')
		.where('s.status', '!=', 'active')
		.executeTakeFirstOrThrow();
	return Number(survivors.n) + Number(orphaned.n);
}

/** Accounts not deleted, per target: the base of the percentage thresholds. */
export async function managedAccounts(db: VaultDb): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('accounts')
		.select((eb) => ['target', eb.fn.countAll().as('n')])
		.where('state', '!=', 'deleted')
		.groupBy('target')
		.execute();
	return Object.fromEntries(rows.map((row) => [row.target, Number(row.n)]));
}
