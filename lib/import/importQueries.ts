import type { Contract, Department } from '../model/person';
import type { PersonRow } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import type { AssembledPerson } from './assemblePerson';
import type { MappedRow, RowIssue, RowMapper } from './mapRow';
import type { RawDepartmentRecord } from './stageImport';

/**
 * The staged rows of an import grouped by person key, a page of keys at a time (keyset
 * paging on the key, so a person's rows never straddle two pages).
 */
export async function* personPages(db: VaultDb, importId: string, pageSize: number, mapRow: RowMapper): AsyncGenerator<Map<string, MappedRow[]>> {
	let after = '';
	for (;;) {
		const keys = await db
			.selectFrom('raw_records')
			.select('external_id')
			.distinct()
			.where('import_id', '=', importId)
			.where('record_type', '=', 'person')
			.where('external_id', '>', after)
			.orderBy('external_id')
			.limit(pageSize)
			.execute();
		if (!keys.length) return;
		const first = keys[0].external_id as string;
		const last = keys[keys.length - 1].external_id as string;
		const rows = await db
			.selectFrom('raw_records')
			.select(['external_id', 'row_no', 'data'])
			.where('import_id', '=', importId)
			.where('record_type', '=', 'person')
			.where('external_id', '>=', first)
			.where('external_id', '<=', last)
			.orderBy('external_id')
			.orderBy('row_no')
			.execute();
		const page = new Map<string, MappedRow[]>();
		for (const row of rows) {
			const key = row.external_id as string;
			const mapped = mapRow(JSON.parse(row.data) as object, row.row_no);
			const list = page.get(key);
			if (list) list.push(mapped);
			else page.set(key, [mapped]);
		}
		yield page;
		after = last;
	}
}

/** Which of these person keys exist: in this import, or (single-person imports) among the source's persons. */
export async function existingKeys(
	db: VaultDb,
	importId: string,
	sourceId: string,
	keys: string[],
	mode: 'full' | 'single',
): Promise<Set<string>> {
	if (!keys.length) return new Set();
	const found = new Set<string>();
	const staged = await db
		.selectFrom('raw_records')
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
export function managerRefs(page: Map<string, MappedRow[]>): string[] {
	const refs = new Set<string>();
	for (const rows of page.values()) {
		for (const row of rows) {
			for (const contract of row.contracts) {
				if (contract.managerExternalId && !page.has(contract.managerExternalId)) refs.add(contract.managerExternalId);
			}
		}
	}
	return [...refs];
}

/** Active persons of the source that a full export no longer contains. */
export async function goneCandidates(db: VaultDb, importId: string, sourceId: string) {
	return await db
		.selectFrom('persons as p')
		.select(['p.id', 'p.external_id', 'p.data', 'p.blocked_reason'])
		.where('p.source_id', '=', sourceId)
		.where('p.status', '=', 'active')
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('raw_records as r')
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
		.selectFrom('raw_records')
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
	document: string,
	hash: string,
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
		hash,
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

/** Issues of rows that belong to no person: rows without a key, and bad department records. */
export async function unkeyedIssues(db: VaultDb, importId: string, mapRow: RowMapper): Promise<RowIssue[]> {
	const rows = await db
		.selectFrom('raw_records')
		.select(['record_type', 'row_no', 'data'])
		.where('import_id', '=', importId)
		.where('has_error', '=', 1)
		.where((eb) => eb.or([eb('external_id', 'is', null), eb('record_type', '=', 'department')]))
		.orderBy('row_no')
		.execute();
	return rows.flatMap((row) => {
		if (row.record_type === 'person') return mapRow(JSON.parse(row.data) as object, row.row_no).issues;
		const { issue } = JSON.parse(row.data) as RawDepartmentRecord;
		return issue ? [issue] : [];
	});
}
