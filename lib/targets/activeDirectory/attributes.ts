import type { Entry } from 'ldapts';

import type { AccountSubject, TargetAccount } from '../../enforcement/connector';
import { toText } from '../../mapping';
import type { CompiledActiveDirectoryConfig } from './config';
import { entryGuid } from './connection';
import { parentDn } from './escape';

/** Attributes that hold lists; kept as arrays even with one value. */
const MULTI_VALUED = new Set([
	'proxyaddresses',
	'othertelephone',
	'othermobile',
	'otherhomephone',
	'otheripphone',
	'otherpager',
	'otherfacsimiletelephonenumber',
	'url',
	'wwwhomepage-other',
	'serviceprincipalname',
	'memberof',
	'objectclass',
]);

export function isMultiValued(attribute: string): boolean {
	return MULTI_VALUED.has(attribute.toLowerCase());
}

/**
 * A mapped value as LDAP values: empty → none, a list → its non-empty items, booleans as
 * LDAP's TRUE/FALSE, everything else as text.
 */
export function ldapValues(value: unknown): string[] {
	const items = Array.isArray(value) ? value.flat() : [value];
	const out: string[] = [];
	for (const item of items) {
		if (item === undefined || item === null) continue;
		const text = typeof item === 'boolean' ? (item ? 'TRUE' : 'FALSE') : toText(item);
		if (text !== '') out.push(text);
	}
	return out;
}

/** LDAP values in the shape accounts show them: none → undefined, one → text (lists stay lists). */
export function shapeValues(attribute: string, values: readonly string[]): string | string[] | undefined {
	if (values.length === 0) return undefined;
	if (values.length === 1 && !isMultiValued(attribute)) return values[0];
	return [...values];
}

/** An entry's text values of an attribute, found without regard to case (AD answers in schema case). */
export function entryValues(entry: Entry, attribute: string): string[] {
	const wanted = attribute.toLowerCase();
	for (const [key, value] of Object.entries(entry)) {
		if (key.toLowerCase() !== wanted || key === 'dn') continue;
		const list = Array.isArray(value) ? value : [value];
		return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item));
	}
	return [];
}

export function entryValue(entry: Entry, attribute: string): string | undefined {
	return entryValues(entry, attribute)[0];
}

/** Same values, ignoring order for multi-valued attributes. */
export function sameValues(attribute: string, a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	if (!isMultiValued(attribute) && a.length <= 1) return a[0] === b[0];
	const left = [...a].sort();
	const right = [...b].sort();
	return left.every((value, i) => value === right[i]);
}

/** The attributes the connector reads for an account. */
export function accountAttributes(config: CompiledActiveDirectoryConfig): string[] {
	const names = [
		'distinguishedName',
		'objectGUID',
		'userAccountControl',
		...config.accounts.unique.map((unique) => unique.attribute),
		'sAMAccountName',
		config.accounts.correlation.attribute,
		...config.accounts.attributes.map((attribute) => attribute.name),
	];
	if (config.accounts.setManager) names.push('manager');
	const seen = new Set<string>();
	return names.filter((name) => {
		const key = name.toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const ACCOUNTDISABLE = 2;

export function isEnabled(userAccountControl: number): boolean {
	return (userAccountControl & ACCOUNTDISABLE) === 0;
}

export function withEnabled(userAccountControl: number, enabled: boolean): number {
	return enabled ? userAccountControl & ~ACCOUNTDISABLE : userAccountControl | ACCOUNTDISABLE;
}

export function userAccountControlOf(entry: Entry): number {
	const value = Number(entryValue(entry, 'userAccountControl'));
	return Number.isFinite(value) ? value : 0;
}

/** An AD user entry as a TargetAccount: ref is the objectGUID, attributes under the configured names. */
export function toTargetAccount(entry: Entry, config: CompiledActiveDirectoryConfig): TargetAccount {
	const attributes: Record<string, unknown> = { distinguishedName: entry.dn };
	for (const name of accountAttributes(config)) {
		if (name === 'objectGUID' || name === 'distinguishedName') continue;
		const shaped = name === 'userAccountControl' ? userAccountControlOf(entry) : shapeValues(name, entryValues(entry, name));
		if (shaped !== undefined) attributes[name] = shaped;
	}
	return {
		ref: entryGuid(entry),
		name: entryValue(entry, 'sAMAccountName') ?? '',
		enabled: isEnabled(userAccountControlOf(entry)),
		container: parentDn(entry.dn),
		attributes,
	};
}

/** How a person is named in messages: `Jan de Vries (12345)`. */
export function describePerson(subject: AccountSubject): string {
	const name = subject.person.name;
	const display = name.display?.trim() || [name.given, name.familyPrefix, name.family].filter(Boolean).join(' ');
	return display ? `${display} (${subject.person.externalId})` : `person ${subject.person.externalId}`;
}

export function describeAccount(account: TargetAccount): string {
	return account.name ? `account ${account.name}` : `account ${account.ref}`;
}
