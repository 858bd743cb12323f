import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

import {
	ConnectorError,
	type AccountSubject,
	type ActionOutcome,
	type AttributeChange,
	type ConnectorContext,
	type PermissionRef,
	type TargetAccount,
	type TargetConnector,
} from '../../lib/enforcement';

interface StoredAccount extends TargetAccount {
	groups: string[];
}

/**
 * A directory kept in memory, or in a JSON file rewritten (atomically) after every change so
 * that a killed process leaves exactly the writes it finished: the engine's tests use it as
 * a target where no real one is needed.
 */
export class FakeDirectory {
	accounts = new Map<string, StoredAccount>();
	groups = new Set<string>();
	/** Refuse grants of groups not in `groups` (else a grant makes the group). */
	strictGroups = false;
	/** Every write, in order: [operation, account name]. */
	writes: Array<[string, string]> = [];

	constructor(private readonly file?: string) {
		if (file && existsSync(file)) {
			const saved = JSON.parse(readFileSync(file, 'utf8')) as { accounts: StoredAccount[]; groups: string[]; writes: Array<[string, string]> };
			this.accounts = new Map(saved.accounts.map((a) => [a.ref, a]));
			this.groups = new Set(saved.groups);
			this.writes = saved.writes;
		}
	}

	write(operation: string, name: string): void {
		this.writes.push([operation, name]);
		if (!this.file) return;
		writeFileSync(`${this.file}.tmp`, JSON.stringify({ accounts: [...this.accounts.values()], groups: [...this.groups], writes: this.writes }));
		renameSync(`${this.file}.tmp`, this.file);
	}

	byName(name: string): StoredAccount | undefined {
		return [...this.accounts.values()].find((a) => a.name.toLowerCase() === name.toLowerCase());
	}
}

export interface MemoryConnectorOptions {
	target?: string;
	/** Fail this many calls with a transient error first. */
	transientFailures?: number;
	/** Fail every call for persons with this external id, permanently. */
	failFor?: string;
	/** Wait this long after a write before returning (so a kill can land between the target write and the vault record). */
	delayAfterWriteMs?: number;
	/** Wait this long in every call (so calls overlap and the concurrency cap shows). */
	callMs?: number;
}

const clone = (account: StoredAccount): TargetAccount => ({
	ref: account.ref,
	name: account.name,
	enabled: account.enabled,
	container: account.container,
	attributes: { ...account.attributes },
});

/** Attributes the fake maps from a person: the employee number correlates. */
function mapped(subject: AccountSubject): Record<string, unknown> {
	return {
		employeeId: subject.person.externalId,
		displayName: subject.person.name.display ?? '',
		title: subject.contract?.title ?? null,
		department: subject.contract?.department?.code ?? null,
		manager: subject.manager?.account?.name ?? null,
	};
}

/** Calls seen: how many, the most at once, and when each started. */
export interface CallLog {
	calls: number;
	maxInFlight: number;
	startedAt: number[];
}

export function createMemoryConnector(directory: FakeDirectory, options: MemoryConnectorOptions = {}): TargetConnector & CallLog {
	let transientLeft = options.transientFailures ?? 0;
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	let inFlight = 0;
	// Every call is counted while it runs: the engine's limits are visible from here.
	const tracked = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			connector.startedAt.push(performance.now());
			connector.maxInFlight = Math.max(connector.maxInFlight, ++inFlight);
			try {
				if (options.callMs) await sleep(options.callMs);
				return await fn(...args);
			} finally {
				inFlight--;
			}
		};
	const enter = (subject?: AccountSubject) => {
		connector.calls++;
		if (transientLeft > 0) {
			transientLeft--;
			throw new ConnectorError('The directory is busy (try again)', true);
		}
		if (subject && options.failFor && subject.person.externalId === options.failFor) {
			throw new ConnectorError(`Constraint violation writing ${subject.person.externalId}`);
		}
	};
	const stored = (account: TargetAccount) => {
		const found = directory.accounts.get(account.ref);
		if (!found) throw new ConnectorError(`Account ${account.name} (${account.ref}) no longer exists`);
		return found;
	};
	const written = async (operation: string, account: StoredAccount, changes: AttributeChange[], message: string): Promise<ActionOutcome> => {
		directory.write(operation, account.name);
		if (options.delayAfterWriteMs) await sleep(options.delayAfterWriteMs);
		return { result: 'done', message, changes, account: clone(account) };
	};
	const setEnabled = async (account: TargetAccount, enabled: boolean, context: ConnectorContext): Promise<ActionOutcome> => {
		enter();
		const found = stored(account);
		const verb = enabled ? 'enabled' : 'disabled';
		if (found.enabled === enabled) return { result: 'noChange', message: `Already ${verb}`, changes: [], account: clone(found) };
		const changes = [{ attribute: 'enabled', before: !enabled, after: enabled }];
		if (context.dryRun) return { result: 'done', message: `Would be ${verb}`, changes };
		found.enabled = enabled;
		return await written(verb, found, changes, `Account ${verb}`);
	};

	const connector: TargetConnector & CallLog = {
		target: options.target ?? 'fake',
		calls: 0,
		maxInFlight: 0,
		startedAt: [],
		async correlate(subject) {
			enter(subject);
			return [...directory.accounts.values()].filter((a) => a.attributes.employeeId === subject.person.externalId).map(clone);
		},
		async create(subject, createOptions, context) {
			enter(subject);
			const given = (subject.person.name.given ?? '').toLowerCase();
			const family = (subject.person.name.family ?? '').toLowerCase().replace(/\s+/g, '');
			const base = `${given}.${family}`;
			let name = base;
			for (let n = 2; directory.byName(name) || !context.reserveUnique('name', name); n++) name = `${base}${n}`;
			const attributes = mapped(subject);
			const account: StoredAccount = { ref: randomUUID(), name, enabled: createOptions.enabled, container: 'users', attributes, groups: [] };
			const changes = Object.entries({ name, ...attributes }).map(([attribute, after]) => ({ attribute, before: null, after }));
			const initialPassword = `Pw-${randomUUID()}`;
			if (context.dryRun) return { result: 'done', message: `Would create ${name}`, changes, account: clone(account) };
			directory.accounts.set(account.ref, account);
			const outcome = await written('create', account, changes, `Created ${name}`);
			return { ...outcome, account: clone(account), initialPassword };
		},
		async update(account, subject, context) {
			enter(subject);
			const found = stored(account);
			const changes = Object.entries(mapped(subject))
				.filter(([attribute, value]) => found.attributes[attribute] !== value)
				.map(([attribute, after]) => ({ attribute, before: found.attributes[attribute] ?? null, after }));
			if (changes.length === 0) return { result: 'noChange', message: 'No changes', changes, account: clone(found) };
			if (context.dryRun) return { result: 'done', message: `Would update ${changes.map((c) => c.attribute).join(', ')}`, changes };
			for (const change of changes) found.attributes[change.attribute] = change.after;
			return await written('update', found, changes, `Updated ${changes.map((c) => c.attribute).join(', ')}`);
		},
		enable: (account, _subject, context) => setEnabled(account, true, context),
		disable: (account, _subject, context) => setEnabled(account, false, context),
		async move(account, container, context) {
			enter();
			const found = stored(account);
			if (found.container === container) return { result: 'noChange', message: `Already in ${container}`, changes: [], account: clone(found) };
			const changes = [{ attribute: 'container', before: found.container, after: container }];
			if (context.dryRun) return { result: 'done', message: `Would move to ${container}`, changes };
			found.container = container;
			return await written('move', found, changes, `Moved to ${container}`);
		},
		async delete(account, context) {
			enter();
			const found = directory.accounts.get(account.ref);
			if (!found) return { result: 'noChange', message: 'Already gone', changes: [] };
			if (context.dryRun) return { result: 'done', message: `Would delete ${found.name}`, changes: [] };
			directory.accounts.delete(found.ref);
			return { ...(await written('delete', found, [], `Deleted ${found.name}`)), account: undefined };
		},
		async grant(account, permission: PermissionRef, context) {
			enter();
			const found = stored(account);
			if (!directory.groups.has(permission.name)) {
				if (directory.strictGroups) throw new ConnectorError(`Group '${permission.name}' does not exist`);
				if (!context.dryRun) directory.groups.add(permission.name);
			}
			if (found.groups.includes(permission.name)) return { result: 'noChange', message: `Already a member of ${permission.name}`, changes: [] };
			const changes = [{ attribute: 'memberOf', before: null, after: permission.name }];
			if (context.dryRun) return { result: 'done', message: `Would add to ${permission.name}`, changes };
			found.groups.push(permission.name);
			return await written('grant', found, changes, `Added to ${permission.name}`);
		},
		async revoke(account, permission, context) {
			enter();
			const found = stored(account);
			if (!found.groups.includes(permission.name)) return { result: 'noChange', message: `Not a member of ${permission.name}`, changes: [] };
			const changes = [{ attribute: 'memberOf', before: permission.name, after: null }];
			if (context.dryRun) return { result: 'done', message: `Would remove from ${permission.name}`, changes };
			found.groups = found.groups.filter((g) => g !== permission.name);
			return await written('revoke', found, changes, `Removed from ${permission.name}`);
		},
		async *listAccounts() {
			yield* [...directory.accounts.values()].map(clone);
		},
		async *listPermissions() {
			yield* [...directory.groups].map((name) => ({ key: `group:${name}`, name }));
		},
		personCorrelationValue: (subject) => subject.person.externalId,
		accountCorrelationValue: (account) => (account.attributes.employeeId as string | undefined) ?? undefined,
		isTransient: (error) => error instanceof ConnectorError && error.transient,
		async close() {},
	};
	for (const name of ['correlate', 'create', 'update', 'enable', 'disable', 'move', 'delete', 'grant', 'revoke'] as const) {
		(connector as unknown as Record<string, unknown>)[name] = tracked((connector[name] as (...args: unknown[]) => Promise<unknown>).bind(connector));
	}
	return connector;
}
