import { sql } from 'kysely';

import { inChunks } from '../vault/inChunks';
import type { VaultBackend, VaultDb } from '../vault/types';
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
 * Per record, its rows as one JSON array of [column, ...] arrays: the SQLite driver builds and
 * copies an object per row, which cost more than the query for the hundreds of thousands of
 * accounts and grants a full evaluation reads.
 */
function rowsAsJson(backend: VaultBackend, columns: readonly string[]) {
	const values = sql.join(columns.map((column) => sql.ref(column)));
	return backend === 'postgres' ? sql<unknown>`json_agg(json_build_array(${values}))` : sql<unknown>`json_group_array(json_array(${values}))`;
}

/** pg parses json itself; SQLite returns the text. */
const parsedRows = (value: unknown): string[][] => (typeof value === 'string' ? (JSON.parse(value) as string[][]) : (value as string[][]));

export async function accountsOf(db: VaultDb, backend: VaultBackend, recordIds: Iterable<string>): Promise<GrantedAccount[]> {
	const rows = await inChunks(recordIds, (chunk) =>
		db
			.selectFrom('accounts')
			.select(['person_id', rowsAsJson(backend, ['id', 'target', 'account_ref', 'state', 'created_at', 'updated_at']).as('rows')])
			.where('person_id', 'in', chunk)
			.groupBy('person_id')
			.execute(),
	);
	const accounts: GrantedAccount[] = [];
	for (const row of rows) {
		for (const [id, target, accountRef, state, createdAt, updatedAt] of parsedRows(row.rows)) {
			accounts.push({ id, personId: row.person_id, target, accountRef, state, createdAt, updatedAt } as GrantedAccount);
		}
	}
	return accounts;
}

/**
 * Granted groups, permissions and products, without their names: these columns are all in the
 * unique index, so the database reads the index alone (reading the table for the name made this
 * the largest read of an evaluation, 650,000 rows for 100,000 persons). `name` is empty: only a
 * revoke needs it, see grantNames.
 */
export async function grantsOf(db: VaultDb, backend: VaultBackend, recordIds: Iterable<string>): Promise<Array<GrantedItem & { personId: string }>> {
	const rows = await inChunks(recordIds, (chunk) =>
		db
			.selectFrom('granted_entitlements')
			.select(['person_id', rowsAsJson(backend, ['target', 'kind', 'entitlement_key']).as('rows')])
			.where('person_id', 'in', chunk)
			.groupBy('person_id')
			.execute(),
	);
	const grants: Array<GrantedItem & { personId: string }> = [];
	for (const row of rows) {
		for (const [target, kind, key] of parsedRows(row.rows)) grants.push({ personId: row.person_id, target, kind, key, name: '' } as GrantedItem & { personId: string });
	}
	return grants;
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

/**
 * Records that hold a live (enabled or disabled) account, among those not in `covered`. The
 * distinct record ids come from the (person_id, target) index alone; only the few uncovered
 * ones are checked for a live account in the table.
 */
export async function liveAccountHolders(db: VaultDb, covered: ReadonlySet<string>): Promise<string[]> {
	const holders = await db.selectFrom('accounts').select('person_id').distinct().execute();
	const uncovered = holders.map((row) => row.person_id).filter((id) => !covered.has(id));
	const live = await inChunks(uncovered, (chunk) =>
		db.selectFrom('accounts').select('person_id').distinct().where('person_id', 'in', chunk).where('state', 'in', ['enabled', 'disabled']).execute(),
	);
	return live.map((row) => row.person_id);
}

/** Latest merge or unmerge touching each record: merging changes the person the rules see. */
export async function mergeEventsOf(db: VaultDb, recordIds: Iterable<string>): Promise<Map<string, string>> {
	const rows = await inChunks(recordIds, (chunk) =>
		db
			.selectFrom('merges')
			.select(['survivor_id', 'merged_id', 'created_at', 'undone_at'])
			.where((eb) => eb.or([eb('merged_id', 'in', chunk), eb('survivor_id', 'in', chunk)]))
			.execute(),
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
 * One pass over persons: the survivors with an active record that is blocked (missing or
 * invalid HR data), and with `since`, the records written since then (imports, blocks, persons
 * gone). Both filters run in the database, so only the few matching rows are read back.
 */
export async function personScan(db: VaultDb, since?: string): Promise<{ blocked: Set<string>; changed: string[] }> {
	const rows = await db
		.selectFrom('persons')
		.select(['id', 'merged_into', 'status', 'blocked_reason', 'updated_at'])
		.where((eb) => {
			const blocked = eb.and([eb('status', '=', 'active'), eb('blocked_reason', 'is not', null)]);
			return since === undefined ? blocked : eb.or([blocked, eb('updated_at', '>=', since)]);
		})
		.execute();
	const blocked = new Set<string>();
	const changed: string[] = [];
	for (const row of rows) {
		if (row.status === 'active' && row.blocked_reason !== null) blocked.add(row.merged_into ?? row.id);
		if (since !== undefined && row.updated_at >= since) changed.push(row.id);
	}
	return { blocked, changed };
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
