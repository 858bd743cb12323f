import { Attribute, Change, type Client, type Entry } from 'ldapts';

import {
	ConnectorError,
	type ActionOutcome,
	type ConnectorContext,
	type PermissionRef,
	type TargetAccount,
} from '../../enforcement/connector';
import { entryValue } from './attributes';
import type { CompiledActiveDirectoryConfig } from './config';
import { searchAll } from './connection';
import { LdapCode, ldapCode } from './errors';
import { escapeFilterValue, ldapFilter, looksLikeDn } from './escape';
import { requireAccountEntry } from './read';

interface Group {
	dn: string;
	/** The name shown in messages: cn, else the permission's name. */
	name: string;
}

/**
 * The group a permission names: a DN (read to check it is a group), or a cn / sAMAccountName
 * searched under the groups' search base. None or several is an error that names the group.
 */
export async function findGroup(client: Client, config: CompiledActiveDirectoryConfig, permission: PermissionRef): Promise<Group> {
	const name = permission.name.trim();
	let entries: Entry[];
	if (looksLikeDn(name)) {
		try {
			({ searchEntries: entries } = await client.search(name, { scope: 'base', filter: '(objectClass=group)', attributes: ['cn'] }));
		} catch (error) {
			if (ldapCode(error) !== LdapCode.noSuchObject) throw error;
			entries = [];
		}
		if (entries.length === 0) throw new ConnectorError(`Group ${name} does not exist (or is not a group).`);
	} else {
		const base = config.groups.searchBase;
		entries = await searchAll(client, base, {
			filter: ldapFilter`(&(objectClass=group)(|(cn=${name})(sAMAccountName=${name})))`,
			attributes: ['cn'],
		});
		if (entries.length === 0) throw new ConnectorError(`Group "${name}" was not found under ${base} (looked for its cn and sAMAccountName).`);
		if (entries.length > 1) {
			throw new ConnectorError(`Group name "${name}" matches ${entries.length} groups under ${base}: ${entries.map((entry) => entry.dn).join('; ')}. Give the group's DN instead.`);
		}
	}
	const [group] = entries;
	return { dn: group.dn, name: entryValue(group, 'cn') ?? name };
}

async function isMember(client: Client, groupDn: string, memberDn: string): Promise<boolean> {
	// The server matches the DN; a base search does not read a large group's whole member list.
	const { searchEntries } = await client.search(groupDn, {
		scope: 'base',
		filter: `(member=${escapeFilterValue(memberDn)})`,
		attributes: ['distinguishedName'],
	});
	return searchEntries.length > 0;
}

/** Adds (grant) or removes (revoke) the account as a direct member of the group. */
export async function setMembership(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	account: TargetAccount,
	permission: PermissionRef,
	member: boolean,
	context: ConnectorContext,
): Promise<ActionOutcome> {
	const entry = await requireAccountEntry(client, config, account, ['distinguishedName', 'sAMAccountName']);
	const group = await findGroup(client, config, permission);
	const name = entryValue(entry, 'sAMAccountName') ?? account.name;
	if ((await isMember(client, group.dn, entry.dn)) === member) {
		const message = member ? `Account ${name} is already a member of ${group.name}.` : `Account ${name} is not a member of ${group.name}.`;
		return { result: 'noChange', message, changes: [] };
	}
	const changes = [{ attribute: 'memberOf', before: member ? null : group.dn, after: member ? group.dn : null }];
	const done = member ? `Added account ${name} to ${group.name}.` : `Removed account ${name} from ${group.name}.`;
	if (context.dryRun) return { result: 'done', message: `Would be: ${done}`, changes };
	const modification = new Attribute({ type: 'member', values: [entry.dn] });
	try {
		await client.modify(group.dn, new Change({ operation: member ? 'add' : 'delete', modification }));
	} catch (error) {
		// Someone else made the change between the check and the write: the group is as wanted.
		const code = ldapCode(error);
		const already = member
			? code === LdapCode.entryAlreadyExists || code === LdapCode.attributeOrValueExists
			: code === LdapCode.unwillingToPerform || code === LdapCode.noSuchAttribute;
		if (!already) throw error;
		const message = member ? `Account ${name} is already a member of ${group.name}.` : `Account ${name} is not a member of ${group.name}.`;
		return { result: 'noChange', message, changes: [] };
	}
	return { result: 'done', message: done, changes };
}
