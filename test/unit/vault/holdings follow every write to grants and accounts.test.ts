import { sql } from 'kysely';

import { addSummaries, addToSummary, grantSignature, type GrantSummary } from '../../../lib/vault/grantSignature';
import { newId } from '../../../lib/vault/ids';
import { MIGRATION_TABLE, migrateToLatest } from '../../../lib/vault/migrations';
import * as m0004 from '../../../lib/vault/migrations/0004_grant_summaries';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';

/** What the grant summaries in holdings should say, from the grants themselves. */
async function expectedSummaries(vault: Vault): Promise<Record<string, GrantSummary>> {
	const rows = await vault.db.selectFrom('granted_entitlements').select(['person_id', 'target', 'entitlement_key']).execute();
	const summaries: Record<string, GrantSummary> = {};
	for (const row of rows) addToSummary((summaries[row.person_id] ??= { grants: 0, signature: 0 }), grantSignature(row.target, row.entitlement_key));
	return summaries;
}

async function storedSummaries(vault: Vault): Promise<Record<string, GrantSummary>> {
	const rows = await vault.db.selectFrom('holdings').selectAll().where('grants', '>', 0).execute();
	return Object.fromEntries(rows.map((row) => [row.person_id, { grants: Number(row.grants), signature: Number(row.signature) }]));
}

type AccountStates = Record<string, Array<[string, string, string]>>;

/** What the account states in holdings should say, from the accounts themselves (by target, state, id). */
async function expectedAccountStates(vault: Vault): Promise<AccountStates> {
	const rows = await vault.db.selectFrom('accounts').select(['person_id', 'target', 'state', 'updated_at']).orderBy('person_id').orderBy('target').orderBy('state').orderBy('id').execute();
	const states: AccountStates = {};
	for (const row of rows) (states[row.person_id] ??= []).push([row.target, row.state, row.updated_at]);
	return states;
}

async function storedAccountStates(vault: Vault): Promise<AccountStates> {
	const rows = await vault.db.selectFrom('holdings').select(['person_id', 'accounts']).where('accounts', '!=', '[]').execute();
	return Object.fromEntries(rows.map((row) => [row.person_id, JSON.parse(row.accounts) as Array<[string, string, string]>]));
}

const account = (id: string, personId: string, target: string, state: 'enabled' | 'disabled' | 'deleted', updatedAt = '2026-01-01T00:00:00.000Z') => ({
	id,
	person_id: personId,
	target,
	account_ref: `${target}-${id}`,
	state,
	data: '{}',
	created_at: '2026-01-01T00:00:00.000Z',
	updated_at: updatedAt,
});

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

	test('inserts, updates and deletes of accounts keep each record\'s account states equal to its accounts', async () => {
		await withVault(open, async (vault) => {
			await vault.insertMany(vault.db, 'accounts', [
				account('a2', 'r1', 'entraId', 'enabled'),
				account('a1', 'r1', 'activeDirectory', 'enabled'),
				account('a3', 'r2', 'activeDirectory', 'disabled'),
			]);
			await vault.insertMany(vault.db, 'granted_entitlements', [grant('r1', 'activeDirectory', 'group:A')]);
			expect(await storedAccountStates(vault)).toEqual(await expectedAccountStates(vault));
			expect((await storedAccountStates(vault)).r1.map(([target]) => target)).toEqual(['activeDirectory', 'entraId']);

			await vault.db.updateTable('accounts').set({ state: 'disabled', updated_at: '2026-02-01T00:00:00.000Z' }).where('id', '=', 'a1').execute();
			await vault.db.updateTable('accounts').set({ person_id: 'r3' }).where('id', '=', 'a3').execute();
			await vault.db.deleteFrom('accounts').where('id', '=', 'a2').execute();
			const expected = await expectedAccountStates(vault);
			expect(await storedAccountStates(vault)).toEqual(expected);
			expect(expected).toEqual({ r1: [['activeDirectory', 'disabled', '2026-02-01T00:00:00.000Z']], r3: [['activeDirectory', 'disabled', '2026-01-01T00:00:00.000Z']] });
			// Accounts and grants of one record share its row, each kept by its own triggers.
			expect((await storedSummaries(vault)).r1.grants).toBe(1);

			await vault.db.deleteFrom('accounts').execute();
			expect(await storedAccountStates(vault)).toEqual({});
			expect(await storedSummaries(vault)).toEqual(await expectedSummaries(vault));
		});
	});

	test('a vault from before the holdings gets them for the grants and accounts it already holds', async () => {
		await withVault(open, async (vault) => {
			// Back to schema 0004: grant summaries with their triggers, no holdings.
			if (vault.backend === 'postgres') {
				await sql`drop trigger granted_entitlements_holdings on granted_entitlements`.execute(vault.db);
				await sql`drop trigger accounts_holdings on accounts`.execute(vault.db);
				await sql`drop function granted_entitlements_keep_holdings()`.execute(vault.db);
				await sql`drop function accounts_keep_holdings()`.execute(vault.db);
				await sql`drop function grant_signature(text, text)`.execute(vault.db);
			} else {
				for (const table of ['granted_entitlements', 'accounts']) {
					for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_holdings_${op}`).execute(vault.db);
				}
			}
			await vault.db.schema.dropTable('holdings').execute();
			await vault.db.deleteFrom(MIGRATION_TABLE as never).where('name' as never, 'in', ['0005_holdings', '0006_person_scan_indexes'] as never).execute();
			await m0004.up(vault.db as never, vault.backend);
			await vault.insertMany(vault.db, 'granted_entitlements', [grant('r1', 'activeDirectory', 'group:A'), grant('r1', 'helloId', 'product:laptop'), grant('r2', 'entraId', 'group:B')]);
			await vault.insertMany(vault.db, 'accounts', [account('a1', 'r1', 'activeDirectory', 'enabled'), account('a2', 'r3', 'entraId', 'disabled')]);

			expect(await migrateToLatest(vault.db, vault.backend)).toEqual(['0005_holdings', '0006_person_scan_indexes']);
			const expected = await expectedSummaries(vault);
			expect(Object.keys(expected).sort()).toEqual(['r1', 'r2']);
			expect(await storedSummaries(vault)).toEqual(expected);
			expect(await storedAccountStates(vault)).toEqual({ r1: [['activeDirectory', 'enabled', '2026-01-01T00:00:00.000Z']], r3: [['entraId', 'disabled', '2026-01-01T00:00:00.000Z']] });
			// And the triggers work after the migration.
			await vault.db.deleteFrom('granted_entitlements').where('person_id', '=', 'r2').execute();
			await vault.db.updateTable('accounts').set({ state: 'enabled' }).where('id', '=', 'a2').execute();
			expect(await storedSummaries(vault)).toEqual(await expectedSummaries(vault));
			expect(await storedAccountStates(vault)).toEqual(await expectedAccountStates(vault));
		});
	});
});
