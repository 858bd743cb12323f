import type { AggregatedContract, AggregatedPerson } from '../aggregation/aggregatedPersons';

/**
 * The one interface every target speaks (DESIGN.md "Targets"). The enforcement engine
 * (lib/enforcement) claims, retries, journals and records; a connector only talks to its
 * system. Every writing method honours `context.dryRun`: it then computes and returns exactly
 * the changes it would write, reading the target if it must, and writes nothing.
 */
export interface TargetConnector {
	/** The target's name in rules and plans, e.g. 'activeDirectory'. */
	readonly target: string;

	/** The target's accounts that belong to the subject by the correlation attribute: none, one or several. */
	correlate(subject: AccountSubject): Promise<TargetAccount[]>;
	/** Creates the account (unique values resolved, initial password set when the target has one). */
	create(subject: AccountSubject, options: CreateOptions, context: ConnectorContext): Promise<CreateOutcome>;
	/** Writes the attributes that differ from the account's current values; `noChange` when none do. */
	update(account: TargetAccount, subject: AccountSubject, context: ConnectorContext): Promise<ActionOutcome>;
	/** Enables the account (and moves it to the enabled container when configured); `noChange` when already enabled. */
	enable(account: TargetAccount, subject: AccountSubject, context: ConnectorContext): Promise<ActionOutcome>;
	/** Disables the account (and moves it to the disabled container when configured); `noChange` when already disabled. */
	disable(account: TargetAccount, subject: AccountSubject, context: ConnectorContext): Promise<ActionOutcome>;
	/** Moves the account to another container (AD OU, Google org unit). */
	move(account: TargetAccount, container: string, context: ConnectorContext): Promise<ActionOutcome>;
	/** Deletes the account; `noChange` when it is already gone. */
	delete(account: TargetAccount, context: ConnectorContext): Promise<ActionOutcome>;
	/** Adds the account to a group / gives it a permission; `noChange` when it already has it. */
	grant(account: TargetAccount, permission: PermissionRef, context: ConnectorContext): Promise<ActionOutcome>;
	/** Removes the account from a group / takes a permission; `noChange` when it did not have it. */
	revoke(account: TargetAccount, permission: PermissionRef, context: ConnectorContext): Promise<ActionOutcome>;

	/** Every account in the connector's scope, read a page at a time. */
	listAccounts(): AsyncIterable<TargetAccount>;
	/** Every group / permission in scope, read a page at a time. */
	listPermissions(): AsyncIterable<PermissionRef>;

	/** The value a person is correlated by (e.g. the employee number), or undefined when it has none. */
	personCorrelationValue(subject: AccountSubject): string | undefined;
	/** The account's value of the correlation attribute (e.g. employeeID), or undefined. */
	accountCorrelationValue(account: TargetAccount): string | undefined;

	/** True for errors worth retrying (busy, unavailable, timeout, throttled); the engine retries them with backoff. */
	isTransient(error: unknown): boolean;
	/** Releases connections. Called once when the engine is done. */
	close(): Promise<void>;
}

/** An account as the target has it, or as the vault last saw it (accounts.data). */
export interface TargetAccount {
	/** Stable reference in the target that survives renames and moves (AD: objectGUID). */
	ref: string;
	/** What people call it: sAMAccountName, primary e-mail. */
	name: string;
	enabled: boolean;
	/** Where it lives: an AD OU's DN, a Google org unit path. */
	container?: string;
	/** The managed attributes, never secrets. */
	attributes: Record<string, unknown>;
}

/** The person an action is for, with what its account mapping may read. */
export interface AccountSubject {
	/** The aggregated person (survivor id, fields by source priority, contracts of every record). */
	person: AggregatedPerson;
	/** The primary contract (or the first active one) the mapping reads as `contract`. */
	contract: AggregatedContract | undefined;
	/** The person's manager and the manager's account in this target, when they exist. */
	manager: { person: AggregatedPerson; account: TargetAccount | null } | null;
}

/** A group or permission by the name or id a rule gave. */
export interface PermissionRef {
	/** The plan's key, e.g. 'group:GRP-SALES'. */
	key: string;
	/** The rule's group name, DN or id. */
	name: string;
}

export interface CreateOptions {
	/** Whether the account starts enabled (false: it is enabled on the start date by a later action). */
	enabled: boolean;
}

export interface ConnectorContext {
	/** Compute and report the changes, write nothing. */
	dryRun: boolean;
	/**
	 * Claims a unique value (sAMAccountName, mail ...) for this run: false when an account in
	 * the vault or another create of this run already holds it. The connector checks the
	 * target itself as well.
	 */
	reserveUnique(attribute: string, value: string): boolean;
}

/** One attribute written (or, in a dry run, to be written). */
export interface AttributeChange {
	attribute: string;
	before: unknown;
	after: unknown;
}

export interface ActionOutcome {
	/** 'noChange': the target already was as wanted (already a member, already disabled, nothing to update). */
	result: 'done' | 'noChange';
	/** A short sentence for the audit log and the event item, e.g. "Disabled and moved to OU=Disabled". */
	message: string;
	changes: AttributeChange[];
	/** The account as it is after the action, when the connector knows it (recorded as the vault's last known data). */
	account?: TargetAccount;
}

export interface CreateOutcome extends ActionOutcome {
	account: TargetAccount;
	/** The generated initial password: only ever handed to the event item, never stored or logged. */
	initialPassword?: string;
}

/** An error the target reported for one action, with a message a person can act on. */
export class ConnectorError extends Error {
	constructor(
		message: string,
		readonly transient = false,
	) {
		super(message);
		this.name = 'ConnectorError';
	}
}
