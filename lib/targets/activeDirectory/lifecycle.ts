import { Attribute, Change, Control, type Client, type Entry } from 'ldapts';

import type { ActionOutcome, AttributeChange, ConnectorContext, TargetAccount } from '../../enforcement/connector';
import { entryValue, toTargetAccount, userAccountControlOf, withEnabled } from './attributes';
import type { CompiledActiveDirectoryConfig } from './config';
import { LdapCode, ldapCode } from './errors';
import { firstRdn, formatDn, parentDn, parseDn, rdnForModifyDn, sameDn } from './escape';
import { findAccountEntry, requireAccountEntry } from './read';

/** AD's tree delete control: deletes an account together with objects below it (e.g. mobile device entries). */
const TREE_DELETE = '1.2.840.113556.1.4.805';

function nameOf(entry: Entry, account: TargetAccount): string {
	return entryValue(entry, 'sAMAccountName') ?? (account.name || account.ref);
}

/** The DN the entry gets in `container`: same RDN, new parent. */
function dnIn(entry: Entry, container: string): string {
	return formatDn([firstRdn(entry.dn), ...parseDn(container)]);
}

async function moveEntry(client: Client, entry: Entry, container: string): Promise<void> {
	await client.modifyDN(entry.dn, `${rdnForModifyDn(firstRdn(entry.dn))},${container}`);
}

/**
 * Sets or clears the ACCOUNTDISABLE bit of userAccountControl (other bits kept) and moves the
 * account to the enabled or disabled OU when one is configured. Disabling writes the flag before
 * the move, so a failed move never leaves the account enabled.
 */
export async function setEnabled(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	account: TargetAccount,
	enabled: boolean,
	context: ConnectorContext,
): Promise<ActionOutcome> {
	const entry = await requireAccountEntry(client, config, account);
	const name = nameOf(entry, account);
	const uac = userAccountControlOf(entry);
	const wantedUac = withEnabled(uac, enabled);
	const ou = enabled ? config.accounts.enabledOu : config.accounts.disabledOu;
	const move = ou !== undefined && !sameDn(parentDn(entry.dn), ou);
	const verb = enabled ? 'enabled' : 'disabled';

	const changes: AttributeChange[] = [];
	if (wantedUac !== uac) changes.push({ attribute: 'userAccountControl', before: uac, after: wantedUac });
	if (move) changes.push({ attribute: 'distinguishedName', before: entry.dn, after: dnIn(entry, ou) });
	if (changes.length === 0) {
		return { result: 'noChange', message: `Account ${name} is already ${verb}.`, changes, account: toTargetAccount(entry, config) };
	}
	const what = `${wantedUac !== uac ? (enabled ? 'Enabled' : 'Disabled') : `Already ${verb}`}${move ? ` and moved to ${ou}` : ''}`;
	if (context.dryRun) return { result: 'done', message: `Would be: ${what} (account ${name}).`, changes, account: toTargetAccount(entry, config) };

	const writeFlag = async (): Promise<void> => {
		if (wantedUac === uac) return;
		const modification = new Attribute({ type: 'userAccountControl', values: [String(wantedUac)] });
		await client.modify(entry.dn, new Change({ operation: 'replace', modification }));
	};
	if (enabled) {
		if (move) await moveEntry(client, entry, ou);
		await writeFlag();
	} else {
		await writeFlag();
		if (move) await moveEntry(client, entry, ou);
	}
	const after = await requireAccountEntry(client, config, account);
	return { result: 'done', message: `${what} (account ${name}).`, changes, account: toTargetAccount(after, config) };
}

/** Moves the account to another OU; `noChange` when it is there already. */
export async function moveAccount(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	account: TargetAccount,
	container: string,
	context: ConnectorContext,
): Promise<ActionOutcome> {
	const entry = await requireAccountEntry(client, config, account);
	const name = nameOf(entry, account);
	if (sameDn(parentDn(entry.dn), container)) {
		return { result: 'noChange', message: `Account ${name} is already in ${container}.`, changes: [], account: toTargetAccount(entry, config) };
	}
	const changes: AttributeChange[] = [{ attribute: 'distinguishedName', before: entry.dn, after: dnIn(entry, container) }];
	if (context.dryRun) return { result: 'done', message: `Would move account ${name} to ${container}.`, changes, account: toTargetAccount(entry, config) };
	await moveEntry(client, entry, container);
	const after = await requireAccountEntry(client, config, account);
	return { result: 'done', message: `Moved account ${name} to ${container}.`, changes, account: toTargetAccount(after, config) };
}

/** Deletes the account (with any objects below it); `noChange` when it is already gone. */
export async function deleteAccount(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	account: TargetAccount,
	context: ConnectorContext,
): Promise<ActionOutcome> {
	const entry = await findAccountEntry(client, config, account.ref);
	if (!entry) {
		return { result: 'noChange', message: `Account ${account.name || account.ref} is already gone.`, changes: [] };
	}
	const name = nameOf(entry, account);
	const changes: AttributeChange[] = [{ attribute: 'distinguishedName', before: entry.dn, after: null }];
	if (context.dryRun) return { result: 'done', message: `Would delete account ${name} (${entry.dn}).`, changes };
	try {
		await client.del(entry.dn);
	} catch (error) {
		if (ldapCode(error) !== LdapCode.notAllowedOnNonLeaf) throw error;
		await client.del(entry.dn, new Control(TREE_DELETE, { critical: true }));
	}
	return { result: 'done', message: `Deleted account ${name} (${entry.dn}).`, changes };
}
