import type { Client } from 'ldapts';

import { ConnectorError, type ConnectorContext } from '../../enforcement/connector';
import { uniqueCandidates } from '../../mapping';
import { UNIQUE_MAX_LENGTH, type CompiledActiveDirectoryConfig, type UniqueAttribute } from './config';
import { ldapFilter } from './escape';

/** The filter that finds any object already holding the value (mail and SMTP proxy addresses count for each other). */
export function takenFilter(attribute: UniqueAttribute, value: string): string {
	switch (attribute) {
		case 'mail':
			return ldapFilter`(|(mail=${value})(proxyAddresses=smtp:${value}))`;
		case 'proxyAddresses': {
			const smtp = /^smtp:(.+)$/i.exec(value);
			return smtp ? ldapFilter`(|(proxyAddresses=${value})(mail=${smtp[1]}))` : ldapFilter`(proxyAddresses=${value})`;
		}
		default:
			return ldapFilter`(${attribute}=${value})`;
	}
}

/** True when any object in the domain (users, groups, contacts, computers) holds the value. */
export async function isTakenInDirectory(client: Client, baseDn: string, attribute: UniqueAttribute, value: string): Promise<boolean> {
	const { searchEntries } = await client.search(baseDn, {
		scope: 'sub',
		filter: takenFilter(attribute, value),
		attributes: ['distinguishedName'],
		sizeLimit: 1,
	});
	return searchEntries.length > 0;
}

/** Characters AD does not allow in a sAMAccountName. */
const SAM_INVALID = /["/\\[\]:;|=,+*?<>]/;

/** Why AD would refuse the value, or undefined when it is fine. */
export function invalidUniqueValue(attribute: UniqueAttribute, value: string): string | undefined {
	if (attribute === 'sAMAccountName') {
		const bad = SAM_INVALID.exec(value);
		if (bad) return `contains "${bad[0]}", which AD does not allow in a sAMAccountName (not allowed: " / \\ [ ] : ; | = , + * ? < >)`;
		if (value.endsWith('.')) return 'ends with ".", which AD does not allow in a sAMAccountName';
	}
	if (attribute === 'userPrincipalName' && !/^[^@\s]+@[^@\s]+$/.test(value)) return 'is not of the form name@suffix';
	return undefined;
}

export type UniqueValues = Partial<Record<UniqueAttribute, string>>;

/** State kept across attempts of one create: values found taken on write, values this create reserved. */
export interface UniqueState {
	takenOnWrite: Set<string>;
	reserved: Set<string>;
}

export function newUniqueState(): UniqueState {
	return { takenOnWrite: new Set(), reserved: new Set() };
}

const key = (attribute: string, value: string): string => `${attribute.toLowerCase()}\u0000${value.toLowerCase()}`;

export function markTaken(state: UniqueState, attribute: UniqueAttribute, value: string): void {
	state.takenOnWrite.add(key(attribute, value));
}

/**
 * Picks each unique attribute's value in order (sAMAccountName, cn, userPrincipalName, mail,
 * proxyAddresses): the first candidate that no object in the domain holds and that the run's
 * reservation (vault accounts and other creates) grants. Later attributes see earlier choices
 * as `account.<attribute>`.
 */
export async function resolveUniqueValues(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	mappingContext: Record<string, unknown>,
	context: ConnectorContext,
	state: UniqueState,
	who: string,
): Promise<UniqueValues> {
	const chosen: UniqueValues = {};
	for (const { attribute, candidates } of config.accounts.unique) {
		const tried: string[] = [];
		const values = uniqueCandidates(candidates, { ...mappingContext, account: { ...chosen } }, { maxLength: UNIQUE_MAX_LENGTH[attribute] });
		for (const value of values) {
			tried.push(value);
			const invalid = invalidUniqueValue(attribute, value);
			if (invalid) {
				throw new ConnectorError(
					`Cannot create an account for ${who}: ${attribute} candidate "${value}" ${invalid}. Change the ${attribute} mapping, e.g. with | replace(...).`,
				);
			}
			const id = key(attribute, value);
			if (state.takenOnWrite.has(id)) continue;
			if (await isTakenInDirectory(client, config.connection.baseDn, attribute, value)) continue;
			if (!state.reserved.has(id)) {
				if (!context.reserveUnique(attribute, value)) continue;
				state.reserved.add(id);
			}
			chosen[attribute] = value;
			break;
		}
		if (chosen[attribute] === undefined) {
			if (tried.length === 0) {
				throw new ConnectorError(`Cannot create an account for ${who}: every ${attribute} candidate is empty for this person.`);
			}
			const shown = tried.length > 5 ? `${tried.slice(0, 5).join(', ')} … ${tried[tried.length - 1]}` : tried.join(', ');
			throw new ConnectorError(`Cannot create an account for ${who}: no free ${attribute}; ${tried.length} candidates taken (${shown}).`);
		}
	}
	return chosen;
}
