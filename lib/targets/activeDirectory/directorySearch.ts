import { EqualityFilter, type Client, type Entry, type Filter } from 'ldapts';

import { ConnectorError, type TargetAccount } from '../../enforcement/connector';
import { entryValues, isEnabled, shapeValues } from './attributes';
import type { ActiveDirectoryConnection } from './config';
import { BINARY_ATTRIBUTES, entryGuid, withClient } from './connection';
import { LdapCode, ldapCode } from './errors';
import { escapeFilterValue, ldapFilter, looksLikeDn, parentDn } from './escape';
import { guidToBytes, isGuid } from './guid';

/**
 * Lookups for the Active Directory node (get, search, list searches, linking an account):
 * users, groups and OUs by GUID, DN or name.
 */

/** What the node's lookups look for. */
export type DirectoryObjectKind = 'user' | 'group' | 'ou';

/** A user, group or OU as the node shows it: GUID, DN, a name and its text attributes. */
export interface DirectoryObject {
	kind: DirectoryObjectKind;
	/** objectGUID as a GUID string (stable across renames and moves). */
	guid: string;
	dn: string;
	/** sAMAccountName for users, cn for groups, ou for OUs. */
	name: string;
	/** The OU (or container) it lives in. */
	container: string;
	/** Users only: the ACCOUNTDISABLE bit of userAccountControl is clear. */
	enabled?: boolean;
	attributes: Record<string, string | string[]>;
}

const KINDS: Record<DirectoryObjectKind, { filter: string; name: string; byName: string[]; search: string[]; attributes: string[] }> = {
	user: {
		filter: '(&(objectCategory=person)(objectClass=user))',
		name: 'sAMAccountName',
		byName: ['sAMAccountName', 'userPrincipalName', 'cn'],
		search: ['sAMAccountName', 'userPrincipalName', 'displayName', 'mail', 'employeeID', 'cn'],
		attributes: [
			'sAMAccountName',
			'userPrincipalName',
			'cn',
			'displayName',
			'givenName',
			'sn',
			'mail',
			'employeeID',
			'employeeNumber',
			'title',
			'department',
			'company',
			'manager',
			'userAccountControl',
			'memberOf',
			'whenCreated',
			'whenChanged',
		],
	},
	group: {
		filter: '(objectClass=group)',
		name: 'cn',
		byName: ['cn', 'sAMAccountName'],
		search: ['cn', 'sAMAccountName', 'description'],
		attributes: ['cn', 'sAMAccountName', 'description', 'mail', 'groupType'],
	},
	ou: {
		filter: '(objectClass=organizationalUnit)',
		name: 'ou',
		byName: ['ou'],
		search: ['ou', 'description'],
		attributes: ['ou', 'description'],
	},
};

function toDirectoryObject(kind: DirectoryObjectKind, entry: Entry): DirectoryObject {
	const spec = KINDS[kind];
	const attributes: Record<string, string | string[]> = {};
	for (const name of spec.attributes) {
		const shaped = shapeValues(name, entryValues(entry, name));
		if (shaped !== undefined) attributes[name] = shaped;
	}
	const object: DirectoryObject = {
		kind,
		guid: entryGuid(entry),
		dn: entry.dn,
		name: entryValues(entry, spec.name)[0] ?? entry.dn,
		container: parentDn(entry.dn),
		attributes,
	};
	if (kind === 'user') object.enabled = isEnabled(Number(entryValues(entry, 'userAccountControl')[0] ?? 0));
	return object;
}

async function find(client: Client, base: string, kind: DirectoryObjectKind, filter: string | Filter, scope: 'base' | 'sub'): Promise<Entry[]> {
	try {
		const { searchEntries } = await client.search(base, {
			scope,
			filter,
			attributes: ['objectGUID', ...KINDS[kind].attributes],
			explicitBufferAttributes: BINARY_ATTRIBUTES,
		});
		return searchEntries;
	} catch (error) {
		if (ldapCode(error) === LdapCode.noSuchObject) return [];
		throw error;
	}
}

/**
 * One user, group or OU by objectGUID, DN or name (users: sAMAccountName or UPN; groups: cn or
 * sAMAccountName; OUs: ou), searched in the whole domain. Null when there is none; an error
 * naming the matches when a name fits several.
 */
export async function getDirectoryObject(
	connection: ActiveDirectoryConnection,
	kind: DirectoryObjectKind,
	id: string,
): Promise<DirectoryObject | null> {
	const wanted = id.trim();
	if (wanted === '') return null;
	return await withClient(connection, async (client) => {
		const base = connection.baseDn;
		let entries: Entry[];
		if (isGuid(wanted)) {
			const byGuid = new EqualityFilter({ attribute: 'objectGUID', value: guidToBytes(wanted) });
			entries = (await find(client, base, kind, byGuid, 'sub')).filter((entry) => matchesKind(kind, entry));
		} else if (looksLikeDn(wanted)) {
			entries = await find(client, wanted, kind, KINDS[kind].filter, 'base');
		} else {
			const names = KINDS[kind].byName.map((attribute) => ldapFilter`(${attribute}=${wanted})`).join('');
			entries = await find(client, base, kind, `(&${KINDS[kind].filter}(|${names}))`, 'sub');
		}
		if (entries.length > 1) {
			throw new ConnectorError(`"${wanted}" names ${entries.length} ${kind}s: ${entries.map((entry) => entry.dn).join('; ')}. Use the DN or GUID.`);
		}
		return entries[0] ? toDirectoryObject(kind, entries[0]) : null;
	});
}

// A GUID search finds any object; keep it only when it is of the kind asked for.
function matchesKind(kind: DirectoryObjectKind, entry: Entry): boolean {
	if (kind === 'user') return entryValues(entry, 'sAMAccountName').length > 0 && entryValues(entry, 'userAccountControl').length > 0;
	if (kind === 'group') return entryValues(entry, 'groupType').length > 0;
	return entryValues(entry, 'ou').length > 0;
}

export interface DirectorySearch {
	kind: DirectoryObjectKind;
	/** Part of a name (see KINDS.search); empty: everything. */
	query?: string;
	/** Where to look; default the base DN. */
	base?: string;
	/** At most this many (default 100, at most 1,000). */
	limit?: number;
}

/** Users, groups or OUs whose names contain the query, at most `limit`, sorted by name. */
export async function searchDirectory(connection: ActiveDirectoryConnection, search: DirectorySearch): Promise<DirectoryObject[]> {
	const spec = KINDS[search.kind];
	const query = search.query?.trim() ?? '';
	const text = query === '' ? '' : `(|${spec.search.map((attribute) => `(${attribute}=*${escapeFilterValue(query)}*)`).join('')})`;
	const limit = Math.min(Math.max(1, Math.trunc(search.limit ?? 100)), 1000);
	const base = search.base?.trim() || connection.baseDn;
	return await withClient(connection, async (client) => {
		const { searchEntries } = await client.search(base, {
			scope: 'sub',
			filter: `(&${spec.filter}${text})`,
			attributes: ['objectGUID', ...spec.attributes],
			explicitBufferAttributes: BINARY_ATTRIBUTES,
			sizeLimit: limit,
		});
		return searchEntries.map((entry) => toDirectoryObject(search.kind, entry)).sort((a, b) => a.name.localeCompare(b.name));
	});
}

/** A user found by a lookup as the account the vault links to a person (ref = objectGUID). */
export function directoryAccount(object: DirectoryObject): TargetAccount {
	if (object.kind !== 'user') throw new ConnectorError(`${object.dn} is a ${object.kind}, not a user account.`);
	const attributes: Record<string, unknown> = { distinguishedName: object.dn, ...object.attributes };
	if (attributes.userAccountControl !== undefined) attributes.userAccountControl = Number(attributes.userAccountControl);
	return { ref: object.guid, name: object.name, enabled: object.enabled ?? true, container: object.container, attributes };
}
