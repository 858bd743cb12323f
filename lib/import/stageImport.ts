
import type { Department } from '../model/person';
import { newId } from '../vault/ids';
import type { InsertRow, Vault, VaultDb } from '../vault/types';
import { DEFAULT_DATE_SETTINGS } from './dates';
import { compileDepartmentMapper, compileRowMapper, type MappedRow, type RowIssue, type RowMapping } from './mapRow';
import type { ImportOptions } from './options';
import { rowHash } from './rowHash';

export type RowSource = Iterable<object> | AsyncIterable<object>;

/** Rows per insert batch: large enough to amortise round trips, small enough to stream. */
const CHUNK = 2000;
/** Issues kept in the import's stats for display; all of them count. */
export const MAX_STORED_ISSUES = 1000;

export interface StagedImport {
	importId: string;
	sourceId: string;
	rows: number;
	issues: RowIssue[];
	issueCount: number;
}

export function rowMappingOf(options: ImportOptions): RowMapping {
	return {
		mapping: options.mapping,
		rowShape: options.rowShape,
		contractsPath: options.contractsPath,
		requiredFields: options.requiredFields,
		dates: { ...DEFAULT_DATE_SETTINGS, ...options.dates },
	};
}

export interface RawDepartmentRecord {
	department: Department;
	issue?: RowIssue;
	/** Seen only on contracts (code, name, parent): explicit department records win over it. */
	derived?: boolean;
}

export async function findOrCreateSource(db: VaultDb, name: string, priority = 100): Promise<string> {
	const existing = await db.selectFrom('sources').select('id').where('name', '=', name).executeTakeFirst();
	if (existing) return existing.id;
	const id = newId();
	await db.insertInto('sources').values({ id, name, priority, settings: null, created_at: new Date().toISOString() }).execute();
	return id;
}

/**
 * A staged HR row as stored: its mapping result, not the raw row, so applying never maps a
 * row twice. Row numbers live in the row_no column: a row that moved in the export stores
 * (and hashes) the same.
 */
interface StoredRow {
	person: MappedRow['person'];
	contracts: MappedRow['contracts'];
	issues: Array<Omit<RowIssue, 'row'>>;
}

export function storedRow({ person, contracts, issues }: MappedRow): string {
	const stored: StoredRow = { person, contracts, issues: issues.map(({ row: _row, ...issue }) => issue) };
	return JSON.stringify(stored);
}

export function mappedRowOf(data: string, rowNo: number): MappedRow {
	const stored = JSON.parse(data) as StoredRow;
	if (!Array.isArray(stored.issues)) {
		// Imports held by earlier versions of this package kept the raw rows instead.
		throw new Error(`row ${rowNo} was staged by an earlier version of this package: run the import again`);
	}
	return { row: rowNo, person: stored.person, contracts: stored.contracts, issues: stored.issues.map((issue) => ({ row: rowNo, ...issue })) };
}

/**
 * Maps every HR row once and stores the result with the row's hash in the staging table of
 * the import's transaction, streaming in chunks. Nothing about persons changes here.
 */
export async function stageImport(
	vault: Vault,
	trx: VaultDb,
	ids: { importId: string; sourceId: string },
	options: ImportOptions,
	rows: RowSource,
	departments: RowSource | undefined,
): Promise<StagedImport> {
	const { importId, sourceId } = ids;
	const mapRow = compileRowMapper(rowMappingOf(options));
	const mapDepartment = compileDepartmentMapper(options.mapping);
	const issues: RowIssue[] = [];
	let issueCount = 0;
	const noteIssues = (found: RowIssue[]) => {
		issueCount += found.length;
		for (const issue of found) if (issues.length < MAX_STORED_ISSUES) issues.push(issue);
	};

	await trx
		.insertInto('imports')
		.values({
			id: importId,
			source_id: sourceId,
			kind: options.mode ?? 'full',
			status: 'running',
			started_at: new Date().toISOString(),
			finished_at: null,
			row_count: 0,
			error_count: 0,
			stats: '{}',
			hold_reason: null,
			snapshot_id: null,
		})
		.execute();

	let rowNo = 0;
	let batch: Array<InsertRow<'staged_rows'>> = [];
	const flush = async () => {
		if (batch.length) await vault.insertMany(trx, 'staged_rows', batch);
		batch = [];
	};
	const derived = new Map<string, Department>();

	for await (const row of rows) {
		rowNo++;
		const mapped = mapRow(row, rowNo);
		noteIssues(mapped.issues);
		for (const contract of mapped.contracts) {
			const department = contract.department;
			if (department && !derived.has(department.code)) derived.set(department.code, { ...department });
		}
		const data = storedRow(mapped);
		const [h1, h2] = rowHash(data);
		batch.push({
			import_id: importId,
			row_no: rowNo,
			record_type: 'person',
			external_id: mapped.person.externalId ?? null,
			has_error: mapped.issues.some((issue) => issue.severity === 'error') ? 1 : 0,
			h1,
			h2,
			data,
		});
		if (batch.length >= CHUNK) await flush();
	}
	const hrRows = rowNo; // department records are numbered on after the HR rows, but are not HR rows

	const explicit = new Set<string>();
	for await (const row of departments ?? []) {
		rowNo++;
		const { department, issue } = mapDepartment(row, rowNo);
		if (issue) noteIssues([issue]);
		if (department) explicit.add(department.code);
		const record: RawDepartmentRecord = { department: department ?? { code: '' }, issue };
		batch.push({
			import_id: importId,
			row_no: rowNo,
			record_type: 'department',
			external_id: department?.code ?? null,
			has_error: issue ? 1 : 0,
			h1: 0,
			h2: 0,
			data: JSON.stringify(record),
		});
		if (batch.length >= CHUNK) await flush();
	}
	for (const department of derived.values()) {
		if (explicit.has(department.code)) continue;
		rowNo++;
		const record: RawDepartmentRecord = { department, derived: true };
		batch.push({
			import_id: importId,
			row_no: rowNo,
			record_type: 'department',
			external_id: department.code,
			has_error: 0,
			h1: 0,
			h2: 0,
			data: JSON.stringify(record),
		});
	}
	await flush();
	await trx.updateTable('imports').set({ row_count: hrRows, error_count: issueCount }).where('id', '=', importId).execute();
	return { importId, sourceId, rows: hrRows, issues, issueCount };
}
