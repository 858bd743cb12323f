import { sql } from 'kysely';

import { addSummaries, addToSummary, grantSignature, type GrantSummary } from '../../../lib/vault/grantSignature';
import { newId } from '../../../lib/vault/ids';
import { MIGRATION_TABLE, migrateToLatest } from '../../../lib/vault/migrations';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';

/** What grant_summaries should say, from the grants themselves. */
async function expectedSummaries(vault: Vault): Promise<Record<string, GrantSummary>> {
	const rows = await vault.db.selectFrom('granted_entitlements').select(['person_id', 'target', 'entitlement_key']).execute();
	const summaries: Record<string, GrantSummary> = {};
	for (const row of rows) addToSummary((summaries[row.person_id] ??= { grants: 0, signature: 0 }), grantSignature(row.target, row.entitlement_key));
	return summaries;
}

async function storedSummaries(vault: Vault): Promise<Record<string, GrantSummary>> {
	const rows = await vault.db.selectFrom('grant_summaries').selectAll().where('grants', '>', 0).execute();
	return Object.fromEntries(rows.map((row) => [row.person_id, { grants: Number(row.grants), signature: Number(row.signature) }]));
}

const grant = (personId: string, target: string, key: string) => ({
	id: newId(),
	person_id: personId,
	target,
	kind: 'group' as const,
	entitlement_key: key,
	entitlement_name: key,
	account_id: null,
	granted_at: '2026-01-01T00:00:00.000Z',
	plan_action_id: null,
});

forEachBackend((open) => {
	test('the database computes the signature the engine computes, for any text', async () => {
		await withVault(open, async (vault) => {
			const pairs: Array<[string, string]> = [
				['activeDirectory', 'group:GRP-SALES'],
				['entraId', 'group:Team Ñandú façade 東京'],
				['ab', 'c'],
				['a', 'bc'],
				['helloId', 'product:laptop'],
			];
			for (const [target, key] of pairs) {
				const { rows } = await sql<{ s: number | string }>`select grant_signature(${target}, ${key}) as s`.execute(vault.db);
				expect(Number(rows[0].s)).toBe(grantSignature(target, key));
			}
			expect(grantSignature('ab', 'c')).not.toBe(grantSignature('a', 'bc'));
		});
	});

	test('inserts, updates and deletes of grants keep each record summary equal to its grants', async () => {
		await withVault(open, async (vault) => {
			await vault.insertMany(vault.db, 'granted_entitlements', [
				grant('r1', 'activeDirectory', 'group:A'),
				grant('r1', 'activeDirectory', 'group:B'),
				grant('r1', 'entraId', 'group:A'),
				grant('r2', 'activeDirectory', 'group:A'),
			]);
			expect(await storedSummaries(vault)).toEqual(await expectedSummaries(vault));
			expect((await storedSummaries(vault)).r1.grants).toBe(3);

			await vault.db.updateTable('granted_entitlements').set({ entitlement_key: 'group:C' }).where('person_id', '=', 'r1').where('entitlement_key', '=', 'group:B').execute();
			await vault.db.updateTable('granted_entitlements').set({ person_id: 'r3' }).where('person_id', '=', 'r2').execute();
			await vault.db.deleteFrom('granted_entitlements').where('person_id', '=', 'r1').where('target', '=', 'entraId').execute();
			const expected = await expectedSummaries(vault);
			expect(await storedSummaries(vault)).toEqual(expected);
			expect(Object.keys(expected).sort()).toEqual(['r1', 'r3']);

			// A person's summary is the sum of their records': the same as one record holding them all.
			const merged: GrantSummary = { grants: 0, signature: 0 };
			addSummaries(merged, expected.r1);
			addSummaries(merged, expected.r3);
			const whole: GrantSummary = { grants: 0, signature: 0 };
			for (const key of ['group:A', 'group:C']) addToSummary(whole, grantSignature('activeDirectory', key));
			addToSummary(whole, grantSignature('activeDirectory', 'group:A'));
			expect(merged).toEqual(whole);

			await vault.db.deleteFrom('granted_entitlements').execute();
			expect(await storedSummaries(vault)).toEqual({});
		});
	});

	test('a vault from before the summaries gets them for the grants it already holds', async () => {
		await withVault(open, async (vault) => {
			await vault.insertMany(vault.db, 'granted_entitlements', [grant('r1', 'activeDirectory', 'group:A'), grant('r1', 'helloId', 'product:laptop'), grant('r2', 'entraId', 'group:B')]);
			// Back to schema 0003: no summaries, no triggers, no function.
			if (vault.backend === 'postgres') {
				await sql`drop trigger granted_entitlements_summary on granted_entitlements`.execute(vault.db);
				await sql`drop function grant_summaries_keep()`.execute(vault.db);
				await sql`drop function grant_signature(text, text)`.execute(vault.db);
			} else {
				for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger granted_entitlements_summary_${op}`).execute(vault.db);
			}
			await vault.db.schema.dropTable('grant_summaries').execute();
			await vault.db.deleteFrom(MIGRATION_TABLE as never).where('name' as never, '=', '0004_grant_summaries' as never).execute();

			expect(await migrateToLatest(vault.db, vault.backend)).toEqual(['0004_grant_summaries']);
			const expected = await expectedSummaries(vault);
			expect(Object.keys(expected).sort()).toEqual(['r1', 'r2']);
			expect(await storedSummaries(vault)).toEqual(expected);
		});
	});
});
