import type { Contract, Department } from '../model/person';
import { inChunks } from '../vault/inChunks';
import type { PersonRow } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import type { AssembledPerson } from './assemblePerson';
import type { MappedRow, RowIssue } from './mapRow';
import type { RawDepartmentRecord } from './stageImport';
import type { StagedRow, StagingTable } from './stagingTable';

/** A staged HR row mapped (see applyImport). */
export type StagedRowMapper = (staged: StagedRow) => MappedRow;

/** A person's staged rows, with the sums that summarise them (see rowHash.ts). */
export interface StagedPerson {
	rows: MappedRow[];
	h1: number;
	h2: number;
}

/**
 * The staged rows of an import grouped by person key, a page of keys at a time: every key of
 * the import (keyset paging, so a person's rows never straddle two pages), or only `onlyKeys`.
 */
export async function* personPages(
	db: VaultDb,
	table: StagingTable,
	importId: string,
	mapStaged: StagedRowMapper,
	pageSize: number,
	onlyKeys?: string[],
): AsyncGenerator<Map<string, StagedPerson>> {
	for await (const keys of keyPages(db, table, importId, pageSize, onlyKeys)) {
		let query = db
			.selectFrom(table)
			.select(['external_id', 'row_no', 'h1', 'h2', 'data'])
			.where('import_id', '=', importId)
			.where('record_type', '=', 'person');
		// All keys of the import come in consecutive pages: a range scan of the index finds
		// exactly the page's rows, cheaper than looking up a thousand keys one by one.
		query = onlyKeys
			? query.where('external_id', 'in', keys)
			: query.where('external_id', '>=', keys[0]).where('external_id', '<=', keys[keys.length - 1]);
		const rows = await query
			.orderBy('external_id')
			.orderBy('row_no')
			.execute();
		const page = new Map<string, StagedPerson>();
		for (const row of rows) {
			const key = row.external_id as string;
			const mapped = mapStaged(row);
			const staged = page.get(key);
			if (staged) {
				staged.rows.push(mapped);
				staged.h1 += Number(row.h1);
				staged.h2 += Number(row.h2);
			} else {
				page.set(key, { rows: [mapped], h1: Number(row.h1), h2: Number(row.h2) });
			}
		}
		yield page;
	}
}

async function* keyPages(db: VaultDb, table: StagingTable, importId: string, pageSize: number, onlyKeys?: string[]): AsyncGenerator<string[]> {
	if (onlyKeys) {
		for (let start = 0; start < onlyKeys.length; start += pageSize) yield onlyKeys.slice(start, start + pageSize);
		return;
	}
	let after = '';
	for (;;) {
		const keys = await db
			.selectFrom(table)
			.select('external_id')
			.distinct()
			.where('import_id', '=', importId)
			.where('record_type', '=', 'person')
			.where('external_id', '>', after)
			.orderBy('external_id')
			.limit(pageSize)
			.execute();
		if (!keys.length) return;
		yield keys.map((row) => row.external_id as string);
		after = keys[keys.length - 1].external_id as string;
	}
}

/**
 * The persons a full import must rebuild when its mapping, departments and settings equal the
 * previous import's: persons whose rows differ (or who are new or back), persons whose
 * contracts started or ended between the two as-of dates (their primary contract may change),
 * and persons whose manager joined or left. Everyone else is unchanged without reading a row.
 */
export async function keysToProcess(
	db: VaultDb,
	table: StagingTable,
	importId: string,
	sourceId: string,
	dates: { previousAsOf: string; asOf: string },
	goneKeys: string[],
): Promise<string[]> {
	// Each key's rows summed first, then one lookup of the key's person: grouping the joined
	// rows by the person's columns too made SQLite sort them all.
	const staged = db
		.selectFrom(table)
		.select((eb) => ['external_id', eb.fn.sum<number>('h1').as('h1'), eb.fn.sum<number>('h2').as('h2'), eb.fn.countAll<number>().as('n')])
		.where('import_id', '=', importId)
		.where('record_type', '=', 'person')
		.where('external_id', 'is not', null)
		.groupBy('external_id')
		.as('k');
	const changed = await db
		.selectFrom(staged)
		.leftJoin('persons as p', (join) => join.onRef('p.external_id', '=', 'k.external_id').on('p.source_id', '=', sourceId))
		.select(['k.external_id', 'p.status', 'p.input_h1'])
		.where((eb) =>
			eb.or([
				eb('p.input_h1', 'is', null),
				eb('p.status', '!=', 'active'),
				eb('k.h1', '!=', eb.ref('p.input_h1')),
				eb('k.h2', '!=', eb.ref('p.input_h2')),
				eb('k.n', '!=', eb.ref('p.input_rows')),
			]),
		)
		.execute();
	const keys = new Set(changed.map((row) => row.external_id as string));
	const joined = changed.filter((row) => row.input_h1 === null || row.status !== 'active').map((row) => row.external_id as string);

	const [from, to] = [dates.previousAsOf, dates.asOf].sort();
	const crossing = await db
		.selectFrom('contracts as c')
		.innerJoin('persons as p', 'p.id', 'c.person_id')
		.select('p.external_id')
		// The contract's source, not the person's (the same): SQLite then scans contracts once
		// instead of looking up every active person's contracts.
		.where('c.source_id', '=', sourceId)
		.where('p.status', '=', 'active')
		.where((eb) =>
			eb.or([
				eb.and([eb('c.start_date', '>', from), eb('c.start_date', '<=', to)]),
				eb.and([eb('c.end_date', '>=', from), eb('c.end_date', '<', to)]),
			]),
		)
		.execute();
	crossing.forEach((row) => keys.add(row.external_id));

	const reports = await inChunks([...joined, ...goneKeys], (managers) =>
		db
			.selectFrom('contracts as c')
			.innerJoin('persons as p', 'p.id', 'c.person_id')
			.select('p.external_id')
			.where('c.source_id', '=', sourceId)
			.where('p.status', '=', 'active')
			.where('c.manager_external_id', 'in', managers)
			.execute(),
	);
	reports.forEach((row) => keys.add(row.external_id));
	return [...keys].sort();
}

/** The settings fingerprint and as-of date of the source's previous applied full import. */
export async function previousImport(db: VaultDb, sourceId: string, importId: string): Promise<{ context?: string; asOf?: string } | undefined> {
	const row = await db
		.selectFrom('imports')
		.select('stats')
		.where('source_id', '=', sourceId)
		.where('status', '=', 'applied')
		.where('kind', '=', 'full')
		.where('id', '!=', importId)
		.orderBy('finished_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? (JSON.parse(row.stats) as { context?: string; asOf?: string }) : undefined;
}

/** How many persons the import holds. */
export async function stagedPersonCount(db: VaultDb, table: StagingTable, importId: string): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.count('external_id').distinct().as('n'))
		.where('import_id', '=', importId)
		.where('record_type', '=', 'person')
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Keys of the source's blocked persons. */
export async function blockedPersonKeys(db: VaultDb, sourceId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('persons')
		.select('external_id')
		.where('source_id', '=', sourceId)
		.where('status', '=', 'active')
		.where('blocked_reason', 'is not', null)
		.execute();
	return rows.map((row) => row.external_id);
}

/** Which of these person keys exist: in this import, or (single-person imports) among the source's persons. */
export async function existingKeys(
	db: VaultDb,
	table: StagingTable,
	importId: string,
	sourceId: string,
	keys: string[],
	mode: 'full' | 'single',
): Promise<Set<string>> {
	if (!keys.length) return new Set();
	const found = new Set<string>();
	const staged = await db
		.selectFrom(table)
		.select('external_id')
		.where('import_id', '=', importId)
		.where('record_type', '=', 'person')
		.where('external_id', 'in', keys)
		.execute();
	staged.forEach((row) => found.add(row.external_id as string));
	if (mode === 'single') {
		const persons = await db
			.selectFrom('persons')
			.select('external_id')
			.where('source_id', '=', sourceId)
			.where('status', '=', 'active')
			.where('external_id', 'in', keys)
			.execute();
		persons.forEach((row) => found.add(row.external_id));
	}
	return found;
}

/** Manager keys the page's contracts point at, outside the page itself. */
export function managerRefs(page: Map<string, StagedPerson>): string[] {
	const refs = new Set<string>();
	for (const { rows } of page.values()) {
		for (const row of rows) {
			for (const contract of row.contracts) {
				if (contract.managerExternalId && !page.has(contract.managerExternalId)) refs.add(contract.managerExternalId);
			}
		}
	}
	return [...refs];
}

/** Active persons of the source that a full export no longer contains. */
export async function goneCandidates(db: VaultDb, table: StagingTable, importId: string, sourceId: string) {
	return await db
		.selectFrom('persons as p')
		.select(['p.id', 'p.external_id', 'p.data', 'p.blocked_reason'])
		.where('p.source_id', '=', sourceId)
		.where('p.status', '=', 'active')
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom(`${table} as r` as const)
						.select('r.row_no')
						.where('r.import_id', '=', importId)
						.where('r.record_type', '=', 'person')
						.whereRef('r.external_id', '=', 'p.external_id'),
				),
			),
		)
		.execute();
}

/**
 * The department tree for manager fallback: this import's department records (explicit ones
 * over those seen on contracts), on top of the stored tree for a single-person import.
 */
export async function loadDepartments(
	db: VaultDb,
	table: StagingTable,
	importId: string,
	sourceId: string,
	mode: 'full' | 'single',
): Promise<Map<string, Department>> {
	const departments = new Map<string, Department>();
	if (mode === 'single') {
		for (const row of await db.selectFrom('departments').selectAll().where('source_id', '=', sourceId).execute()) {
			departments.set(row.code, {
				code: row.code,
				name: row.name,
				parentCode: row.parent_code ?? undefined,
				managerExternalId: row.manager_external_id ?? undefined,
			});
		}
	}
	const staged = await db
		.selectFrom(table)
		.select('data')
		.where('import_id', '=', importId)
		.where('record_type', '=', 'department')
		.where('has_error', '=', 0)
		.orderBy('row_no')
		.execute();
	for (const row of staged) {
		const { department, derived } = JSON.parse(row.data) as RawDepartmentRecord;
		if (derived && departments.has(department.code)) continue;
		departments.set(department.code, department);
	}
	return departments;
}

export async function saveDepartments(
	db: VaultDb,
	vault: Vault,
	sourceId: string,
	departments: Map<string, Department>,
	mode: 'full' | 'single',
): Promise<void> {
	if (mode === 'full') await db.deleteFrom('departments').where('source_id', '=', sourceId).execute();
	else if (departments.size) {
		await db.deleteFrom('departments').where('source_id', '=', sourceId).where('code', 'in', [...departments.keys()]).execute();
	}
	await vault.insertMany(
		db,
		'departments',
		[...departments.values()].map((department) => ({
			source_id: sourceId,
			code: department.code,
			name: department.name ?? department.code,
			parent_code: department.parentCode ?? null,
			manager_external_id: department.managerExternalId ?? null,
		})),
	);
}

/** The snapshot is the latest applied import of every source, this one included. */
export async function latestAppliedImports(db: VaultDb, sourceId: string, importId: string): Promise<Record<string, string>> {
	const latest: Record<string, string> = {};
	const applied = await db
		.selectFrom('imports')
		.select(['id', 'source_id'])
		.where('status', '=', 'applied')
		.where('kind', '=', 'full')
		.orderBy('finished_at')
		.execute();
	for (const row of applied) latest[row.source_id] = row.id;
	latest[sourceId] = importId;
	return latest;
}

export function personRow(
	personId: string,
	sourceId: string,
	assembled: AssembledPerson,
	staged: StagedPerson,
	document: string,
	snapshotId: string,
	now: string,
	before: PersonRow | undefined,
) {
	const { person } = assembled;
	return {
		id: personId,
		source_id: sourceId,
		external_id: person.externalId,
		merged_into: before?.merged_into ?? null,
		display_name: person.name.display ?? '',
		given_name: person.name.given ?? '',
		family_name: person.name.family ?? '',
		birth_date: person.birthDate ?? null,
		email: person.email ?? null,
		phone: person.phone ?? null,
		national_id: person.nationalId ?? null,
		data: document,
		input_h1: staged.h1,
		input_h2: staged.h2,
		input_rows: staged.rows.length,
		blocked_reason: assembled.blockedReason ?? null,
		status: 'active' as const,
		first_seen_snapshot: before?.first_seen_snapshot ?? snapshotId,
		last_seen_snapshot: snapshotId,
		updated_at: now,
	};
}

export function contractRow(personId: string, sourceId: string, contract: Contract, primaryId: string | undefined) {
	return {
		id: `${personId}:${contract.externalId}`,
		person_id: personId,
		source_id: sourceId,
		external_id: contract.externalId,
		start_date: contract.startDate ?? null,
		end_date: contract.endDate ?? null,
		title: contract.title ?? null,
		department_code: contract.department?.code ?? null,
		department_name: contract.department?.name ?? null,
		manager_external_id: contract.managerExternalId ?? null,
		cost_centre: contract.costCentre ?? null,
		location: contract.location ?? null,
		employer: contract.employer ?? null,
		fte: contract.fte ?? null,
		type: contract.type ?? null,
		is_primary: contract.externalId === primaryId ? (1 as const) : (0 as const),
		data: contract.custom ? JSON.stringify(contract.custom) : '{}', // the other fields are columns
	};
}

/**
 * Issues of blocked persons that were not rebuilt: their rows are as before, so they are still
 * wrong in this export and still reported. Only their rows are mapped.
 */
export async function skippedErrorIssues(db: VaultDb, table: StagingTable, importId: string, mapStaged: StagedRowMapper, keys: string[]): Promise<RowIssue[]> {
	const rows = await inChunks(keys, (chunk) =>
		db
			.selectFrom(table)
			.select(['row_no', 'data'])
			.where('import_id', '=', importId)
			.where('record_type', '=', 'person')
			.where('external_id', 'in', chunk)
			.execute(),
	);
	// A row's issues when one of them blocks, in row order.
	return rows
		.sort((a, b) => a.row_no - b.row_no)
		.map((row) => mapStaged(row).issues)
		.filter((issues) => issues.some((issue) => issue.severity === 'error'))
		.flat();
}

/** Issues of rows that belong to no person: rows without a key, and bad department records. */
export async function unkeyedIssues(db: VaultDb, table: StagingTable, importId: string, mapStaged: StagedRowMapper): Promise<RowIssue[]> {
	const rows = await db
		.selectFrom(table)
		.select(['record_type', 'row_no', 'data'])
		.where('import_id', '=', importId)
		.where('has_error', '=', 1)
		.where((eb) => eb.or([eb('external_id', 'is', null), eb('record_type', '=', 'department')]))
		.orderBy('row_no')
		.execute();
	return rows.flatMap((row) => {
		if (row.record_type === 'person') return mapStaged(row).issues;
		const { issue } = JSON.parse(row.data) as RawDepartmentRecord;
		return issue ? [issue] : [];
	});
}
