import type { ActionKind } from '../evaluation/types';
import type { AttributeChange } from './connector';

export interface EnforceOptions {
	planId: string;
	/** Preview: compute what would be written, write nothing to the target or the vault. */
	dryRun?: boolean;
	/** Actions due on or before this date (YYYY-MM-DD) are carried out; default today (UTC). */
	asOf?: string;
	/** Only the actions of these persons (any of their record ids), e.g. the one person an HR webhook named. */
	personIds?: readonly string[];
	/** Only these action kinds, e.g. ['delete'] for the leaver clean-up. */
	actions?: readonly ActionKind[];
	/** Calls to the target at the same time. Default 4. */
	concurrency?: number;
	/** Most calls to the target per second (0: no limit). Default 0. */
	ratePerSecond?: number;
	/** Tries per action for transient errors (busy, unavailable, timeouts). Default 5. */
	maxAttempts?: number;
	/** First retry delay; doubled each try (with full jitter) up to retryMaxDelayMs. Default 500. */
	retryDelayMs?: number;
	retryMaxDelayMs?: number;
	/** Actions claimed per round trip. Default 50. */
	batchSize?: number;
	/** How long the run lock holds without renewal; a run that dies holds its target this long. Default 120 s. */
	lockTtlMs?: number;
	/** How long to wait for another run on the same target to finish before giving up. Default 0: refuse at once. */
	waitForLockMs?: number;
	/** Who enforces: recorded on claims and in the lock. Default a fresh id per run. */
	worker?: string;
	/** Event items returned (all are counted). Default 100. */
	maxEvents?: number;
	/** Put a generated initial password into the 'accountCreated' event item (only there: never stored or logged). */
	includeInitialPassword?: boolean;
}

export type ActionStatus = 'done' | 'noChange' | 'failed' | 'skipped';

/** What happened to one action (in a preview: what would happen). */
export interface ActionReport {
	actionId: string;
	seq: number;
	personId: string;
	target: string;
	action: ActionKind;
	entitlement: string;
	status: ActionStatus;
	message: string;
	changes: AttributeChange[];
	accountRef: string | null;
	attempts: number;
}

export type EnforcementEventKind =
	| 'accountCreated'
	| 'accountCorrelated'
	| 'accountUpdated'
	| 'accountEnabled'
	| 'accountDisabled'
	| 'accountDeleted'
	| 'accountMoved'
	| 'permissionGranted'
	| 'permissionRevoked'
	| 'actionFailed';

/** One notable change, shaped for n8n's e-mail and chat nodes. */
export interface EnforcementEvent {
	event: EnforcementEventKind;
	target: string;
	planId: string;
	personId: string;
	personName: string;
	externalId: string;
	/** The account's name (e.g. the generated username) and reference. */
	account: string | null;
	accountRef: string | null;
	manager: { name: string; account: string | null } | null;
	/** Group or permission for grants and revokes. */
	permission?: string;
	message: string;
	changes: AttributeChange[];
	/** Only with includeInitialPassword, only on 'accountCreated'. */
	initialPassword?: string;
	dryRun: boolean;
}

export interface EnforcementSummary {
	planId: string;
	target: string;
	dryRun: boolean;
	/** Actions handled in this run. */
	actions: number;
	done: number;
	noChange: number;
	failed: number;
	skipped: number;
	/** Per action kind: how many ended in each status. */
	byAction: Partial<Record<ActionKind, Partial<Record<ActionStatus, number>>>>;
	/** Due actions of this target still pending after the run (none unless stopped early). */
	remaining: number;
	/** Manager attributes set after the manager's account was created in the same run. */
	managersSet: number;
	events: number;
	eventsOmitted: number;
	durationMs: number;
}

export interface EnforcementResult {
	summary: EnforcementSummary;
	events: EnforcementEvent[];
	/** Every action's report in a preview; in a real run only the failed ones. */
	reports: ActionReport[];
}
