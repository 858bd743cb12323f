import { sql, type Kysely } from 'kysely';

import { GRANT_SIGNATURE_MODULUS, POSTGRES_GRANT_SIGNATURE } from '../grantSignature';
import type { VaultBackend } from '../types';

const M = GRANT_SIGNATURE_MODULUS;

/**
 * grant_summaries: per person record, how many grants it has and the sum of their signatures
 * (lib/vault/grantSignature.ts), kept by triggers on every insert, update and delete of
 * granted_entitlements, whoever writes them. A full evaluation reads one summary per record
 * and reads the grants only of persons whose summary differs from what the rules want: 100,000
 * persons have about 720,000 grants, and reading them was a quarter of an evaluation.
 * SQLite's grant_signature is registered by the vault's driver on each connection.
 */
export async function up(db: Kysely<unknown>, backend: VaultBackend): Promise<void> {
	await db.schema
		.createTable('grant_summaries')
		.addColumn('person_id', 'text', (c) => c.primaryKey())
		.addColumn('grants', 'integer', (c) => c.notNull())
		.addColumn('signature', 'bigint', (c) => c.notNull())
		.execute();
	const add = (row: 'NEW') => sql.raw(`insert into grant_summaries (person_id, grants, signature)
		values (${row}.person_id, 1, grant_signature(${row}.target, ${row}.entitlement_key))
		on conflict (person_id) do update set grants = grant_summaries.grants + 1, signature = (grant_summaries.signature + excluded.signature) % ${M}`);
	const remove = (row: 'OLD') => sql.raw(`update grant_summaries set grants = grants - 1,
		signature = (signature + ${M} - grant_signature(${row}.target, ${row}.entitlement_key)) % ${M} where person_id = ${row}.person_id`);
	if (backend === 'postgres') {
		await sql
			.raw(`create function grant_signature(target text, entitlement_key text) returns bigint language sql immutable strict parallel safe as $$ ${POSTGRES_GRANT_SIGNATURE} $$`)
			.execute(db);
		await sql`create function grant_summaries_keep() returns trigger language plpgsql as $$
			begin
				if tg_op in ('DELETE', 'UPDATE') then ${remove('OLD')}; end if;
				if tg_op in ('INSERT', 'UPDATE') then ${add('NEW')}; end if;
				return null;
			end $$`.execute(db);
		await sql`create trigger granted_entitlements_summary after insert or update or delete on granted_entitlements
			for each row execute function grant_summaries_keep()`.execute(db);
	} else {
		await sql`create trigger granted_entitlements_summary_insert after insert on granted_entitlements begin ${add('NEW')}; end`.execute(db);
		await sql`create trigger granted_entitlements_summary_delete after delete on granted_entitlements begin ${remove('OLD')}; end`.execute(db);
		await sql`create trigger granted_entitlements_summary_update after update on granted_entitlements begin ${remove('OLD')}; ${add('NEW')}; end`.execute(db);
	}
	// The grants already there.
	await sql
		.raw(`insert into grant_summaries (person_id, grants, signature)
			select person_id, count(*), sum(grant_signature(target, entitlement_key)) % ${M} from granted_entitlements group by person_id`)
		.execute(db);
}
