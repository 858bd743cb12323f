import { sql, type Kysely } from 'kysely';

import { GRANT_SIGNATURE_MODULUS } from '../grantSignature';
import type { VaultBackend } from '../types';

const M = GRANT_SIGNATURE_MODULUS;

/**
 * holdings: per person record, what it holds in one row: its grants' count and signature (as
 * grant_summaries had them, see lib/vault/grantSignature.ts) and its accounts' target, state and
 * update time as a JSON array ([[target, state, updated_at], ...] in the order of target, state,
 * id). Triggers on granted_entitlements and on accounts keep it, whoever writes them. A full
 * evaluation reads a page's holdings as one range: before, it read a summary per record through
 * the table's separate primary key index and then every account row (100,000 persons: about
 * 0.4-0.5 s of reading, now about 0.09 s). In SQLite the table is WITHOUT ROWID, so its rows are
 * stored in person_id order and a range reads neighbouring rows.
 */
export async function up(db: Kysely<unknown>, backend: VaultBackend): Promise<void> {
	const postgres = backend === 'postgres';
	await sql
		.raw(
			`create table holdings (person_id text primary key, grants integer not null, signature bigint not null, accounts text not null)${postgres ? '' : ' without rowid'}`,
		)
		.execute(db);
	const accountsOf = (person: string) =>
		postgres
			? `coalesce((select json_agg(json_build_array(target, state, updated_at) order by target, state, id)::text from accounts where person_id = ${person}), '[]')`
			: // Ordered in a subquery, not with ORDER BY inside the aggregate: a schema using that (SQLite 3.44) is unreadable to older sqlite3 tools.
				`(select json_group_array(json_array(target, state, updated_at)) from (select target, state, updated_at from accounts where person_id = ${person} order by target, state, id))`;
	const addGrant = (row: 'NEW') => `insert into holdings (person_id, grants, signature, accounts)
		values (${row}.person_id, 1, grant_signature(${row}.target, ${row}.entitlement_key), '[]')
		on conflict (person_id) do update set grants = holdings.grants + 1, signature = (holdings.signature + excluded.signature) % ${M}`;
	const removeGrant = (row: 'OLD') => `update holdings set grants = grants - 1,
		signature = (signature + ${M} - grant_signature(${row}.target, ${row}.entitlement_key)) % ${M} where person_id = ${row}.person_id`;
	// An account's person may change (relinking): both records' lists are written again.
	const keepAccounts = (row: 'NEW' | 'OLD') => `insert into holdings (person_id, grants, signature, accounts)
		values (${row}.person_id, 0, 0, ${accountsOf(`${row}.person_id`)})
		on conflict (person_id) do update set accounts = excluded.accounts`;

	if (postgres) {
		await sql`drop trigger granted_entitlements_summary on granted_entitlements`.execute(db);
		await sql`drop function grant_summaries_keep()`.execute(db);
		// A row trigger: the old row's part on delete and update, the new row's on insert and update.
		const keep = async (table: string, onOld: string, onNew: string) => {
			await sql
				.raw(`create function ${table}_keep_holdings() returns trigger language plpgsql as $$
				begin
					if tg_op in ('DELETE', 'UPDATE') then ${onOld}; end if;
					if tg_op in ('INSERT', 'UPDATE') then ${onNew}; end if;
					return null;
				end $$`)
				.execute(db);
			await sql
				.raw(`create trigger ${table}_holdings after insert or update or delete on ${table} for each row execute function ${table}_keep_holdings()`)
				.execute(db);
		};
		await keep('granted_entitlements', removeGrant('OLD'), addGrant('NEW'));
		await keep('accounts', keepAccounts('OLD'), keepAccounts('NEW'));
	} else {
		for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger granted_entitlements_summary_${op}`).execute(db);
		const trigger = (name: string, event: string, table: string, body: string[]) =>
			sql.raw(`create trigger ${name} after ${event} on ${table} begin ${body.map((statement) => `${statement};`).join(' ')} end`).execute(db);
		await trigger('granted_entitlements_holdings_insert', 'insert', 'granted_entitlements', [addGrant('NEW')]);
		await trigger('granted_entitlements_holdings_delete', 'delete', 'granted_entitlements', [removeGrant('OLD')]);
		await trigger('granted_entitlements_holdings_update', 'update', 'granted_entitlements', [removeGrant('OLD'), addGrant('NEW')]);
		await trigger('accounts_holdings_insert', 'insert', 'accounts', [keepAccounts('NEW')]);
		await trigger('accounts_holdings_delete', 'delete', 'accounts', [keepAccounts('OLD')]);
		await trigger('accounts_holdings_update', 'update', 'accounts', [keepAccounts('OLD'), keepAccounts('NEW')]);
	}
	// What the records hold already.
	await sql
		.raw(`insert into holdings (person_id, grants, signature, accounts)
			select person_id, grants, signature, '[]' from grant_summaries where grants > 0`)
		.execute(db);
	await sql
		.raw(`insert into holdings (person_id, grants, signature, accounts)
			select person_id, 0, 0, ${accountsOf('holder.person_id')} from (select distinct person_id from accounts) as holder where true
			on conflict (person_id) do update set accounts = excluded.accounts`)
		.execute(db);
	await sql`drop table grant_summaries`.execute(db);
}
