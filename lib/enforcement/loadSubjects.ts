import { loadAggregatedPersons, type AggregatedPerson } from '../aggregation/aggregatedPersons';
import { recordsOfSurvivors } from '../evaluation/vaultState';
import { inChunks } from '../vault/inChunks';
import type { AccountRow } from '../vault/schema';
import type { VaultDb, Vault } from '../vault/types';
import type { AccountSubject, TargetAccount } from './connector';
import { primaryContractOf } from './subject';

/** A person's live (not deleted) account in one target, as the vault last saw it. */
export interface KnownAccount {
	/** accounts.id */
	id: string;
	/** The person record the account is linked to. */
	personId: string;
	state: AccountRow['state'];
	account: TargetAccount;
}

export interface LoadedSubject {
	subject: AccountSubject;
	account: KnownAccount | null;
}

/** accounts.data: the account as last written or read, without its ref (that is a column). */
export function accountData(account: TargetAccount): string {
	return JSON.stringify({ name: account.name, enabled: account.enabled, container: account.container, attributes: account.attributes });
}

function knownAccount(row: Pick<AccountRow, 'id' | 'person_id' | 'state' | 'account_ref' | 'data'>): KnownAccount {
	let data: Partial<TargetAccount> = {};
	try {
		data = JSON.parse(row.data) as Partial<TargetAccount>;
	} catch {
		// An unreadable document still names the account by its ref.
	}
	return {
		id: row.id,
		personId: row.person_id,
		state: row.state,
		account: {
			ref: row.account_ref,
			name: data.name ?? row.account_ref,
			enabled: data.enabled ?? row.state === 'enabled',
			container: data.container,
			attributes: data.attributes ?? {},
		},
	};
}

/** The live account in `target` of each survivor, whichever of its records it is linked to. */
async function liveAccounts(db: VaultDb, target: string, survivors: readonly string[]): Promise<Map<string, KnownAccount>> {
	const records = await recordsOfSurvivors(db, survivors);
	const survivorOf = new Map(records.map((r) => [r.id, r.survivor]));
	const rows = await inChunks(survivorOf.keys(), (chunk) =>
		db
			.selectFrom('accounts')
			.select(['id', 'person_id', 'state', 'account_ref', 'data'])
			.where('target', '=', target)
			.where('state', '!=', 'deleted')
			.where('person_id', 'in', chunk)
			.execute(),
	);
	const accounts = new Map<string, KnownAccount>();
	for (const row of rows) accounts.set(survivorOf.get(row.person_id) ?? row.person_id, knownAccount(row));
	return accounts;
}

/** The survivor id of each person's manager: the record with the manager's external id in the primary contract's source. */
async function managerIds(db: VaultDb, persons: readonly AggregatedPerson[]): Promise<Map<string, string>> {
	const wanted = persons.filter((p) => p.managerExternalId);
	const rows = await inChunks(new Set(wanted.map((p) => p.managerExternalId!)), (chunk) =>
		db
			.selectFrom('persons')
			.innerJoin('sources', 'sources.id', 'persons.source_id')
			.select(['persons.id', 'persons.merged_into', 'persons.external_id', 'sources.name as source'])
			.where('persons.external_id', 'in', chunk)
			.execute(),
	);
	const managers = new Map<string, string>();
	for (const person of wanted) {
		const source = primaryContractOf(person)?.source ?? person.source;
		const matches = rows.filter((row) => row.external_id === person.managerExternalId);
		const match = matches.find((row) => row.source === source) ?? matches[0];
		const managerId = match ? (match.merged_into ?? match.id) : undefined;
		if (managerId && managerId !== person.id) managers.set(person.id, managerId);
	}
	return managers;
}

/**
 * What the connector needs for each person of a batch: the person with its primary contract,
 * its manager and the manager's account, and the person's own account in the target. Persons
 * whose records all left HR are included: a leaver's account is still disabled and deleted.
 */
export async function loadSubjects(vault: Vault, target: string, personIds: readonly string[]): Promise<Map<string, LoadedSubject>> {
	const persons = await loadAggregatedPersons(vault, { ids: personIds, includeGone: true });
	const managerOf = await managerIds(vault.db, persons);
	const managerPersons = new Map(
		(await loadAggregatedPersons(vault, { ids: [...new Set(managerOf.values())], includeGone: true })).map((p) => [p.id, p]),
	);
	const accounts = await liveAccounts(vault.db, target, [...persons.map((p) => p.id), ...managerPersons.keys()]);
	const loaded = new Map<string, LoadedSubject>();
	for (const person of persons) {
		const managerId = managerOf.get(person.id);
		const manager = managerId ? managerPersons.get(managerId) : undefined;
		const subject: AccountSubject = {
			person,
			contract: primaryContractOf(person),
			manager: manager ? { person: manager, account: accounts.get(manager.id)?.account ?? null } : null,
		};
		const entry = { subject, account: accounts.get(person.id) ?? null };
		loaded.set(person.id, entry);
		// Plans name persons by the survivor id they had then: every record id finds the person.
		for (const source of person.sources) loaded.set(source.personId, entry);
	}
	return loaded;
}
