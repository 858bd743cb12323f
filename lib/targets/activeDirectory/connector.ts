import type { Client, Entry } from 'ldapts';

import {
	ConnectorError,
	type AccountSubject,
	type ActionOutcome,
	type ConnectorContext,
	type CreateOptions,
	type CreateOutcome,
	type PermissionRef,
	type TargetAccount,
	type TargetConnector,
} from '../../enforcement/connector';
import { accountAttributes, describeAccount, describePerson, entryValue, ldapValues, toTargetAccount } from './attributes';
import { validateActiveDirectoryConfig, type ActiveDirectoryConfig, type CompiledActiveDirectoryConfig } from './config';
import { openClient, searchPaged } from './connection';
import { createAccount, mappingContext } from './create';
import { errorMessage, isTransientLdapError, toConnectorError } from './errors';
import { isGuid } from './guid';
import { setMembership } from './groups';
import { deleteAccount, moveAccount, setEnabled } from './lifecycle';
import { findCorrelated, USERS } from './read';
import { updateAccount } from './update';

/**
 * The Active Directory target (DESIGN "Targets"): LDAPS or StartTLS through ldapts, one bound
 * connection shared by all actions (reopened when it drops), every value escaped, accounts
 * referred to by objectGUID.
 */
class ActiveDirectoryConnector implements TargetConnector {
	readonly target: string;
	private current?: Promise<Client>;

	constructor(private readonly config: CompiledActiveDirectoryConfig) {
		this.target = config.target;
	}

	/** The shared bound client; a dropped or failed one is replaced by a new connection. */
	private async client(): Promise<Client> {
		const pending = this.current;
		if (pending) {
			const client = await pending.catch(() => undefined);
			if (client?.isBound) return client;
			if (this.current !== pending) return await this.client();
			this.current = undefined;
		}
		this.current = openClient(this.config.connection).then((opened) => opened.client);
		return await this.current;
	}

	private async discard(client: Client): Promise<void> {
		const current = await this.current?.catch(() => undefined);
		if (current === client) this.current = undefined;
		await client.unbind().catch(() => undefined);
	}

	/** Runs one action on the shared client; failures become ConnectorErrors that start with `what`. */
	private async run<T>(what: string, fn: (client: Client) => Promise<T>, account?: TargetAccount): Promise<T> {
		if (account && !isGuid(account.ref)) {
			throw new ConnectorError(`${what}: its ref "${account.ref}" is not an objectGUID; Active Directory accounts are referred to by their GUID.`);
		}
		let client: Client;
		try {
			client = await this.client();
		} catch (error) {
			const message = errorMessage(error);
			const failure = new ConnectorError(`${what}: ${message}`, isTransientLdapError(error));
			failure.cause = error;
			throw failure;
		}
		try {
			return await fn(client);
		} catch (error) {
			// A dropped connection is replaced on the next call (the engine retries transient errors).
			if (isTransientLdapError(error)) await this.discard(client);
			throw toConnectorError(what, error);
		}
	}

	personCorrelationValue(subject: AccountSubject): string | undefined {
		return ldapValues(this.config.accounts.correlation.value(mappingContext(subject)))[0];
	}

	accountCorrelationValue(account: TargetAccount): string | undefined {
		const wanted = this.config.accounts.correlation.attribute.toLowerCase();
		for (const [name, value] of Object.entries(account.attributes)) {
			if (name.toLowerCase() === wanted) return ldapValues(value)[0];
		}
		return undefined;
	}

	private requireCorrelationValue(subject: AccountSubject): string {
		const value = this.personCorrelationValue(subject);
		if (value === undefined) {
			const { personField, attribute } = this.config.accounts.correlation;
			throw new ConnectorError(`${describePerson(subject)} has no value for ${personField}, so no account can be matched by ${attribute}.`);
		}
		return value;
	}

	async correlate(subject: AccountSubject): Promise<TargetAccount[]> {
		const value = this.requireCorrelationValue(subject);
		const { attribute } = this.config.accounts.correlation;
		return await this.run(`Cannot look up the account of ${describePerson(subject)} by ${attribute}`, (client) =>
			findCorrelated(client, this.config, value),
		);
	}

	async create(subject: AccountSubject, options: CreateOptions, context: ConnectorContext): Promise<CreateOutcome> {
		const value = this.requireCorrelationValue(subject);
		return await this.run(`Cannot create the account of ${describePerson(subject)} in ${this.config.accounts.initialOu}`, (client) =>
			createAccount(client, this.config, subject, options, context, value),
		);
	}

	async update(account: TargetAccount, subject: AccountSubject, context: ConnectorContext): Promise<ActionOutcome> {
		const attributes = this.config.accounts.attributes.filter((attribute) => !attribute.onCreateOnly).map((attribute) => attribute.name);
		if (this.config.accounts.setManager) attributes.push('manager');
		return await this.run(
			`Cannot update ${attributes.join(', ')} of ${describeAccount(account)} (${describePerson(subject)})`,
			(client) => updateAccount(client, this.config, account, subject, context),
			account,
		);
	}

	async enable(account: TargetAccount, _subject: AccountSubject, context: ConnectorContext): Promise<ActionOutcome> {
		return await this.run(`Cannot enable ${describeAccount(account)}`, (client) => setEnabled(client, this.config, account, true, context), account);
	}

	async disable(account: TargetAccount, _subject: AccountSubject, context: ConnectorContext): Promise<ActionOutcome> {
		return await this.run(`Cannot disable ${describeAccount(account)}`, (client) => setEnabled(client, this.config, account, false, context), account);
	}

	async move(account: TargetAccount, container: string, context: ConnectorContext): Promise<ActionOutcome> {
		return await this.run(`Cannot move ${describeAccount(account)} to ${container}`, (client) =>
			moveAccount(client, this.config, account, container, context), account);
	}

	async delete(account: TargetAccount, context: ConnectorContext): Promise<ActionOutcome> {
		return await this.run(`Cannot delete ${describeAccount(account)}`, (client) => deleteAccount(client, this.config, account, context), account);
	}

	async grant(account: TargetAccount, permission: PermissionRef, context: ConnectorContext): Promise<ActionOutcome> {
		return await this.run(`Cannot add ${describeAccount(account)} to group ${permission.name}`, (client) =>
			setMembership(client, this.config, account, permission, true, context), account);
	}

	async revoke(account: TargetAccount, permission: PermissionRef, context: ConnectorContext): Promise<ActionOutcome> {
		return await this.run(`Cannot remove ${describeAccount(account)} from group ${permission.name}`, (client) =>
			setMembership(client, this.config, account, permission, false, context), account);
	}

	/** Pages through users on a connection of its own, so a slow reader does not hold up actions. */
	async *listAccounts(): AsyncIterable<TargetAccount> {
		const base = this.config.accounts.searchBase;
		for await (const entry of this.pages(`Cannot list the accounts under ${base}`, base, USERS, accountAttributes(this.config))) {
			yield toTargetAccount(entry, this.config);
		}
	}

	async *listPermissions(): AsyncIterable<PermissionRef> {
		const base = this.config.groups.searchBase;
		for await (const entry of this.pages(`Cannot list the groups under ${base}`, base, '(objectClass=group)', ['cn'])) {
			const name = entryValue(entry, 'cn') ?? entry.dn;
			yield { key: `group:${name}`, name };
		}
	}

	private async *pages(what: string, base: string, filter: string, attributes: string[]): AsyncGenerator<Entry> {
		let opened;
		try {
			opened = await openClient(this.config.connection);
		} catch (error) {
			throw toConnectorError(what, error);
		}
		try {
			yield* searchPaged(opened.client, base, { filter, attributes });
		} catch (error) {
			throw toConnectorError(what, error);
		} finally {
			await opened.client.unbind().catch(() => undefined);
		}
	}

	isTransient(error: unknown): boolean {
		return isTransientLdapError(error);
	}

	async close(): Promise<void> {
		const current = await this.current?.catch(() => undefined);
		this.current = undefined;
		await current?.unbind().catch(() => undefined);
	}
}

/** The Active Directory connector for the enforcement engine. Throws ActiveDirectoryConfigError for a bad configuration. */
export function createActiveDirectoryConnector(config: ActiveDirectoryConfig): TargetConnector {
	return new ActiveDirectoryConnector(validateActiveDirectoryConfig(config));
}
