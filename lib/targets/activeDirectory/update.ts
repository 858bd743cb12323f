import { Attribute, Change, type Client } from 'ldapts';

import type { AccountSubject, ActionOutcome, AttributeChange, ConnectorContext, TargetAccount } from '../../enforcement/connector';
import { entryValues, ldapValues, sameValues, shapeValues, toTargetAccount } from './attributes';
import { UNIQUE_ATTRIBUTES, type CompiledActiveDirectoryConfig } from './config';
import { mappingContext } from './create';
import { sameDn } from './escape';
import { desiredManagerDn, requireAccountEntry } from './read';

/**
 * Writes the mapped attributes (those not marked onCreateOnly) and the manager where they
 * differ from the live account, in one modify. Mappings read the account's current unique
 * values as `account.<attribute>`. `noChange` when everything already matches.
 */
export async function updateAccount(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	account: TargetAccount,
	subject: AccountSubject,
	context: ConnectorContext,
): Promise<ActionOutcome> {
	const entry = await requireAccountEntry(client, config, account);
	const current: Record<string, unknown> = {};
	for (const attribute of UNIQUE_ATTRIBUTES) {
		const shaped = shapeValues(attribute, entryValues(entry, attribute));
		if (shaped !== undefined) current[attribute] = shaped;
	}
	const mapping = mappingContext(subject, current);

	const changes: AttributeChange[] = [];
	const writes: Change[] = [];
	const compare = (attribute: string, wanted: string[], same: (have: string[]) => boolean): void => {
		const have = entryValues(entry, attribute);
		if (same(have)) return;
		changes.push({ attribute, before: shapeValues(attribute, have) ?? null, after: shapeValues(attribute, wanted) ?? null });
		writes.push(new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values: wanted }) }));
	};
	for (const attribute of config.accounts.attributes) {
		if (attribute.onCreateOnly) continue;
		const wanted = ldapValues(attribute.value(mapping));
		compare(attribute.name, wanted, (have) => sameValues(attribute.name, have, wanted));
	}
	const manager = await desiredManagerDn(client, config, subject);
	if (manager !== undefined) {
		const wanted = manager === null ? [] : [manager];
		compare('manager', wanted, (have) => (have.length === 0 ? wanted.length === 0 : wanted.length === 1 && sameDn(have[0], wanted[0])));
	}

	const name = account.name || entryValues(entry, 'sAMAccountName')[0] || account.ref;
	if (changes.length === 0) {
		return { result: 'noChange', message: `Account ${name} is up to date.`, changes, account: toTargetAccount(entry, config) };
	}
	const list = changes.map((change) => change.attribute).join(', ');
	if (context.dryRun) return { result: 'done', message: `Would update ${list} of account ${name}.`, changes, account: toTargetAccount(entry, config) };
	await client.modify(entry.dn, writes);
	const after = await requireAccountEntry(client, config, account);
	return { result: 'done', message: `Updated ${list} of account ${name}.`, changes, account: toTargetAccount(after, config) };
}
