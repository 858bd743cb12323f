import { newId } from '../vault/ids';
import type { RuleSetRow, RuleSetStatus } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import { compileRuleSet, type CompiledRuleSet } from './compile';
import { RuleError } from './errors';
import type { RuleSetDocument } from './model';

/** One stored version of the rule set. */
export interface RuleSetVersion {
	id: string;
	version: number;
	status: RuleSetStatus;
	note: string | null;
	/** When this version was last saved (a draft's save replaces its document). */
	createdAt: string;
	publishedAt: string | null;
	document: RuleSetDocument;
}

export interface RuleSetVersionSummary extends Omit<RuleSetVersion, 'document'> {
	ruleCount: number;
	enabledRuleCount: number;
}

/** Which version to read: the draft, the published one, or a version number. */
export type RuleSetSelector = 'draft' | 'published' | number;

function toVersion(row: RuleSetRow): RuleSetVersion {
	return {
		id: row.id,
		version: Number(row.version),
		status: row.status,
		note: row.note,
		createdAt: row.created_at,
		publishedAt: row.published_at,
		document: JSON.parse(row.document) as RuleSetDocument,
	};
}

async function rowWhere(db: VaultDb, selector: RuleSetSelector): Promise<RuleSetRow | undefined> {
	const query = db.selectFrom('rule_sets').selectAll();
	return typeof selector === 'number'
		? await query.where('version', '=', selector).executeTakeFirst()
		: await query.where('status', '=', selector).orderBy('version', 'desc').executeTakeFirst();
}

/**
 * Validates the document and stores it as the draft: a new version when there is no draft,
 * else the draft's document (and note) is replaced. There is at most one draft at a time.
 */
export async function saveDraft(vault: Vault, document: RuleSetDocument | unknown, note?: string): Promise<RuleSetVersion> {
	const normalized = compileRuleSet(document).document;
	const json = JSON.stringify(normalized);
	const now = new Date().toISOString();
	const cleanNote = note?.trim() || null;
	return await vault.transaction(async (trx) => {
		const draft = await rowWhere(trx, 'draft');
		if (draft) {
			await trx.updateTable('rule_sets').set({ document: json, note: cleanNote, created_at: now }).where('id', '=', draft.id).execute();
			return toVersion({ ...draft, document: json, note: cleanNote, created_at: now });
		}
		const last = await trx.selectFrom('rule_sets').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
		const row: RuleSetRow = {
			id: newId(),
			version: Number(last?.version ?? 0) + 1,
			status: 'draft',
			document: json,
			note: cleanNote,
			created_at: now,
			published_at: null,
		};
		await trx.insertInto('rule_sets').values(row).execute();
		return toVersion(row);
	});
}

/**
 * Publishes a version: without a number the current draft. The previously published version
 * becomes superseded. Publishing a superseded version again rolls back to it (the draft, if
 * any, stays a draft). Publishing the published version changes nothing.
 */
export async function publish(vault: Vault, version?: number): Promise<RuleSetVersion> {
	return await vault.transaction(async (trx) => {
		const row = await rowWhere(trx, version ?? 'draft');
		if (!row) {
			if (version === undefined) throw new RuleError('There is no draft to publish: save a draft first, or name the version to publish.');
			throw new RuleError(`Rule set version ${version} does not exist.${await describeVersions(trx)}`);
		}
		if (row.status === 'published') return toVersion(row);
		// Checked again: the rules engine may have learnt stricter checks since the version was saved.
		compileRuleSet(JSON.parse(row.document));
		const now = new Date().toISOString();
		await trx.updateTable('rule_sets').set({ status: 'superseded' }).where('status', '=', 'published').execute();
		await trx.updateTable('rule_sets').set({ status: 'published', published_at: now }).where('id', '=', row.id).execute();
		return toVersion({ ...row, status: 'published', published_at: now });
	});
}

async function describeVersions(db: VaultDb): Promise<string> {
	const versions = await db.selectFrom('rule_sets').select('version').orderBy('version').execute();
	return versions.length === 0 ? ' No rule set has been saved yet.' : ` Versions: ${versions.map((row) => row.version).join(', ')}.`;
}

export async function getPublished(vault: Vault): Promise<RuleSetVersion | undefined> {
	const row = await rowWhere(vault.db, 'published');
	return row && toVersion(row);
}

export async function getDraft(vault: Vault): Promise<RuleSetVersion | undefined> {
	const row = await rowWhere(vault.db, 'draft');
	return row && toVersion(row);
}

export async function getVersion(vault: Vault, version: number): Promise<RuleSetVersion | undefined> {
	const row = await rowWhere(vault.db, version);
	return row && toVersion(row);
}

/** Every stored version, newest first, without their documents. */
export async function listVersions(vault: Vault): Promise<RuleSetVersionSummary[]> {
	const rows = await vault.db.selectFrom('rule_sets').selectAll().orderBy('version', 'desc').execute();
	return rows.map((row) => {
		const { document, ...summary } = toVersion(row);
		return {
			...summary,
			ruleCount: document.rules.length,
			enabledRuleCount: document.rules.filter((rule) => rule.enabled).length,
		};
	});
}

/** The selected version, compiled for evaluation; a RuleError says what is missing. */
export async function loadRuleSet(vault: Vault, selector: RuleSetSelector): Promise<{ version: RuleSetVersion; ruleSet: CompiledRuleSet }> {
	const row = await rowWhere(vault.db, selector);
	if (!row) {
		if (selector === 'published') throw new RuleError('No rule set is published yet: save a draft and publish it, or evaluate the draft.');
		if (selector === 'draft') throw new RuleError('There is no draft rule set: save one first.');
		throw new RuleError(`Rule set version ${selector} does not exist.${await describeVersions(vault.db)}`);
	}
	const version = toVersion(row);
	return { version, ruleSet: compileRuleSet(version.document) };
}
