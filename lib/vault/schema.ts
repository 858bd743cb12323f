import type { Generated, Selectable } from 'kysely';

// Column conventions, the same on SQLite and PostgreSQL so one query works on both:
// ids are text (crypto.randomUUID()), timestamps ISO-8601 UTC text, dates 'YYYY-MM-DD' text,
// booleans integer 0/1, JSON documents text (the caller runs JSON.stringify / JSON.parse).

/** ISO-8601 UTC timestamp, e.g. '2025-03-01T08:00:00.000Z' (new Date().toISOString()). */
export type Timestamp = string;
/** Calendar date 'YYYY-MM-DD'. */
export type DateText = string;
/** A JSON document serialized with JSON.stringify. */
export type JsonText = string;
/** A boolean stored as an integer. */
export type Flag = 0 | 1;

export type ImportKind = 'full' | 'single';
export type ImportStatus = 'running' | 'held' | 'applied' | 'failed' | 'rejected';
export type RecordType = 'person' | 'department';
export type PersonStatus = 'active' | 'gone';
export type MergeDecision = 'auto' | 'admin';
export type SuggestionStatus = 'open' | 'accepted' | 'rejected';
export type RuleSetStatus = 'draft' | 'published' | 'superseded';
export type PlanStatus = 'ready' | 'blocked' | 'approved' | 'enforcing' | 'done' | 'superseded';
export type PlanActionStatus = 'pending' | 'claimed' | 'done' | 'failed' | 'skipped';
export type AccountState = 'pending' | 'enabled' | 'disabled' | 'deleted';
export type EntitlementKind = 'group' | 'permission' | 'product';

export interface SourcesTable {
	id: string;
	name: string;
	priority: Generated<number>;
	settings: JsonText | null;
	created_at: Timestamp;
}

export interface ImportsTable {
	id: string;
	source_id: string;
	kind: ImportKind;
	status: ImportStatus;
	started_at: Timestamp;
	finished_at: Timestamp | null;
	row_count: number;
	error_count: number;
	stats: JsonText;
	hold_reason: string | null;
	snapshot_id: string | null;
}

export interface RawRecordsTable {
	import_id: string;
	row_no: number;
	record_type: RecordType;
	external_id: string | null;
	/** 1 when mapping or validation found an error in the row (it blocks its person). */
	has_error: Flag;
	/** Two 40-bit parts of the raw row's hash (see lib/import/rowHash.ts). */
	h1: number;
	h2: number;
	data: JsonText;
}

export interface SnapshotsTable {
	id: string;
	seq: number;
	created_at: Timestamp;
	import_ids: JsonText;
	stats: JsonText;
}

export interface PersonsTable {
	id: string;
	source_id: string;
	external_id: string;
	/** The surviving person's id when aggregation merged this one into it. */
	merged_into: string | null;
	display_name: string;
	given_name: string;
	family_name: string;
	birth_date: DateText | null;
	email: string | null;
	phone: string | null;
	national_id: string | null;
	/** The full person document. */
	data: JsonText;
	/** Sums of the h1/h2 parts and the count of the raw rows the person was last built from. */
	input_h1: number | null;
	input_h2: number | null;
	input_rows: number | null;
	blocked_reason: string | null;
	status: PersonStatus;
	first_seen_snapshot: string;
	last_seen_snapshot: string;
	updated_at: Timestamp;
}

export interface ContractsTable {
	id: string;
	person_id: string;
	source_id: string;
	external_id: string;
	start_date: DateText | null;
	end_date: DateText | null;
	title: string | null;
	department_code: string | null;
	department_name: string | null;
	manager_external_id: string | null;
	cost_centre: string | null;
	location: string | null;
	employer: string | null;
	fte: number | null;
	type: string | null;
	is_primary: Flag;
	data: JsonText;
}

export interface DepartmentsTable {
	source_id: string;
	code: string;
	name: string;
	parent_code: string | null;
	manager_external_id: string | null;
}

export interface PersonChangesTable {
	snapshot_id: string;
	person_id: string;
	/** joiner, leaver, rehire, changed ... */
	kind: string;
	before: JsonText | null;
	after: JsonText | null;
}

export interface MergesTable {
	id: string;
	survivor_id: string;
	merged_id: string;
	rule: string;
	score: number;
	decided_by: MergeDecision;
	created_at: Timestamp;
	undone_at: Timestamp | null;
}

export interface MergeSuggestionsTable {
	id: string;
	person_a: string;
	person_b: string;
	score: number;
	rules: JsonText;
	status: SuggestionStatus;
	created_at: Timestamp;
	decided_at: Timestamp | null;
}

export interface NeverMergeTable {
	person_a: string;
	person_b: string;
	reason: string | null;
	created_at: Timestamp;
}

export interface RuleSetsTable {
	id: string;
	version: number;
	status: RuleSetStatus;
	document: JsonText;
	note: string | null;
	created_at: Timestamp;
	published_at: Timestamp | null;
}

export interface ExclusionsTable {
	person_id: string;
	reason: string;
	created_at: Timestamp;
}

export interface PlansTable {
	id: string;
	created_at: Timestamp;
	as_of: DateText;
	rule_set_id: string;
	snapshot_id: string | null;
	status: PlanStatus;
	summary: JsonText;
	blocked_reason: JsonText | null;
	approved_by: string | null;
	approved_at: Timestamp | null;
}

export interface PlanActionsTable {
	id: string;
	plan_id: string;
	/** Execution order within the plan. */
	seq: number;
	person_id: string;
	target: string;
	/** create, correlate, update, enable, disable, move, delete, grant, revoke */
	action: string;
	entitlement: JsonText | null;
	reason: string;
	due_date: DateText;
	status: PlanActionStatus;
	attempts: Generated<number>;
	claimed_by: string | null;
	claimed_at: Timestamp | null;
	result: JsonText | null;
	account_ref: string | null;
	error: string | null;
	updated_at: Timestamp;
}

export interface AccountsTable {
	id: string;
	person_id: string;
	target: string;
	/** The account's id in the target (objectGUID, Google user id ...). */
	account_ref: string;
	state: AccountState;
	data: JsonText;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface GrantedEntitlementsTable {
	id: string;
	person_id: string;
	target: string;
	kind: EntitlementKind;
	entitlement_key: string;
	entitlement_name: string;
	account_id: string | null;
	granted_at: Timestamp;
	plan_action_id: string | null;
}

/** What a person record holds, kept by triggers (migration 0005): its grants' count and signature, its accounts' states. */
export interface HoldingsTable {
	person_id: string;
	grants: number;
	signature: number;
	/** JSON: [[target, state, updated_at], ...] of the record's accounts, by target, state and id. */
	accounts: string;
}

export interface AuditLogTable {
	/** Integer identity: the order entries were written in. */
	id: Generated<number>;
	at: Timestamp;
	person_id: string | null;
	target: string | null;
	plan_id: string | null;
	action_id: string | null;
	action: string;
	message: string;
	is_error: Flag;
	before: JsonText | null;
	after: JsonText | null;
}

export interface LocksTable {
	name: string;
	owner: string;
	acquired_at: Timestamp;
	expires_at: Timestamp;
}

export interface VaultSchema {
	sources: SourcesTable;
	imports: ImportsTable;
	raw_records: RawRecordsTable;
	/** A running import's rows: a temporary table of the import's transaction (lib/import/stagingTable.ts), never migrated. */
	staged_rows: RawRecordsTable;
	snapshots: SnapshotsTable;
	persons: PersonsTable;
	contracts: ContractsTable;
	departments: DepartmentsTable;
	person_changes: PersonChangesTable;
	merges: MergesTable;
	merge_suggestions: MergeSuggestionsTable;
	never_merge: NeverMergeTable;
	rule_sets: RuleSetsTable;
	exclusions: ExclusionsTable;
	plans: PlansTable;
	plan_actions: PlanActionsTable;
	accounts: AccountsTable;
	granted_entitlements: GrantedEntitlementsTable;
	audit_log: AuditLogTable;
	locks: LocksTable;
	holdings: HoldingsTable;
}

export type VaultTable = keyof VaultSchema & string;

/** Every table the migrations create, in creation order. */
export const VAULT_TABLES: readonly VaultTable[] = [
	'sources',
	'imports',
	'raw_records',
	'snapshots',
	'persons',
	'contracts',
	'departments',
	'person_changes',
	'merges',
	'merge_suggestions',
	'never_merge',
	'rule_sets',
	'exclusions',
	'plans',
	'plan_actions',
	'accounts',
	'granted_entitlements',
	'audit_log',
	'locks',
	'holdings',
];

export type SourceRow = Selectable<SourcesTable>;
export type ImportRow = Selectable<ImportsTable>;
export type RawRecordRow = Selectable<RawRecordsTable>;
export type SnapshotRow = Selectable<SnapshotsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type ContractRow = Selectable<ContractsTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type PersonChangeRow = Selectable<PersonChangesTable>;
export type MergeRow = Selectable<MergesTable>;
export type MergeSuggestionRow = Selectable<MergeSuggestionsTable>;
export type NeverMergeRow = Selectable<NeverMergeTable>;
export type RuleSetRow = Selectable<RuleSetsTable>;
export type ExclusionRow = Selectable<ExclusionsTable>;
export type PlanRow = Selectable<PlansTable>;
export type PlanActionRow = Selectable<PlanActionsTable>;
export type AccountRow = Selectable<AccountsTable>;
export type GrantedEntitlementRow = Selectable<GrantedEntitlementsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type LockRow = Selectable<LocksTable>;

/** One audit log entry as callers write it; appendAudit fills `at` and serializes before/after. */
export interface AuditEntry {
	/** Defaults to now. */
	at?: Timestamp;
	person_id?: string | null;
	target?: string | null;
	plan_id?: string | null;
	action_id?: string | null;
	action: string;
	message: string;
	is_error: boolean;
	/** Any JSON-serializable value; never secrets. */
	before?: unknown;
	after?: unknown;
}
