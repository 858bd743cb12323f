import * as crypto from 'node:crypto';

import type { Person } from '../model/person';
import { newId } from '../vault/ids';
import type { PersonRow } from '../vault/schema';
import type { InsertRow, Vault, VaultDb } from '../vault/types';
import { assemblePerson } from './assemblePerson';
import { ChangeLog, type ChangeCounts, type PersonChange } from './changeLog';
import { classifyChange, diffSummaries, summarise } from './classifyChange';
import {
	blockedPersonKeys,
	contractRow,
	existingKeys,
	goneCandidates,
	keysToProcess,
	latestAppliedImports,
	loadDepartments,
	managerRefs,
	personPages,
	personRow,
	previousImport,
	saveDepartments,
	skippedErrorIssues,
	stagedPersonCount,
	unkeyedIssues,
} from './importQueries';
import { compileRowMapper, type MappedRow, type RowIssue, type RowMapping } from './mapRow';
import type { ContractSortKey } from './primaryContract';
import { MAX_STORED_ISSUES } from './stageImport';
import { type HrRowReader, rowFromJson, type StagedRow, type StagingTable } from './stagingTable';

/** Persons handled per round trip: bounds memory whatever the population size. */
const PAGE = 1000;
/** Manager keys whose existence is remembered across pages. */
const MAX_MANAGER_LOOKUPS = 100_000;

export interface ApplySettings {
	mode: 'full' | 'single';
	rows: RowMapping;
	asOf: string;
	order: ContractSortKey[];
	maxChanges: number;
	rebuildAll?: boolean;
}

export interface ApplyResult {
	snapshotId: string;
	persons: number;
	blocked: number;
	counts: ChangeCounts;
	changes: PersonChange[];
	issues: RowIssue[];
	issueCount: number;
	/** A full import's figures for the source thresholds, against the source's active persons before it. */
	thresholdCounts?: ThresholdCounts;
}

export interface ThresholdCounts {
	previous: number;
	imported: number;
	added: number;
	removed: number;
	blocked: number;
}

/**
 * Turns a staged import into the current state, inside the caller's transaction: the source's
 * persons and contracts updated, persons missing from a full export marked gone, every change
 * classified and recorded under a new snapshot. Any error rolls all of it back, so the
 * previous snapshot stays in force.
 */
export async function applyImport(
	vault: Vault,
	trx: VaultDb,
	table: StagingTable,
	importId: string,
	settings: ApplySettings,
	readRow: HrRowReader = rowFromJson,
): Promise<ApplyResult> {
	const imported = await trx.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
	const sourceId = imported.source_id;
	const source = await trx.selectFrom('sources').select('name').where('id', '=', sourceId).executeTakeFirstOrThrow();
	const snapshotId = newId();
	const now = new Date().toISOString();
	const log = new ChangeLog(vault, trx, snapshotId, settings.maxChanges);
	const issues: RowIssue[] = [];
	let issueCount = 0;
	const noteIssue = (issue: RowIssue) => {
		issueCount++;
		if (issues.length < MAX_STORED_ISSUES) issues.push(issue);
	};
	const mapRow = compileRowMapper(settings.rows);
	const mapStaged = (staged: StagedRow) => mapRow(readRow(staged), staged.row_no);
	(await unkeyedIssues(trx, table, importId, mapStaged)).forEach(noteIssue);
	const departments = await loadDepartments(trx, table, importId, sourceId, settings.mode);
	// Same mapping, departments and settings as the source's previous import: only the
	// persons whose input changed need rebuilding (cost follows the change, not the size).
	const context = crypto.createHash('sha1').update(JSON.stringify([settings.rows, settings.order, [...departments.entries()].sort()])).digest('base64');
	const previousRun = settings.mode === 'full' ? await previousImport(trx, sourceId, importId) : undefined;
	const gone = settings.mode === 'full' ? await goneCandidates(trx, table, importId, sourceId) : [];
	const onlyKeys =
		!settings.rebuildAll && previousRun?.context === context && previousRun.asOf
			? await keysToProcess(trx, table, importId, sourceId, { previousAsOf: previousRun.asOf, asOf: settings.asOf }, gone.map((row) => row.external_id))
			: undefined;
	const persons = await stagedPersonCount(trx, table, importId);
	let processed = 0;
	let added = 0; // keys without an active person before: every one of them is rebuilt

	// Managers recur on many pages: look each one up once (bounded, so memory stays flat).
	const managerLookups = new Map<string, boolean>();
	for await (const page of personPages(trx, table, importId, mapStaged, PAGE, onlyKeys)) {
		const keys = [...page.keys()];
		if (managerLookups.size > MAX_MANAGER_LOOKUPS) managerLookups.clear();
		const refs = managerRefs(page).filter((key) => !managerLookups.has(key));
		const found = await existingKeys(trx, table, importId, sourceId, refs, settings.mode);
		for (const key of refs) managerLookups.set(key, found.has(key));
		const isKnownPerson = (key: string) => page.has(key) || managerLookups.get(key) === true;
		const previous = new Map<string, PersonRow>();
		const stored = await trx.selectFrom('persons').selectAll().where('source_id', '=', sourceId).where('external_id', 'in', keys).execute();
		for (const row of stored) previous.set(row.external_id, row);

		const inserts: Array<InsertRow<'persons'>> = [];
		const contracts: Array<InsertRow<'contracts'>> = [];
		const replaced: string[] = [];
		for (const [key, staged] of page) {
			processed++;
			if (settings.rows.rowShape === 'person') flagDuplicatePersons(key, staged.rows);
			for (const issue of unknownManagerIssues(key, staged.rows, isKnownPerson)) noteIssue(issue);
			const assembled = assemblePerson(key, staged.rows, { source: source.name, asOf: settings.asOf, order: settings.order, departments, isKnownPerson });
			assembled.issues.forEach(noteIssue);
			const document = JSON.stringify(assembled.person);
			const before = previous.get(key);
			if (before?.status !== 'active') added++;
			// A blocked person differs from the same person unblocked.
			if (before?.status === 'active' && before.data === document && before.blocked_reason === (assembled.blockedReason ?? null)) {
				log.unchanged();
				continue;
			}
			const personId = before?.id ?? newId();
			const row = personRow(personId, sourceId, assembled, staged, document, snapshotId, now, before);
			if (before) {
				await trx.updateTable('persons').set(row).where('id', '=', personId).execute();
				replaced.push(personId);
			} else {
				inserts.push(row);
			}
			for (const contract of assembled.person.contracts) {
				contracts.push(contractRow(personId, sourceId, contract, assembled.person.primaryContractId));
			}
			const beforePerson = before ? (JSON.parse(before.data) as Person) : undefined;
			const kind = classifyChange(beforePerson, before?.status === 'gone', assembled.person, settings.asOf, false);
			if (kind) {
				await log.add({
					personId,
					externalId: key,
					name: assembled.person.name.display,
					kind,
					...(beforePerson
						? diffSummaries(summarise(beforePerson, before?.blocked_reason), summarise(assembled.person, assembled.blockedReason))
						: { before: null, after: summarise(assembled.person, assembled.blockedReason) }),
				});
			}
		}
		if (replaced.length) await trx.deleteFrom('contracts').where('person_id', 'in', replaced).execute();
		await vault.insertMany(trx, 'persons', inserts);
		await vault.insertMany(trx, 'contracts', contracts);
	}
	for (let skipped = persons - processed; skipped > 0; skipped--) log.unchanged();

	for (const row of gone) {
		const before = JSON.parse(row.data) as Person;
		await trx.updateTable('persons').set({ status: 'gone', last_seen_snapshot: snapshotId, updated_at: now }).where('id', '=', row.id).execute();
		const kind = classifyChange(before, false, undefined, settings.asOf, false);
		if (kind) {
			await log.add({
				personId: row.id,
				externalId: row.external_id,
				name: before.name.display,
				kind,
				before: summarise(before, row.blocked_reason),
				after: null,
			});
		}
	}
	await log.flush();
	const blockedKeys = await blockedPersonKeys(trx, sourceId);
	const blocked = blockedKeys.length;
	if (onlyKeys) {
		const rebuilt = new Set(onlyKeys);
		(await skippedErrorIssues(trx, table, importId, mapStaged, blockedKeys.filter((key) => !rebuilt.has(key)))).forEach(noteIssue);
	}

	await saveDepartments(trx, vault, sourceId, departments, settings.mode);
	const stats = { persons, blocked, counts: log.counts, issueCount, mode: settings.mode, asOf: settings.asOf, context, rebuilt: processed };
	const last = await trx.selectFrom('snapshots').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
	await trx
		.insertInto('snapshots')
		.values({
			id: snapshotId,
			seq: Number(last?.seq ?? 0) + 1,
			created_at: now,
			import_ids: JSON.stringify(await latestAppliedImports(trx, sourceId, importId)),
			stats: JSON.stringify(stats),
		})
		.execute();
	await trx
		.updateTable('imports')
		.set({
			status: 'applied',
			finished_at: now,
			snapshot_id: snapshotId,
			error_count: issueCount,
			stats: JSON.stringify({ ...JSON.parse(imported.stats || '{}'), ...stats, issues }),
		})
		.where('id', '=', importId)
		.execute();
	// Before the import, the source's active persons were those still in it and those gone now.
	const thresholdCounts =
		settings.mode === 'full' ? { previous: persons - added + gone.length, imported: persons, added, removed: gone.length, blocked } : undefined;
	return { snapshotId, persons, blocked, counts: log.counts, changes: log.shown, issues, issueCount, thresholdCounts };
}

/** In exports of one row per person, a key twice is ambiguous: block the person. */
function flagDuplicatePersons(key: string, rows: MappedRow[]): void {
	for (const row of rows.slice(1)) {
		row.issues.push({
			row: row.row,
			externalId: key,
			field: 'externalId',
			message: `duplicate person external id "${key}" (first in row ${rows[0].row})`,
			severity: 'error',
		});
	}
}

/**
 * A manager nobody in the source has: a warning; the manager rules fall back to the department's
 * manager. (A plain loop: this runs for every person, and nearly always finds nothing.)
 */
function unknownManagerIssues(key: string, rows: MappedRow[], isKnownPerson: (key: string) => boolean): RowIssue[] {
	const issues: RowIssue[] = [];
	for (const row of rows) {
		for (const { managerExternalId: manager } of row.contracts) {
			if (!manager || isKnownPerson(manager)) continue;
			issues.push({
				row: row.row,
				externalId: key,
				field: 'contract.managerExternalId',
				message: `unknown manager "${manager}"; the department's manager is used`,
				severity: 'warning',
			});
		}
	}
	return issues;
}
