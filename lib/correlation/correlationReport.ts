import { iterateAggregatedPersons, type AggregatedPerson } from '../aggregation/aggregatedPersons';
import type { AccountSubject, TargetAccount, TargetConnector } from '../enforcement/connector';
import { primaryContractOf } from '../enforcement/subject';
import { recordsOfSurvivors } from '../evaluation/vaultState';
import { inChunks } from '../vault/inChunks';
import { isDate } from '../rules/dates';
import type { AccountState } from '../vault/schema';
import type { Vault } from '../vault/types';
import { CorrelationError } from './errors';
import { normalizeCorrelationValue } from './normalize';

/** Which persons should have an account: every active person, or only those with a contract running on the as-of date. */
export type CorrelationScope = 'activePersons' | 'activeContract';

export interface CorrelationReportOptions {
	/** Default 'activePersons'. The scope only decides who is listed as missing an account; accounts belong to their owners either way. */
	scope?: CorrelationScope;
	/** The day contracts must run on for scope 'activeContract' (YYYY-MM-DD). Default today (UTC). */
	asOf?: string;
	/** Most entries listed per category; the counts always cover everything. Default 10,000. */
	maxItems?: number;
	/** Persons read per page. Default 1,000. */
	pageSize?: number;
}

export interface CorrelationPerson {
	/** The person's vault id (the survivor's record id). */
	id: string;
	externalId: string;
	name: string;
	source: string;
	/** False when every HR record of the person has left its source (a leaver whose account is still linked). */
	active: boolean;
}

export interface CorrelationAccount {
	ref: string;
	name: string;
	enabled: boolean;
	container?: string;
	/** The account's correlation value as the target holds it. */
	value?: string;
}

export interface CorrelatedEntry {
	person: CorrelationPerson;
	account: CorrelationAccount;
	/** 'linked': the vault links them; 'matched': the person's correlation value matches this account and no other. */
	how: 'linked' | 'matched';
	/** The person's correlation value (undefined when it has none: a link needs no value). */
	personValue?: string;
	/** The link's state in the vault (linked only). */
	linkState?: AccountState;
	/** Something to look at, e.g. two persons matching the same account. */
	note?: string;
}

export interface PersonEntry {
	person: CorrelationPerson;
	personValue?: string;
}

export interface AccountEntry {
	account: CorrelationAccount;
}

export interface SeveralAccountsEntry {
	person: CorrelationPerson;
	personValue: string;
	accounts: CorrelationAccount[];
}

export interface MissingLinkEntry {
	person: CorrelationPerson;
	accountRef: string;
	/** The account's name when the vault last saw it. */
	accountName?: string;
	linkState: AccountState;
	linkedAt: string;
}

export interface CorrelationCounts {
	/** Active persons read from the vault. */
	persons: number;
	/** Accounts the target listed. */
	targetAccounts: number;
	correlated: number;
	linked: number;
	matched: number;
	personsWithoutAccount: number;
	personsWithoutValue: number;
	/** Persons without an account that the scope leaves out (no running contract). */
	personsOutOfScope: number;
	accountsWithoutPerson: number;
	personsWithSeveralAccounts: number;
	linkedAccountMissing: number;
}

/** HelloID's correlation report for one target. Lists hold at most `maxItems` entries each; `counts` are complete. */
export interface CorrelationReport {
	target: string;
	createdAt: string;
	scope: CorrelationScope;
	asOf: string;
	maxItems: number;
	counts: CorrelationCounts;
	correlated: CorrelatedEntry[];
	personsWithoutAccount: PersonEntry[];
	personsWithoutValue: PersonEntry[];
	accountsWithoutPerson: AccountEntry[];
	personsWithSeveralAccounts: SeveralAccountsEntry[];
	linkedAccountMissing: MissingLinkEntry[];
}

/** The report's lists, which is what the renderers walk. */
export const CORRELATION_CATEGORIES = [
	'correlated',
	'personsWithSeveralAccounts',
	'linkedAccountMissing',
	'personsWithoutAccount',
	'personsWithoutValue',
	'accountsWithoutPerson',
] as const;
export type CorrelationCategory = (typeof CORRELATION_CATEGORIES)[number];

/** A vault link of the target (accounts row not deleted). */
interface Link {
	id: string;
	recordId: string;
	ref: string;
	state: AccountState;
	createdAt: string;
}

const DEFAULT_MAX_ITEMS = 10_000;
const DEFAULT_PAGE_SIZE = 1000;

function wholeNumber(value: number, what: string, min: number): number {
	if (!Number.isInteger(value) || value < min) throw new CorrelationError(`${what} must be a whole number of at least ${min}, got ${value}`);
	return value;
}

function displayName(person: AggregatedPerson): string {
	const name = person.name.display?.trim() || [person.name.given, person.name.familyPrefix, person.name.family].filter(Boolean).join(' ');
	return name || person.externalId;
}

function personView(person: AggregatedPerson): CorrelationPerson {
	return { id: person.id, externalId: person.externalId, name: displayName(person), source: person.source, active: true };
}

function accountView(account: TargetAccount, value: string | undefined): CorrelationAccount {
	const view: CorrelationAccount = { ref: account.ref, name: account.name, enabled: account.enabled };
	if (account.container !== undefined) view.container = account.container;
	if (value !== undefined) view.value = value;
	return view;
}

function hasContractOn(person: AggregatedPerson, asOf: string): boolean {
	return person.contracts.some((c) => (!c.startDate || c.startDate <= asOf) && (!c.endDate || c.endDate >= asOf));
}

/** Appends while under the cap; the caller counts separately. */
function capped<T>(list: T[], max: number, entry: T): void {
	if (list.length < max) list.push(entry);
}

/**
 * Compares the vault's persons with one target's accounts, by link and by correlation value.
 * Reads the target once (its accounts go into one map keyed by correlation value) and the
 * persons a page at a time, so memory follows the number of accounts, not persons.
 */
/** What the report needs of a target: its accounts and the two sides of the correlation. */
export type CorrelationSource = Pick<TargetConnector, 'target' | 'listAccounts' | 'personCorrelationValue' | 'accountCorrelationValue'>;

export async function buildCorrelationReport(
	vault: Vault,
	connector: CorrelationSource,
	options: CorrelationReportOptions = {},
): Promise<CorrelationReport> {
	const scope = options.scope ?? 'activePersons';
	if (scope !== 'activePersons' && scope !== 'activeContract') {
		throw new CorrelationError(`Unknown scope '${String(scope)}'`, "Use 'activePersons' or 'activeContract'.");
	}
	const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
	if (!isDate(asOf)) throw new CorrelationError(`The as-of date '${asOf}' is not a date written YYYY-MM-DD`);
	const maxItems = wholeNumber(options.maxItems ?? DEFAULT_MAX_ITEMS, 'Max items', 0);
	const pageSize = wholeNumber(options.pageSize ?? DEFAULT_PAGE_SIZE, 'The page size', 1);
	const target = connector.target;

	const report: CorrelationReport = {
		target,
		createdAt: new Date().toISOString(),
		scope,
		asOf,
		maxItems,
		counts: {
			persons: 0,
			targetAccounts: 0,
			correlated: 0,
			linked: 0,
			matched: 0,
			personsWithoutAccount: 0,
			personsWithoutValue: 0,
			personsOutOfScope: 0,
			accountsWithoutPerson: 0,
			personsWithSeveralAccounts: 0,
			linkedAccountMissing: 0,
		},
		correlated: [],
		personsWithoutAccount: [],
		personsWithoutValue: [],
		accountsWithoutPerson: [],
		personsWithSeveralAccounts: [],
		linkedAccountMissing: [],
	};
	const { counts } = report;

	// 1. The target's accounts, once: by ref, and refs by normalised correlation value.
	const accounts = new Map<string, CorrelationAccount>();
	const byValue = new Map<string, string[]>();
	for await (const account of connector.listAccounts()) {
		if (accounts.has(account.ref)) continue; // a page boundary that repeats an account
		const raw = connector.accountCorrelationValue(account);
		accounts.set(account.ref, accountView(account, raw));
		const value = normalizeCorrelationValue(raw);
		if (value === undefined) continue;
		const refs = byValue.get(value);
		if (refs) refs.push(account.ref);
		else byValue.set(value, [account.ref]);
	}
	counts.targetAccounts = accounts.size;

	// 2. The vault's links in this target, by person record.
	const linkRows = await vault.db
		.selectFrom('accounts')
		.select(['id', 'person_id', 'account_ref', 'state', 'created_at'])
		.where('target', '=', target)
		.where('state', '!=', 'deleted')
		.execute();
	const linksByRecord = new Map<string, Link[]>();
	const linkedRefs = new Set<string>();
	for (const row of linkRows) {
		const link: Link = { id: row.id, recordId: row.person_id, ref: row.account_ref, state: row.state, createdAt: row.created_at };
		linkedRefs.add(link.ref);
		const list = linksByRecord.get(link.recordId);
		if (list) list.push(link);
		else linksByRecord.set(link.recordId, [link]);
	}

	// Accounts someone owns: linked ones (above) and matched or contested ones (below).
	const claimed = new Set<string>();
	const matchedBy = new Map<string, CorrelatedEntry>();
	const missing: Array<{ person: CorrelationPerson; link: Link }> = [];

	const addLinked = (person: CorrelationPerson, link: Link, personValue: string | undefined): boolean => {
		const account = accounts.get(link.ref);
		if (!account) {
			counts.linkedAccountMissing++;
			if (missing.length < maxItems) missing.push({ person, link });
			return false;
		}
		counts.correlated++;
		counts.linked++;
		const entry: CorrelatedEntry = { person, account, how: 'linked', linkState: link.state };
		if (personValue !== undefined) entry.personValue = personValue;
		capped(report.correlated, maxItems, entry);
		return true;
	};

	// 3. Persons, a page at a time.
	for await (const page of iterateAggregatedPersons(vault, pageSize)) {
		// Links may name any record of the person, also one that left its source.
		const records = await recordsOfSurvivors(
			vault.db,
			page.map((p) => p.id),
		);
		const linksOf = new Map<string, Link[]>();
		for (const record of records) {
			const links = linksByRecord.get(record.id);
			if (!links) continue;
			linksByRecord.delete(record.id); // what is left at the end belongs to persons no longer active
			linksOf.set(record.survivor, [...(linksOf.get(record.survivor) ?? []), ...links]);
		}

		for (const person of page) {
			counts.persons++;
			const view = personView(person);
			const subject: AccountSubject = { person, contract: primaryContractOf(person), manager: null };
			const personValue = connector.personCorrelationValue(subject);
			const value = normalizeCorrelationValue(personValue);
			const shownValue = value === undefined ? undefined : personValue;

			let hasAccount = false;
			for (const link of linksOf.get(person.id) ?? []) {
				if (addLinked(view, link, shownValue)) hasAccount = true;
			}
			if (hasAccount) continue;

			const inScope = scope === 'activePersons' || hasContractOn(person, asOf);
			if (value === undefined) {
				if (!inScope) counts.personsOutOfScope++;
				else {
					counts.personsWithoutValue++;
					capped(report.personsWithoutValue, maxItems, { person: view });
				}
				continue;
			}
			// An account another person is linked to is theirs, whatever value it carries.
			const candidates = (byValue.get(value) ?? []).filter((ref) => !linkedRefs.has(ref));
			if (candidates.length === 1) {
				const ref = candidates[0];
				claimed.add(ref);
				counts.correlated++;
				counts.matched++;
				const entry: CorrelatedEntry = { person: view, account: accounts.get(ref) as CorrelationAccount, how: 'matched', personValue: shownValue };
				const earlier = matchedBy.get(ref);
				if (earlier) {
					entry.note = `${earlier.person.name} (${earlier.person.externalId}) matches this account too: both have the correlation value '${shownValue}'`;
					earlier.note ??= `${view.name} (${view.externalId}) matches this account too: both have the correlation value '${earlier.personValue}'`;
				} else {
					matchedBy.set(ref, entry);
				}
				capped(report.correlated, maxItems, entry);
			} else if (candidates.length > 1) {
				for (const ref of candidates) claimed.add(ref);
				counts.personsWithSeveralAccounts++;
				capped(report.personsWithSeveralAccounts, maxItems, {
					person: view,
					personValue: shownValue as string,
					accounts: candidates.map((ref) => accounts.get(ref) as CorrelationAccount),
				});
			} else if (!inScope) {
				counts.personsOutOfScope++;
			} else {
				counts.personsWithoutAccount++;
				capped(report.personsWithoutAccount, maxItems, { person: view, personValue: shownValue });
			}
		}
	}

	// 4. Links of persons who are no longer active (leavers): their accounts are still theirs.
	const leftover = [...linksByRecord.values()].flat();
	if (leftover.length > 0) {
		const owners = await ownersOf(vault, leftover.map((link) => link.recordId));
		for (const link of leftover) {
			const owner = owners.get(link.recordId) ?? { id: link.recordId, externalId: '', name: '(person not in the vault)', source: '', active: false };
			addLinked(owner, link, undefined);
		}
	}
	report.linkedAccountMissing = await missingEntries(vault, missing);

	// 5. Accounts nobody owns.
	for (const account of accounts.values()) {
		if (linkedRefs.has(account.ref) || claimed.has(account.ref)) continue;
		counts.accountsWithoutPerson++;
		capped(report.accountsWithoutPerson, maxItems, { account });
	}
	return report;
}

/** The person (survivor) each record id belongs to, as the vault last knew it. */
async function ownersOf(vault: Vault, recordIds: readonly string[]): Promise<Map<string, CorrelationPerson>> {
	const columns = ['id', 'merged_into', 'external_id', 'display_name', 'source_id', 'status'] as const;
	const records = await inChunks(new Set(recordIds), (chunk) => vault.db.selectFrom('persons').select(columns).where('id', 'in', chunk).execute());
	const survivorIds = [...new Set(records.map((r) => r.merged_into ?? r.id))];
	const survivors = new Map(
		(await inChunks(survivorIds, (chunk) => vault.db.selectFrom('persons').select(columns).where('id', 'in', chunk).execute())).map((r) => [r.id, r]),
	);
	const sources = new Map((await vault.db.selectFrom('sources').select(['id', 'name']).execute()).map((s) => [s.id, s.name]));
	const owners = new Map<string, CorrelationPerson>();
	for (const record of records) {
		const survivor = survivors.get(record.merged_into ?? record.id) ?? record;
		owners.set(record.id, {
			id: survivor.id,
			externalId: survivor.external_id,
			name: survivor.display_name || survivor.external_id,
			source: sources.get(survivor.source_id) ?? survivor.source_id,
			active: false,
		});
	}
	return owners;
}

/** Missing-link entries with the account name the vault last saw (read only for the listed few). */
async function missingEntries(vault: Vault, missing: ReadonlyArray<{ person: CorrelationPerson; link: Link }>): Promise<MissingLinkEntry[]> {
	const rows = await inChunks(
		missing.map((m) => m.link.id),
		(chunk) => vault.db.selectFrom('accounts').select(['id', 'data']).where('id', 'in', chunk).execute(),
	);
	const names = new Map(rows.map((row) => [row.id, lastKnownName(row.data)]));
	return missing.map(({ person, link }) => {
		const entry: MissingLinkEntry = { person, accountRef: link.ref, linkState: link.state, linkedAt: link.createdAt };
		const name = names.get(link.id);
		if (name !== undefined) entry.accountName = name;
		return entry;
	});
}

function lastKnownName(data: string): string | undefined {
	try {
		const parsed = JSON.parse(data) as { name?: unknown };
		return typeof parsed.name === 'string' && parsed.name !== '' ? parsed.name : undefined;
	} catch {
		return undefined;
	}
}
