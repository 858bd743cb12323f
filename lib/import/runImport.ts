import { sql } from 'kysely';

import { validateMapping, type Mapping } from '../mapping';
import { newId } from '../vault/ids';
import type { Vault } from '../vault/types';
import { applyImport, type ApplyResult, type ApplySettings } from './applyImport';
import { DEFAULT_DATE_SETTINGS, isValidZone, today } from './dates';
import type { RowIssue } from './mapRow';
import { ImportError } from './importError';
import { DEFAULT_THRESHOLDS, type ImportOptions } from './options';
import { DEFAULT_PRIMARY_ORDER } from './primaryContract';
import { findOrCreateSource, rowMappingOf, type RowSource, stageImport } from './stageImport';
import { createStagingTable, dropStagingTable, forgetRawRecords, indexStagingTable, keepStagedRows, rowFromArray, rowFromJson } from './stagingTable';
import { checkThresholds, describeHold, type ThresholdCheck } from './thresholds';


export interface ImportResult extends Partial<ApplyResult> {
	importId: string;
	source: string;
	status: 'applied' | 'held' | 'rejected';
	mode: 'full' | 'single';
	rows: number;
	thresholds: ThresholdCheck[];
	holdReason?: string;
	issues: RowIssue[];
	issueCount: number;
}

interface StoredSettings {
	source: string;
	/** How the rows were staged: earlier versions staged them otherwise. */
	rowsStaged?: 'raw';
	apply: ApplySettings;
	thresholds: ThresholdCheck[];
	rows: number;
}

function checkOptions(options: ImportOptions): void {
	if (!options.source?.trim()) throw new ImportError('The source system needs a name');
	if (!options.mapping?.person?.externalId) throw new ImportError('The mapping needs person.externalId: the key that identifies a person in the source');
	if (options.rowShape === 'person' && !options.contractsPath) {
		throw new ImportError('Rows with one person each need the path of their contracts array (contractsPath)');
	}
	const zone = options.dates?.timeZone;
	if (zone && !isValidZone(zone)) throw new ImportError(`"${zone}" is not a time zone (use an IANA name such as Europe/Amsterdam)`);
	for (const [part, fields] of Object.entries(options.mapping)) {
		try {
			validateMapping((fields ?? {}) as Mapping);
		} catch (error) {
			throw new ImportError(`Mapping of ${part}: ${(error as Error).message}`);
		}
	}
}

/**
 * Imports one run of an HR source in one transaction: stages the rows, then applies them
 * unless a source threshold is exceeded. A held import keeps its rows for an admin's
 * approval, and the current snapshot stays in force.
 */
export async function runImport(
	vault: Vault,
	options: ImportOptions,
	rows: RowSource,
	departments?: RowSource,
): Promise<ImportResult> {
	checkOptions(options);
	const mode = options.mode ?? 'full';
	const timeZone = options.dates?.timeZone ?? DEFAULT_DATE_SETTINGS.timeZone;
	// Outside the import's transaction: a failed import is recorded against its source.
	const sourceId = await findOrCreateSource(vault.db, options.source, options.sourcePriority);
	const importId = newId();
	const readRow = Array.isArray(rows) ? rowFromArray(rows as object[]) : rowFromJson;
	let applying: ApplySettings | undefined;
	try {
		return await vault.transaction(async (trx) => {
			await createStagingTable(trx);
			const staged = await stageImport(vault, trx, { importId, sourceId }, options, rows, departments);
			await indexStagingTable(trx);
			const settings: StoredSettings = {
				source: options.source,
				rows: staged.rows,
				rowsStaged: 'raw',
				thresholds: [],
				apply: {
					mode,
					rows: rowMappingOf(options),
					asOf: options.asOf ?? today(timeZone),
					order: options.primaryContractOrder ?? DEFAULT_PRIMARY_ORDER,
					maxChanges: options.maxChanges ?? 100,
					rebuildAll: options.rebuildAll,
				},
			};
			const stats = (extra: object) => JSON.stringify({ settings, issues: staged.issues, ...extra });
			await trx.updateTable('imports').set({ stats: stats({}) }).where('id', '=', importId).execute();
			applying = settings.apply;
			// Applied first, then checked: the thresholds count what applying found (who is new,
			// gone or blocked). Over a threshold, the apply is undone and the rows are kept.
			await sql`savepoint before_apply`.execute(trx);
			const applied = await applyImport(vault, trx, 'staged_rows', importId, settings.apply, readRow);
			const counts = applied.thresholdCounts;
			settings.thresholds = counts ? checkThresholds(options.thresholds ?? DEFAULT_THRESHOLDS, counts, counts.previous) : [];
			let holdReason = settings.thresholds.some((check) => check.exceeded) ? describeHold(settings.thresholds) : undefined;
			if (counts && counts.imported === 0 && counts.previous > 0) {
				holdReason = `the export has no persons while the source has ${counts.previous}: an empty export never makes everyone a leaver`;
			}
			const base = { importId, source: options.source, mode, rows: staged.rows, thresholds: settings.thresholds };
			if (holdReason) {
				await sql`rollback to savepoint before_apply`.execute(trx);
				await trx
					.updateTable('imports')
					.set({ stats: stats({ thresholdCounts: counts, issues: applied.issues }), status: 'held', hold_reason: holdReason, error_count: applied.issueCount })
					.where('id', '=', importId)
					.execute();
				await keepStagedRows(vault, trx, importId, readRow);
				await dropStagingTable(trx);
				return { ...base, status: 'held', holdReason, issues: applied.issues, issueCount: applied.issueCount };
			}
			await sql`release savepoint before_apply`.execute(trx);
			await dropStagingTable(trx);
			return { ...base, status: 'applied', ...applied };
		});
	} catch (error) {
		if (!applying) throw error; // reading or staging the rows failed: nothing to record
		await recordFailure(vault, { importId, sourceId, mode }, error as Error);
		throw failedImportError(importId, error as Error);
	}
}

const failedImportError = (importId: string, error: Error) =>
	new ImportError(`Import ${importId} failed and changed nothing: ${error.message}`, { cause: error });

/** The rolled-back import stays visible as failed, with the reason. */
async function recordFailure(vault: Vault, run: { importId: string; sourceId: string; mode: 'full' | 'single' }, error: Error): Promise<void> {
	const now = new Date().toISOString();
	await vault.db
		.insertInto('imports')
		.values({
			id: run.importId,
			source_id: run.sourceId,
			kind: run.mode,
			status: 'failed',
			started_at: now,
			finished_at: now,
			row_count: 0,
			error_count: 0,
			stats: '{}',
			hold_reason: error.message,
			snapshot_id: null,
		})
		.execute();
}

async function heldImport(vault: Vault, importId: string) {
	const row = await vault.db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirst();
	if (!row) throw new ImportError(`No import with id ${importId}`);
	if (row.status !== 'held') throw new ImportError(`Import ${importId} is ${row.status}, not held: only a held import can be approved or rejected`);
	const stats = JSON.parse(row.stats) as { settings: StoredSettings; issues: RowIssue[] };
	return { row, stats };
}

/** Held rows are applied as they were staged: rows staged otherwise by an earlier version cannot be. */
function checkStagedAsRaw(importId: string, settings: StoredSettings): void {
	if (settings.rowsStaged !== 'raw') {
		throw new ImportError(`Import ${importId} was staged by an earlier version of this package: reject it and run the import again`);
	}
}

/** Applies a held import as it was staged; an admin decided the threshold breach is real. */
export async function approveImport(vault: Vault, importId: string, asOf?: string): Promise<ImportResult> {
	const { row, stats } = await heldImport(vault, importId);
	const { settings } = stats;
	checkStagedAsRaw(importId, settings);
	let applied: ApplyResult;
	try {
		applied = await vault.transaction(async (trx) => {
			const result = await applyImport(vault, trx, 'raw_records', importId, { ...settings.apply, asOf: asOf ?? settings.apply.asOf });
			await forgetRawRecords(trx, importId);
			return result;
		});
	} catch (error) {
		await vault.db
			.updateTable('imports')
			.set({ status: 'failed', finished_at: new Date().toISOString(), hold_reason: (error as Error).message })
			.where('id', '=', importId)
			.execute();
		throw failedImportError(importId, error as Error);
	}
	return {
		importId,
		source: settings.source,
		mode: settings.apply.mode,
		rows: row.row_count,
		thresholds: settings.thresholds,
		holdReason: row.hold_reason ?? undefined,
		status: 'applied',
		...applied,
	};
}

export async function rejectImport(vault: Vault, importId: string): Promise<ImportResult> {
	const { row, stats } = await heldImport(vault, importId);
	await vault.transaction(async (trx) => {
		await trx.updateTable('imports').set({ status: 'rejected', finished_at: new Date().toISOString() }).where('id', '=', importId).execute();
		await forgetRawRecords(trx, importId);
	});
	return {
		importId,
		source: stats.settings.source,
		mode: stats.settings.apply.mode,
		rows: row.row_count,
		thresholds: stats.settings.thresholds,
		holdReason: row.hold_reason ?? undefined,
		status: 'rejected',
		issues: stats.issues,
		issueCount: row.error_count,
	};
}
