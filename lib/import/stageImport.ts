
import type { Department } from '../model/person';
import { newId } from '../vault/ids';
import type { InsertRow, Vault, VaultDb } from '../vault/types';
import { DEFAULT_DATE_SETTINGS } from './dates';
import { compileDepartmentMapper, compileRowOutline, type RowIssue, type RowMapping } from './mapRow';
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
 * Stores every HR row as it came (unless the rows are an array, see rowFromArray), with its
 * hash and person key, in the staging table of the import's transaction, streaming in chunks.
 * Rows are mapped when applied, and then only the rows of persons whose rows changed:
 * unchanged persons cost a hash, not a mapping.
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
	const outline = compileRowOutline(rowMappingOf(options));
	const inArray = Array.isArray(rows);
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
		const { key, departments: named } = outline(row);
		for (const department of named) if (!derived.has(department.code)) derived.set(department.code, department);
		const json = JSON.stringify(row);
		const [h1, h2] = rowHash(json);
		// A row without a key belongs to no person: applying maps it to say what is wrong.
		const data = inArray ? '' : json; // rows of an array are read from it (rowFromArray)
		batch.push({ import_id: importId, row_no: rowNo, record_type: 'person', external_id: key ?? null, has_error: key ? 0 : 1, h1, h2, data });
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
