import { EqualityFilter, type Client, type Entry } from 'ldapts';

import { ConnectorError, type AccountSubject, type TargetAccount } from '../../enforcement/connector';
import { accountAttributes, describeAccount, describePerson, toTargetAccount } from './attributes';
import type { CompiledActiveDirectoryConfig } from './config';
import { BINARY_ATTRIBUTES, searchAll } from './connection';
import { ldapFilter } from './escape';
import { guidToBytes, isGuid } from './guid';

/**
 * The account's entry by objectGUID, searched in the whole domain (it may have been moved out
 * of the search base), or undefined when it is gone. The GUID goes into the filter as bytes:
 * ldapts' filter parser turns `\xx` escapes into characters and would re-encode bytes over 0x7f.
 */
export async function findAccountEntry(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	ref: string,
	attributes = accountAttributes(config),
): Promise<Entry | undefined> {
	if (!isGuid(ref)) throw new ConnectorError(`"${ref}" is not an objectGUID; Active Directory accounts are referred to by their GUID.`);
	const { searchEntries } = await client.search(config.connection.baseDn, {
		scope: 'sub',
		filter: new EqualityFilter({ attribute: 'objectGUID', value: guidToBytes(ref) }),
		attributes,
		explicitBufferAttributes: BINARY_ATTRIBUTES,
	});
	return searchEntries[0];
}

export async function requireAccountEntry(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	account: TargetAccount,
	attributes?: string[],
): Promise<Entry> {
	const entry = await findAccountEntry(client, config, account.ref, attributes);
	if (!entry) {
		throw new ConnectorError(`${describeAccount(account)} (objectGUID ${account.ref}) no longer exists in Active Directory.`);
	}
	return entry;
}

/**
 * What `manager` should hold: the manager account's current DN; null when the person has no
 * manager (the attribute is cleared); undefined when it cannot be known (no manager account
 * yet, or it is gone), so the attribute is left as it is.
 */
export async function desiredManagerDn(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	subject: AccountSubject,
): Promise<string | null | undefined> {
	if (!config.accounts.setManager) return undefined;
	if (subject.manager === null) return null;
	const account = subject.manager.account;
	if (!account) return undefined;
	if (!isGuid(account.ref)) {
		throw new ConnectorError(`The manager account of ${describePerson(subject)} has ref "${account.ref}", which is not an objectGUID.`);
	}
	const entry = await findAccountEntry(client, config, account.ref, ['distinguishedName']);
	return entry?.dn;
}

/** User accounts (not computers, which are users too). */
export const USERS = '(&(objectCategory=person)(objectClass=user))';

/** The user accounts under the accounts' search base that carry the correlation value. */
export async function findCorrelated(client: Client, config: CompiledActiveDirectoryConfig, value: string): Promise<TargetAccount[]> {
	const { attribute } = config.accounts.correlation;
	const entries = await searchAll(client, config.accounts.searchBase, {
		filter: `(&${USERS}${ldapFilter`(${attribute}=${value})`})`,
		attributes: accountAttributes(config),
	});
	return entries.map((entry) => toTargetAccount(entry, config));
}
