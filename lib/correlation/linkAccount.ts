import type { TargetAccount } from '../enforcement/connector';
import { accountData } from '../enforcement/loadSubjects';
import { newId } from '../vault/ids';
import type { AccountState } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import { CorrelationError } from './errors';

export interface LinkAccountRequest {
	/** The target's name, as the connector has it (e.g. 'activeDirectory'). */
	target: string;
	/** The person's vault id (any of its records; merged records count as the same person). */
	personId: string;
	/** The account's reference in the target (TargetAccount.ref, e.g. the objectGUID). */
	accountRef: string;
	/** The account as the target has it: gives the link its state and last known data. Without it the link starts 'enabled'. */
	account?: TargetAccount;
	/** Who asked, for the audit log. */
	by?: string;
}

export interface LinkAccountResult {
	/** The accounts row id. */
	accountId: string;
	personId: string;
	target: string;
	accountRef: string;
	state: AccountState;
	/** True when the account was already linked to this person: nothing changed. */
	alreadyLinked: boolean;
}

export interface UnlinkAccountRequest {
	target: string;
	accountRef: string;
	/** When given, the account must be linked to this person (any of its records). */
	personId?: string;
	by?: string;
}

export interface UnlinkAccountResult {
	personId: string;
	target: string;
	accountRef: string;
	/** The link's state before it was removed. */
	previousState: AccountState;
}

interface PersonInfo {
	id: string;
	survivor: string;
	display_name: string;
	external_id: string;
}

async function personInfo(db: VaultDb, id: string): Promise<PersonInfo | undefined> {
	const row = await db.selectFrom('persons').select(['id', 'merged_into', 'display_name', 'external_id']).where('id', '=', id).executeTakeFirst();
	return row && { id: row.id, survivor: row.merged_into ?? row.id, display_name: row.display_name, external_id: row.external_id };
}

/** Every record id of the person the record belongs to: its survivor and the records merged into it. */
async function recordIdsOf(db: VaultDb, survivor: string): Promise<string[]> {
	const merged = await db.selectFrom('persons').select('id').where('merged_into', '=', survivor).execute();
	return [survivor, ...merged.map((row) => row.id)];
}

const describePerson = (p: PersonInfo) => `'${p.display_name}' (external id ${p.external_id}, vault id ${p.id})`;

function describeAccount(ref: string, data: string | null, target: string): string {
	let name: unknown;
	try {
		name = data ? (JSON.parse(data) as { name?: unknown }).name : undefined;
	} catch {
		name = undefined;
	}
	return typeof name === 'string' && name !== '' ? `account '${name}' (ref ${ref}) in ${target}` : `account ${ref} in ${target}`;
}

const byText = (by: string | undefined) => (by ? ` by ${by}` : '');

function required(value: string | undefined, what: string): string {
	const text = value?.trim();
	if (!text) throw new CorrelationError(`${what} is required`);
	return text;
}

/**
 * The admin's "this account belongs to this person": writes the vault link (accounts row)
 * and an audit entry in one transaction. Refuses an account that another person is linked
 * to, and a person who already has an account in the target.
 */
export async function linkAccount(vault: Vault, request: LinkAccountRequest): Promise<LinkAccountResult> {
	const target = required(request.target, 'The target');
	const personId = required(request.personId, 'The person id');
	const accountRef = required(request.accountRef, 'The account reference');
	const account = request.account;
	if (account && account.ref !== accountRef) {
		throw new CorrelationError(`The account given has ref '${account.ref}', not '${accountRef}'`, 'Pass the account the reference belongs to.');
	}
	const state: AccountState = account && !account.enabled ? 'disabled' : 'enabled';
	// The link keeps what the account looked like, as enforcement stores it (connectors never return secrets).
	const data = account ? accountData(account) : '{}';
	const label = account ? `account '${account.name}' (ref ${accountRef}) in ${target}` : `account ${accountRef} in ${target}`;

	return await vault.transaction(async (trx) => {
		const person = await personInfo(trx, personId);
		if (!person) throw new CorrelationError(`Person '${personId}' does not exist in the vault`, 'Use the vault id of a person (persons.id), not its external id.');
		const records = await recordIdsOf(trx, person.survivor);

		const existing = await trx
			.selectFrom('accounts')
			.select(['id', 'person_id', 'state', 'data'])
			.where('target', '=', target)
			.where('account_ref', '=', accountRef)
			.executeTakeFirst();
		if (existing && existing.state !== 'deleted') {
			if (records.includes(existing.person_id)) {
				return { accountId: existing.id, personId: existing.person_id, target, accountRef, state: existing.state, alreadyLinked: true };
			}
			const owner = await personInfo(trx, existing.person_id);
			throw new CorrelationError(
				`The ${describeAccount(accountRef, existing.data, target)} is already linked to person ${owner ? describePerson(owner) : `'${existing.person_id}'`}, so it cannot be linked to ${describePerson(person)}`,
				'Unlink it from that person first if it belongs to the other one.',
			);
		}

		const live = await trx
			.selectFrom('accounts')
			.select(['account_ref', 'state', 'data'])
			.where('target', '=', target)
			.where('person_id', 'in', records)
			.where('state', '!=', 'deleted')
			.executeTakeFirst();
		if (live) {
			throw new CorrelationError(
				`Person ${describePerson(person)} already has the ${describeAccount(live.account_ref, live.data, target)} (${live.state}), so ${label} cannot be linked as well`,
				'Unlink the other account first if this one replaces it.',
			);
		}

		const now = new Date().toISOString();
		let accountId: string;
		if (existing) {
			// The ref is unique per target: a deleted link to the same account is taken over.
			accountId = existing.id;
			await trx.updateTable('accounts').set({ person_id: personId, state, data, updated_at: now }).where('id', '=', existing.id).execute();
		} else {
			accountId = newId();
			await trx
				.insertInto('accounts')
				.values({ id: accountId, person_id: personId, target, account_ref: accountRef, state, data, created_at: now, updated_at: now })
				.execute();
		}
		await vault.appendAudit(trx, [
			{
				at: now,
				person_id: personId,
				target,
				action: 'link',
				message: `Linked ${label} to person ${describePerson(person)}${byText(request.by)}`,
				is_error: false,
				before: null,
				after: { accountRef, name: account?.name ?? null, state },
			},
		]);
		return { accountId, personId, target, accountRef, state, alreadyLinked: false };
	});
}

/**
 * Removes the vault's link between an account and its person (the account itself is not
 * touched), with an audit entry. The next evaluation treats the person as having no account.
 */
export async function unlinkAccount(vault: Vault, request: UnlinkAccountRequest): Promise<UnlinkAccountResult> {
	const target = required(request.target, 'The target');
	const accountRef = required(request.accountRef, 'The account reference');
	return await vault.transaction(async (trx) => {
		const link = await trx
			.selectFrom('accounts')
			.select(['id', 'person_id', 'state', 'data'])
			.where('target', '=', target)
			.where('account_ref', '=', accountRef)
			.where('state', '!=', 'deleted')
			.executeTakeFirst();
		if (!link) throw new CorrelationError(`The account ${accountRef} in ${target} is not linked to any person`);
		const owner = await personInfo(trx, link.person_id);
		const account = describeAccount(accountRef, link.data, target);
		if (request.personId !== undefined) {
			const asked = await personInfo(trx, request.personId);
			if (!asked) throw new CorrelationError(`Person '${request.personId}' does not exist in the vault`);
			if (!owner || owner.survivor !== asked.survivor) {
				throw new CorrelationError(
					`The ${account} is linked to person ${owner ? describePerson(owner) : `'${link.person_id}'`}, not to ${describePerson(asked)}`,
				);
			}
		}
		await trx.deleteFrom('accounts').where('id', '=', link.id).execute();
		await vault.appendAudit(trx, [
			{
				person_id: link.person_id,
				target,
				action: 'unlink',
				message: `Unlinked the ${account} from person ${owner ? describePerson(owner) : `'${link.person_id}'`}${byText(request.by)}`,
				is_error: false,
				before: { accountRef, state: link.state },
				after: null,
			},
		]);
		return { personId: link.person_id, target, accountRef, previousState: link.state };
	});
}
