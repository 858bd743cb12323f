import type { DesiredEntitlement } from '../rules/model';
import type { AccountState, EntitlementKind, PlanStatus } from '../vault/schema';

/** What a plan asks a target to do (DESIGN.md: the connector interface). */
export type ActionKind = 'create' | 'correlate' | 'update' | 'enable' | 'disable' | 'move' | 'delete' | 'grant' | 'revoke';

export const ACTION_KINDS: readonly ActionKind[] = ['create', 'correlate', 'update', 'enable', 'disable', 'move', 'delete', 'grant', 'revoke'];

/**
 * Execution phase of each kind: seq orders a plan phase by phase, so every create comes before
 * any grant (a group needs its member) and every disable before any delete (leavers are
 * disabled before anything is deleted), across all persons of a target.
 */
export const ACTION_PHASE: Record<ActionKind, number> = {
	create: 0,
	correlate: 0,
	enable: 1,
	update: 2,
	move: 3,
	grant: 4,
	revoke: 5,
	disable: 6,
	delete: 7,
};

/** An account the vault links to a person (a row of `accounts`). */
export interface GrantedAccount {
	id: string;
	/** The person record (persons.id) the account is linked to. */
	personId: string;
	target: string;
	accountRef: string;
	state: AccountState;
	createdAt: string;
	/** When enforcement last wrote the account. */
	updatedAt: string;
}

/** A group, permission or product the vault records as granted (a row of `granted_entitlements`). */
export interface GrantedItem {
	target: string;
	kind: EntitlementKind;
	/** The DesiredEntitlement key it was granted for: 'group:<name or id>', 'product:<id>'. */
	key: string;
	name: string;
}

/** Everything the plan of one person depends on. */
export interface PersonPlanInput {
	/** The person's id in the plan (the aggregated person's survivor id). */
	personId: string;
	/** YYYY-MM-DD: actions due after it are left out. */
	asOf: string;
	desired: readonly DesiredEntitlement[];
	accounts: readonly GrantedAccount[];
	granted: readonly GrantedItem[];
	/**
	 * True when the vault's grant summary says the person holds exactly the desired groups,
	 * permissions and products (then `granted` is left unread, and none is granted or revoked).
	 */
	grantsAsDesired?: boolean;
	/** Latest change to the person's data (records updated, merged or unmerged); null: unknown. */
	personChangedAt: string | null;
	/**
	 * For targets whose live account no rule wants on asOf: the account entitlement the rules
	 * gave on the person's last contract day, if any. Rules stop wanting an account on its
	 * delete date, so its deleteOn (when reached) says the account is to be deleted rather
	 * than only disabled.
	 */
	endedAccounts?: readonly DesiredEntitlement[];
	/** Targets where a missing account is correlated (linked to an existing target account) instead of created. */
	correlate?: ReadonlySet<string>;
	/** Only these targets; default every target. */
	targets?: ReadonlySet<string>;
}

/** What an action is about, stored as plan_actions.entitlement. */
export interface ActionEntitlement {
	type: 'account' | 'permission' | 'product' | EntitlementKind;
	key: string;
	name: string;
	/** Account actions: the vault's account id when the account exists. */
	accountId?: string;
	/** create / correlate: whether the new account starts enabled. */
	enabled?: boolean;
	createOn?: string;
	enableOn?: string | null;
	disableOn?: string | null;
	deleteOn?: string | null;
}

/** One action of a plan before it is stored. */
export interface PlannedAction {
	personId: string;
	target: string;
	action: ActionKind;
	entitlement: ActionEntitlement;
	reason: string;
	/** YYYY-MM-DD, on or before the plan's as-of date. */
	dueDate: string;
	/** The target's account reference, when the account exists. */
	accountRef: string | null;
}

/** What the diff of one person found besides actions. */
export interface PersonPlan {
	actions: PlannedAction[];
	/** Products granted but no longer desired: HelloID cannot revoke them, so no action. */
	productsNotRevoked: number;
}

/** A threshold on one action kind in one target ('*': each target on its own). */
export interface TargetThreshold {
	target: string;
	action: ActionKind;
	/** Most actions allowed. */
	max?: number;
	/** Most actions allowed as a percentage of the target's managed (not deleted) accounts. */
	maxPercent?: number;
}

export interface ThresholdBreach {
	target: string;
	action: ActionKind;
	count: number;
	managedAccounts: number;
	max?: number;
	maxPercent?: number;
	/** count as a percentage of managedAccounts; null when the target has none. */
	percent: number | null;
	message: string;
}

/** Counts of actions per target and kind. */
export type ActionCounts = Record<string, Partial<Record<ActionKind, number>>>;

export interface PlanSummary {
	/** Persons with at least one active record (aggregated persons). */
	persons: number;
	/** Persons with at least one action in the plan. */
	personsAffected: number;
	/** Persons kept out of the rules because a record of theirs is blocked (missing or invalid HR data). */
	blocked: number;
	/** Persons excluded by an admin: kept as they are. */
	excluded: number;
	totalActions: number;
	actions: ActionCounts;
	/** Self-service products no rule grants any more: HelloID cannot revoke them (revoke by hand). */
	productsNotRevoked: number;
}

export type RuleSetChoice = 'published' | 'draft' | number;

export interface EvaluateOptions {
	/** Which rule set: the published one (default), the draft, or a version number. */
	ruleSet?: RuleSetChoice;
	/** YYYY-MM-DD; default today (UTC). A future date previews the actions due by then. */
	asOf?: string;
	/** Only these targets; default all. */
	targets?: readonly string[];
	/** 'incremental' re-evaluates only persons changed since the last plan (falls back to full when it cannot). Default 'full'. */
	mode?: 'full' | 'incremental';
	/** Actions returned in the result (all are stored). Default 100. */
	maxItems?: number;
	thresholds?: readonly TargetThreshold[];
	/** Targets where a person without an account gets `correlate` instead of `create`. */
	correlate?: readonly string[];
	/** Persons read per round trip. Default 250. */
	pageSize?: number;
	/**
	 * A full evaluation of a SQLite file vault shares its pages with a worker thread (the second
	 * core; each thread takes the next page nobody has taken) when the vault holds 20,000 person
	 * records or more. true: from 2 pages; false: never.
	 */
	parallel?: boolean;
}

/** An action as the node shows it. */
export interface PlanActionView {
	planId: string;
	seq: number;
	personId: string;
	personName: string | null;
	target: string;
	action: ActionKind;
	key: string;
	name: string;
	reason: string;
	dueDate: string;
	status: string;
	accountRef: string | null;
	entitlement: ActionEntitlement;
}

export interface EvaluationResult {
	planId: string;
	status: PlanStatus;
	asOf: string;
	createdAt: string;
	ruleSet: { id: string; version: number; status: string };
	snapshotId: string | null;
	/** How the plan was made: 'incremental' only when an earlier plan could be built on. */
	mode: 'full' | 'incremental';
	/** Why an incremental evaluation evaluated everyone, when it did. */
	fullReason?: string;
	/** Persons whose plan was computed this time (everyone in full mode). */
	evaluated: number;
	/** Threads that planned: 2 when a worker thread shared the pages (see EvaluateOptions.parallel). */
	threads: number;
	/** True when the plan is a preview (its rule set is not the published one): it supersedes nothing and cannot be enforced. */
	preview: boolean;
	summary: PlanSummary;
	thresholds: ThresholdBreach[];
	/** The plans this one superseded. */
	superseded: string[];
	approvedBy: string | null;
	approvedAt: string | null;
	/** The first maxItems actions in seq order. */
	actions: PlanActionView[];
}
