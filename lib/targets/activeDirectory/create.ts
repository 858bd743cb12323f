import { Attribute, type Client } from 'ldapts';

import {
	ConnectorError,
	type AccountSubject,
	type AttributeChange,
	type ConnectorContext,
	type CreateOptions,
	type CreateOutcome,
	type TargetAccount,
} from '../../enforcement/connector';
import { accountAttributes, describePerson, ldapValues, shapeValues, toTargetAccount } from './attributes';
import type { CompiledActiveDirectoryConfig } from './config';
import { adDataCode, LdapCode, ldapCode } from './errors';
import { escapeDnValue } from './escape';
import { encodeUnicodePwd, generatePassword } from './password';
import { BINARY_ATTRIBUTES } from './connection';
import { desiredManagerDn, findCorrelated } from './read';
import { isTakenInDirectory, markTaken, newUniqueState, resolveUniqueValues, type UniqueValues } from './unique';

/** What a mapping reads: the person, the contract, the manager's person record and (later) account values. */
export function mappingContext(subject: AccountSubject, account: Record<string, unknown> = {}): Record<string, unknown> {
	return { person: subject.person, contract: subject.contract, manager: subject.manager?.person, account };
}

const USER_OBJECT_CLASSES = ['top', 'person', 'organizationalPerson', 'user'];
const NORMAL_ACCOUNT = 512;
const DISABLED_ACCOUNT = 514;
/** Tries after a write collision (another writer took a value between the check and the add). */
const MAX_ATTEMPTS = 5;

/** A collision on add: the DN, sAMAccountName (68) or userPrincipalName (19 0000202F) exists already. */
function isCollision(error: unknown): boolean {
	const code = ldapCode(error);
	return code === LdapCode.entryAlreadyExists || (code === LdapCode.constraintViolation && adDataCode(error) === '0000202F');
}

interface PlannedAccount {
	dn: string;
	unique: UniqueValues;
	/** Attribute → LDAP values, in the order they are written. */
	values: Array<[string, string[]]>;
}

async function planAccount(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	subject: AccountSubject,
	options: CreateOptions,
	correlationValue: string,
	unique: UniqueValues,
): Promise<PlannedAccount> {
	const context = mappingContext(subject, { ...unique });
	const values: Array<[string, string[]]> = [];
	for (const [attribute, value] of Object.entries(unique)) values.push([attribute, [value]]);
	values.push([config.accounts.correlation.attribute, [correlationValue]]);
	for (const attribute of config.accounts.attributes) {
		const written = ldapValues(attribute.value(context));
		if (written.length > 0) values.push([attribute.name, written]);
	}
	const manager = await desiredManagerDn(client, config, subject);
	if (manager) values.push(['manager', [manager]]);
	values.push(['userAccountControl', [String(options.enabled ? NORMAL_ACCOUNT : DISABLED_ACCOUNT)]]);
	const cn = unique.cn ?? unique.sAMAccountName ?? '';
	return { dn: `CN=${escapeDnValue(cn)},${config.accounts.initialOu}`, unique, values };
}

function plannedAccount(plan: PlannedAccount, enabled: boolean, config: CompiledActiveDirectoryConfig, ref: string): TargetAccount {
	const attributes: Record<string, unknown> = { distinguishedName: plan.dn };
	for (const [attribute, values] of plan.values) {
		attributes[attribute] = attribute === 'userAccountControl' ? Number(values[0]) : shapeValues(attribute, values);
	}
	return { ref, name: plan.unique.sAMAccountName ?? '', enabled, container: config.accounts.initialOu, attributes };
}

/**
 * Creates the user in the initial OU: unique values resolved (checked in the domain and
 * reserved for the run), mapped attributes, correlation value, manager, userAccountControl 512
 * or 514 and a generated password, all in one add. A collision on write (another writer took a
 * value meanwhile) moves on to the next candidate.
 */
export async function createAccount(
	client: Client,
	config: CompiledActiveDirectoryConfig,
	subject: AccountSubject,
	options: CreateOptions,
	context: ConnectorContext,
	correlationValue: string,
): Promise<CreateOutcome> {
	const who = describePerson(subject);
	const { generate, length } = config.accounts.password;
	if (generate && config.connection.security === 'none') {
		throw new ConnectorError(
			`Cannot create the account of ${who}: its initial password can only be set over an encrypted connection. Use LDAPS or StartTLS, or turn off password generation.`,
		);
	}
	// A create retried after its answer was lost (or run twice) finds the account it made.
	const existing = await findCorrelated(client, config, correlationValue);
	if (existing.length === 1) {
		const [account] = existing;
		const { attribute } = config.accounts.correlation;
		return {
			result: 'noChange',
			message: `${who} already has account ${account.name} (${attribute} ${correlationValue}); no other account was created.`,
			changes: [],
			account,
		};
	}
	if (existing.length > 1) {
		throw new ConnectorError(
			`Cannot create an account for ${who}: ${existing.length} accounts already carry ${config.accounts.correlation.attribute} ${correlationValue} (${existing.map((account) => account.name).join(', ')}).`,
		);
	}
	const state = newUniqueState();
	for (let attempt = 1; ; attempt++) {
		const unique = await resolveUniqueValues(client, config, mappingContext(subject), context, state, who);
		const plan = await planAccount(client, config, subject, options, correlationValue, unique);
		const changes: AttributeChange[] = plan.values.map(([attribute, values]) => ({
			attribute,
			before: null,
			after: attribute === 'userAccountControl' ? Number(values[0]) : shapeValues(attribute, values),
		}));
		const passwordNote = generate ? ' with a generated initial password' : '';
		const status = options.enabled ? 'enabled' : 'disabled';
		if (context.dryRun) {
			return {
				result: 'done',
				message: `Would create ${status} account ${unique.sAMAccountName} (${plan.dn})${passwordNote}.`,
				changes,
				// No object exists in a dry run, so there is no objectGUID yet.
				account: plannedAccount(plan, options.enabled, config, ''),
			};
		}
		const password = generate ? generatePassword(length) : undefined;
		const attributes = [
			new Attribute({ type: 'objectClass', values: USER_OBJECT_CLASSES }),
			...plan.values.map(([type, values]) => new Attribute({ type, values })),
		];
		if (password !== undefined) attributes.push(new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(password)] }));
		try {
			await client.add(plan.dn, attributes);
		} catch (error) {
			if (!isCollision(error) || attempt >= MAX_ATTEMPTS) throw error;
			// Find what another writer took since the check; the next round skips it.
			let found = false;
			for (const [attribute, value] of Object.entries(unique) as Array<[keyof UniqueValues, string]>) {
				if (await isTakenInDirectory(client, config.connection.baseDn, attribute, value)) {
					markTaken(state, attribute, value);
					found = true;
				}
			}
			if (found) continue;
			// 68 with every value free: the DN itself exists (an object AD hides from the search).
			if (ldapCode(error) !== LdapCode.entryAlreadyExists) throw error;
			markTaken(state, unique.cn !== undefined ? 'cn' : 'sAMAccountName', unique.cn ?? unique.sAMAccountName ?? '');
			continue;
		}
		const account = (await readCreated(client, config, plan.dn)) ?? plannedAccount(plan, options.enabled, config, '');
		return {
			result: 'done',
			message: `Created ${status} account ${unique.sAMAccountName} in ${config.accounts.initialOu}${passwordNote}.`,
			changes,
			account,
			initialPassword: password,
		};
	}
}

/** The account just written, read back by its DN (the objectGUID exists only now). */
async function readCreated(client: Client, config: CompiledActiveDirectoryConfig, dn: string): Promise<TargetAccount | undefined> {
	const { searchEntries } = await client.search(dn, {
		scope: 'base',
		attributes: accountAttributes(config),
		explicitBufferAttributes: BINARY_ATTRIBUTES,
	});
	return searchEntries[0] ? toTargetAccount(searchEntries[0], config) : undefined;
}
