import { sql, type Kysely } from 'kysely';
import type { VaultBackend } from '../types';

// Column types chosen to behave alike on both backends: 'double precision' is a REAL on SQLite
// and a float8 on PostgreSQL (float4 'real' would round 0.123456789 on PostgreSQL).
const REAL = 'double precision';

// A migration sees the schema as it was when it was written, not today's VaultSchema.
export async function up(db: Kysely<unknown>, backend: VaultBackend): Promise<void> {
	const schema = db.schema;

	await schema
		.createTable('sources')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('priority', 'integer', (c) => c.notNull().defaultTo(100))
		.addColumn('settings', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await schema
		.createTable('imports')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('finished_at', 'text')
		.addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('stats', 'text', (c) => c.notNull())
		.addColumn('hold_reason', 'text')
		.addColumn('snapshot_id', 'text')
		.execute();
	await schema.createIndex('imports_source_status_started_idx').on('imports').columns(['source_id', 'status', 'started_at']).execute();

	await schema
		.createTable('raw_records')
		.addColumn('import_id', 'text', (c) => c.notNull())
		.addColumn('row_no', 'integer', (c) => c.notNull())
		.addColumn('record_type', 'text', (c) => c.notNull())
		.addColumn('external_id', 'text')
		.addColumn('has_error', 'integer', (c) => c.notNull().defaultTo(0))
		// Two 40-bit parts of the row's hash: their sums per person tell an unchanged person
		// without reading its rows (sums stay exact in a JavaScript number and a bigint).
		.addColumn('h1', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('h2', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('data', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('raw_records_pk', ['import_id', 'row_no'])
		.execute();
	// Applying an import walks its records grouped by person key, and finds gone persons by key.
	await schema
		.createIndex('raw_records_import_key_idx')
		.on('raw_records')
		.columns(['import_id', 'record_type', 'external_id'])
		.execute();

	await schema
		.createTable('snapshots')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('seq', 'integer', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('import_ids', 'text', (c) => c.notNull())
		.addColumn('stats', 'text', (c) => c.notNull())
		.execute();

	await schema
		.createTable('persons')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('external_id', 'text', (c) => c.notNull())
		.addColumn('merged_into', 'text')
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('given_name', 'text', (c) => c.notNull())
		.addColumn('family_name', 'text', (c) => c.notNull())
		.addColumn('birth_date', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('national_id', 'text')
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.addColumn('input_h1', 'bigint')
		.addColumn('input_h2', 'bigint')
		.addColumn('input_rows', 'integer')
		.addColumn('blocked_reason', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('first_seen_snapshot', 'text', (c) => c.notNull())
		.addColumn('last_seen_snapshot', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('persons_source_external_uq', ['source_id', 'external_id'])
		.execute();
	await schema.createIndex('persons_merged_into_idx').on('persons').column('merged_into').execute();
	await schema.createIndex('persons_source_status_idx').on('persons').columns(['source_id', 'status']).execute();
	// No indexes on e-mail, birth date or national id: aggregation builds its blocking keys in
	// memory from one scan, and each extra index slowed every import's inserts.

	await schema
		.createTable('contracts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('external_id', 'text', (c) => c.notNull())
		.addColumn('start_date', 'text')
		.addColumn('end_date', 'text')
		.addColumn('title', 'text')
		.addColumn('department_code', 'text')
		.addColumn('department_name', 'text')
		.addColumn('manager_external_id', 'text')
		.addColumn('cost_centre', 'text')
		.addColumn('location', 'text')
		.addColumn('employer', 'text')
		.addColumn('fte', REAL)
		.addColumn('type', 'text')
		.addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('data', 'text', (c) => c.notNull())
		.execute();
	await schema.createIndex('contracts_person_idx').on('contracts').column('person_id').execute();
	// No index on department_code: no query looks contracts up by department, and keeping one
	// (codes arrive in random order) nearly doubled the time to insert an import's contracts.

	await schema
		.createTable('departments')
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('parent_code', 'text')
		.addColumn('manager_external_id', 'text')
		.addPrimaryKeyConstraint('departments_pk', ['source_id', 'code'])
		.execute();

	await schema
		.createTable('person_changes')
		.addColumn('snapshot_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.addPrimaryKeyConstraint('person_changes_pk', ['snapshot_id', 'person_id'])
		.execute();
	await schema.createIndex('person_changes_person_idx').on('person_changes').column('person_id').execute();

	await schema
		.createTable('merges')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survivor_id', 'text', (c) => c.notNull())
		.addColumn('merged_id', 'text', (c) => c.notNull())
		.addColumn('rule', 'text', (c) => c.notNull())
		.addColumn('score', REAL, (c) => c.notNull())
		.addColumn('decided_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('undone_at', 'text')
		.execute();
	await schema.createIndex('merges_merged_idx').on('merges').column('merged_id').execute();
	await schema.createIndex('merges_survivor_idx').on('merges').column('survivor_id').execute();

	await schema
		.createTable('merge_suggestions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_a', 'text', (c) => c.notNull())
		.addColumn('person_b', 'text', (c) => c.notNull())
		.addColumn('score', REAL, (c) => c.notNull())
		.addColumn('rules', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('decided_at', 'text')
		.addUniqueConstraint('merge_suggestions_pair_uq', ['person_a', 'person_b'])
		.execute();

	await schema
		.createTable('never_merge')
		.addColumn('person_a', 'text', (c) => c.notNull())
		.addColumn('person_b', 'text', (c) => c.notNull())
		.addColumn('reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('never_merge_pk', ['person_a', 'person_b'])
		.execute();

	await schema
		.createTable('rule_sets')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('version', 'integer', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('document', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('published_at', 'text')
		.execute();

	await schema
		.createTable('exclusions')
		.addColumn('person_id', 'text', (c) => c.primaryKey())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await schema
		.createTable('plans')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('as_of', 'text', (c) => c.notNull())
		.addColumn('rule_set_id', 'text', (c) => c.notNull())
		.addColumn('snapshot_id', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('blocked_reason', 'text')
		.addColumn('approved_by', 'text')
		.addColumn('approved_at', 'text')
		.execute();

	await schema
		.createTable('plan_actions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('plan_id', 'text', (c) => c.notNull())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entitlement', 'text')
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('due_date', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('claimed_by', 'text')
		.addColumn('claimed_at', 'text')
		.addColumn('result', 'text')
		.addColumn('account_ref', 'text')
		.addColumn('error', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await schema
		.createIndex('plan_actions_claim_idx')
		.on('plan_actions')
		.columns(['plan_id', 'target', 'status', 'due_date'])
		.execute();
	await schema.createIndex('plan_actions_person_idx').on('plan_actions').column('person_id').execute();

	await schema
		.createTable('accounts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('account_ref', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('accounts_target_ref_uq', ['target', 'account_ref'])
		.execute();
	await schema.createIndex('accounts_person_target_idx').on('accounts').columns(['person_id', 'target']).execute();

	await schema
		.createTable('granted_entitlements')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('entitlement_key', 'text', (c) => c.notNull())
		.addColumn('entitlement_name', 'text', (c) => c.notNull())
		.addColumn('account_id', 'text')
		.addColumn('granted_at', 'text', (c) => c.notNull())
		.addColumn('plan_action_id', 'text')
		.addUniqueConstraint('granted_entitlements_uq', ['person_id', 'target', 'kind', 'entitlement_key'])
		.execute();

	await schema
		.createTable('audit_log')
		// PostgreSQL: a real identity column. SQLite: an INTEGER PRIMARY KEY is the rowid, which
		// counts up on insert (no AUTOINCREMENT needed: rows are never deleted).
		.addColumn('id', backend === 'postgres' ? 'bigint' : 'integer', (c) =>
			backend === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey(),
		)
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text')
		.addColumn('target', 'text')
		.addColumn('plan_id', 'text')
		.addColumn('action_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('is_error', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.execute();
	await schema.createIndex('audit_log_person_idx').on('audit_log').column('person_id').execute();
	await schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
	await makeAuditLogAppendOnly(db, backend);

	await schema
		.createTable('locks')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('owner', 'text', (c) => c.notNull())
		.addColumn('acquired_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
}

/** The audit log is evidence: the database itself refuses to change or remove an entry. */
async function makeAuditLogAppendOnly(db: Kysely<unknown>, backend: VaultBackend): Promise<void> {
	if (backend === 'postgres') {
		await sql`
			create function audit_log_append_only() returns trigger language plpgsql as $$
			begin
				raise exception 'audit_log is append-only: % is not allowed', tg_op;
			end
			$$`.execute(db);
		await sql`
			create trigger audit_log_no_update_delete before update or delete on audit_log
			for each row execute function audit_log_append_only()`.execute(db);
		await sql`
			create trigger audit_log_no_truncate before truncate on audit_log
			for each statement execute function audit_log_append_only()`.execute(db);
		return;
	}
	await sql`
		create trigger audit_log_no_update before update on audit_log
		begin select raise(abort, 'audit_log is append-only: UPDATE is not allowed'); end`.execute(db);
	await sql`
		create trigger audit_log_no_delete before delete on audit_log
		begin select raise(abort, 'audit_log is append-only: DELETE is not allowed'); end`.execute(db);
}
