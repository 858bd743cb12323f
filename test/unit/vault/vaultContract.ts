// The vault's contract: the same tests run against every backend (sqlite.test.ts, postgres.test.ts).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { sql } from 'kysely';

import {
	LATEST_MIGRATION,
	MIGRATION_NAMES,
	VAULT_TABLES,
	migrateToLatest,
	openVault,
	type InsertRow,
	type Vault,
	type VaultConfig,
} from '../../../lib/vault';

export interface VaultUnderTest {
	/** Opens this backend's test vault. When `shared`, every call reaches the same data. */
	open(): Promise<Vault>;
	/** True when two open() calls see the same data (a file, a PostgreSQL database); false for ':memory:'. */
	shared: boolean;
	/** Config of a brand-new, empty vault that other processes can open too; absent for ':memory:'. */
	freshConfig?: () => Promise<VaultConfig>;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');
const REGISTER_TS = path.join(REPO_ROOT, 'test/support/register-ts.js');
const OPEN_VAULT_CHILD = path.join(__dirname, 'openVault.child.ts');

export function describeVaultContract(name: string, backend: VaultUnderTest): void {
	const opened: Vault[] = [];
	const open = async (): Promise<Vault> => {
		const vault = await backend.open();
		opened.push(vault);
		return vault;
	};
	afterEach(async () => {
		await Promise.all(opened.splice(0).map((vault) => vault.close()));
	});
	// A ':memory:' vault lives and dies with its one connection: it cannot be reopened or shared with another process.
	const withFreshVaults = backend.freshConfig ? test : test.skip;

	describe(`${name} vault: schema and migrations`, () => {
		test('a new vault has every table of the pipeline', async () => {
			const vault = await open();
			const tables = (await vault.db.introspection.getTables()).map((table) => table.name);
			expect(tables).toEqual(expect.arrayContaining([...VAULT_TABLES]));
		});

		test('status reports the latest schema version', async () => {
			const vault = await open();
			const status = await vault.status();
			expect(status.schemaVersion).toBe(LATEST_MIGRATION);
			expect(status.backend).toBe(vault.backend);
			expect(status.location).toBe(vault.location);
		});

		test('running the migrations again changes nothing', async () => {
			const vault = await open();
			await expect(migrateToLatest(vault.db, vault.backend)).resolves.toEqual([]);
			expect((await vault.status()).schemaVersion).toBe(LATEST_MIGRATION);
		});

		withFreshVaults('a reopened vault keeps its data and applies no migration again', async () => {
			const config = await backend.freshConfig!();
			let applied: string[] = [];
			const first = await openVault(config, { onMigrated: (names) => (applied = names) });
			expect(applied).toEqual([...MIGRATION_NAMES]);
			const sourceId = randomUUID();
			await first.db.insertInto('sources').values(source(sourceId)).execute();
			await first.close();

			const again = await openVault(config, { onMigrated: (names) => (applied = names) });
			opened.push(again);
			expect(applied).toEqual([]);
			const row = await again.db.selectFrom('sources').selectAll().where('id', '=', sourceId).executeTakeFirst();
			expect(row?.name).toBe(`source ${sourceId}`);
		});

		withFreshVaults('four processes opening the same fresh vault at once all succeed, and it is migrated once', async () => {
			const config = await backend.freshConfig!();
			const results = await openInChildProcesses(config, 4);

			for (const { code, stderr } of results) expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
			const reports = results.map((result) => JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildReport);
			expect(reports.map((report) => report.schemaVersion)).toEqual(Array(4).fill(LATEST_MIGRATION));
			const migrators = reports.filter((report) => report.applied.length > 0);
			expect(migrators).toHaveLength(1);
			expect(migrators[0].applied).toEqual([...MIGRATION_NAMES]);

			const vault = await openVault(config);
			opened.push(vault);
			const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(vault.db);
			expect(recorded.rows.map((row) => row.name)).toEqual([...MIGRATION_NAMES]);
		});

		test('a second person with the same source key is rejected', async () => {
			const vault = await open();
			const sourceId = randomUUID();
			await vault.insertMany(vault.db, 'persons', [person(sourceId, 1)]);
			await expect(vault.insertMany(vault.db, 'persons', [{ ...person(sourceId, 1), id: randomUUID() }])).rejects.toThrow();
		});

		test('an account reference can be linked only once per target', async () => {
			const vault = await open();
			const ref = randomUUID();
			await vault.insertMany(vault.db, 'accounts', [account(randomUUID(), 'ad', ref)]);
			await expect(vault.insertMany(vault.db, 'accounts', [account(randomUUID(), 'ad', ref)])).rejects.toThrow();
			await expect(vault.insertMany(vault.db, 'accounts', [account(randomUUID(), 'google', ref)])).resolves.toBeUndefined();
		});
	});

	describe(`${name} vault: transactions`, () => {
		test('a transaction that fails leaves nothing behind', async () => {
			const vault = await open();
			const sourceId = randomUUID();
			const actionId = randomUUID();
			await expect(
				vault.transaction(async (trx) => {
					await trx.insertInto('sources').values(source(sourceId)).execute();
					await vault.insertMany(trx, 'persons', [person(sourceId, 1), person(sourceId, 2)]);
					await vault.appendAudit(trx, [{ action: 'import', message: 'imported 2 persons', is_error: false, action_id: actionId }]);
					throw new Error('import failed half way');
				}),
			).rejects.toThrow('import failed half way');

			expect(await countWhere(vault, 'sources', 'id', sourceId)).toBe(0);
			expect(await countWhere(vault, 'persons', 'source_id', sourceId)).toBe(0);
			expect(await countWhere(vault, 'audit_log', 'action_id', actionId)).toBe(0);
		});

		test('a transaction that succeeds keeps its rows and returns its result', async () => {
			const vault = await open();
			const sourceId = randomUUID();
			const result = await vault.transaction(async (trx) => {
				await trx.insertInto('sources').values(source(sourceId)).execute();
				await vault.insertMany(trx, 'persons', [person(sourceId, 1)]);
				return 'committed';
			});
			expect(result).toBe('committed');
			expect(await countWhere(vault, 'persons', 'source_id', sourceId)).toBe(1);
		});
	});

	describe(`${name} vault: bulk inserts`, () => {
		test('20,000 persons and contracts land exactly and read back unchanged', async () => {
			const vault = await open();
			const sourceId = randomUUID();
			const persons = Array.from({ length: 20_000 }, (_, i) => person(sourceId, i));
			const contracts = persons.map((p, i) => ({
				...contract(p.id, sourceId, i),
				fte: i % 2 === 0 ? 0.8 : 0.123456789,
				is_primary: (i % 3 === 0 ? 1 : 0) as 0 | 1,
			}));
			await vault.insertMany(vault.db, 'persons', persons);
			await vault.insertMany(vault.db, 'contracts', contracts);

			expect(await countWhere(vault, 'persons', 'source_id', sourceId)).toBe(20_000);
			expect(await countWhere(vault, 'contracts', 'source_id', sourceId)).toBe(20_000);

			const stored = await vault.db.selectFrom('persons').selectAll().where('id', '=', persons[12_345].id).executeTakeFirstOrThrow();
			expect(stored).toEqual(persons[12_345]);
			expect(JSON.parse(stored.data)).toEqual({ employeeNumber: 'E12345', name: { given: 'Ada', family: 'Lovelace-12345' }, tags: ['é', '"quoted"'] });
			expect(stored.birth_date).toBe('1985-02-28');

			const [even, odd] = await vault.db
				.selectFrom('contracts')
				.selectAll()
				.where('id', 'in', [contracts[0].id, contracts[1].id])
				.orderBy('external_id')
				.execute();
			expect(even).toEqual(contracts[0]);
			expect(odd).toEqual(contracts[1]);
			expect(typeof even.fte).toBe('number');
			expect(odd.fte).toBe(0.123456789);
		});

		test('a count of rows that is no multiple of the batch size lands whole', async () => {
			const vault = await open();
			const planId = randomUUID();
			// 1,291 = two batches of 500, then the rest cut into 256, 32, 2 and 1 rows.
			const actions = Array.from({ length: 1_291 }, (_, i) => action(planId, i + 1));
			await vault.insertMany(vault.db, 'plan_actions', actions);
			const rows = await vault.db.selectFrom('plan_actions').select(['seq', 'id']).where('plan_id', '=', planId).orderBy('seq').execute();
			expect(rows).toEqual(actions.map((row) => ({ seq: row.seq, id: row.id })));
		});

		test('a text repeated in every row, or in all rows but one, reads back in each row', async () => {
			const vault = await open();
			const planId = randomUUID();
			// target and reason repeat in every row (bound once); status differs in the last row only.
			const actions = Array.from({ length: 700 }, (_, i) => action(planId, i + 1, { status: i === 699 ? 'done' : 'pending' }));
			await vault.insertMany(vault.db, 'plan_actions', actions);
			const rows = await vault.db.selectFrom('plan_actions').select(['seq', 'target', 'reason', 'status']).where('plan_id', '=', planId).orderBy('seq').execute();
			expect(rows).toEqual(actions.map(({ seq, target, reason, status }) => ({ seq, target, reason, status })));
		});

		test('a rejected row undoes the whole bulk insert', async () => {
			const vault = await open();
			const sourceId = randomUUID();
			const persons = Array.from({ length: 1_500 }, (_, i) => person(sourceId, i));
			persons.push({ ...person(sourceId, 7), id: randomUUID() });
			await expect(vault.insertMany(vault.db, 'persons', persons)).rejects.toThrow();
			expect(await countWhere(vault, 'persons', 'source_id', sourceId)).toBe(0);
		});

		test('a rejected row in the middle of a statement leaves none of the statement rows', async () => {
			const vault = await open();
			const sourceId = randomUUID();
			const persons = Array.from({ length: 500 }, (_, i) => person(sourceId, i));
			persons[300] = { ...person(sourceId, 7), id: randomUUID() };
			await expect(vault.insertMany(vault.db, 'persons', persons)).rejects.toThrow();
			expect(await countWhere(vault, 'persons', 'source_id', sourceId)).toBe(0);
			// In the caller's transaction, the error reaches the caller, who rolls back all of it.
			await expect(vault.transaction(async (trx) => await vault.insertMany(trx, 'persons', persons))).rejects.toThrow();
			expect(await countWhere(vault, 'persons', 'source_id', sourceId)).toBe(0);
		});

		test('rows that leave a column out get its default', async () => {
			const vault = await open();
			const planId = randomUUID();
			const withAttempts = { ...action(planId, 1), attempts: 3 };
			const withoutAttempts = action(planId, 2);
			await vault.insertMany(vault.db, 'plan_actions', [withAttempts, withoutAttempts]);
			const rows = await vault.db.selectFrom('plan_actions').select(['seq', 'attempts']).where('plan_id', '=', planId).orderBy('seq').execute();
			expect(rows).toEqual([
				{ seq: 1, attempts: 3 },
				{ seq: 2, attempts: 0 },
			]);

			const sourceId = randomUUID();
			await vault.insertMany(vault.db, 'sources', [source(sourceId)]);
			const stored = await vault.db.selectFrom('sources').select('priority').where('id', '=', sourceId).executeTakeFirstOrThrow();
			expect(stored.priority).toBe(100);

			// A column set to undefined between others is left out too: the values after it stay in their columns.
			const ids = [randomUUID(), randomUUID()];
			await vault.insertMany(vault.db, 'sources', ids.map((id) => ({ id, name: `source ${id}`, priority: undefined, settings: `settings of ${id}`, created_at: id })));
			const both = await vault.db.selectFrom('sources').select(['id', 'priority', 'settings', 'created_at']).where('id', 'in', ids).orderBy('created_at').execute();
			expect(both).toEqual([...ids].sort().map((id) => ({ id, priority: 100, settings: `settings of ${id}`, created_at: id })));
		});

		test('inserting no rows does nothing', async () => {
			const vault = await open();
			await expect(vault.insertMany(vault.db, 'persons', [])).resolves.toBeUndefined();
		});
	});

	describe(`${name} vault: audit log`, () => {
		test('audit entries keep their details, before and after as JSON, in the order written', async () => {
			const vault = await open();
			const planId = randomUUID();
			await vault.appendAudit(vault.db, [
				{ plan_id: planId, person_id: 'p1', target: 'ad', action: 'create', message: 'Created jdoe', is_error: false, after: { sAMAccountName: 'jdoe' } },
				{ plan_id: planId, person_id: 'p1', target: 'ad', action: 'grant', message: 'Group not found', is_error: true, at: '2025-01-02T03:04:05.000Z' },
			]);
			const rows = await vault.db.selectFrom('audit_log').selectAll().where('plan_id', '=', planId).orderBy('id').execute();
			expect(rows).toHaveLength(2);
			expect(rows[0]).toMatchObject({ action: 'create', is_error: 0, before: null, target: 'ad', person_id: 'p1', action_id: null });
			expect(JSON.parse(rows[0].after!)).toEqual({ sAMAccountName: 'jdoe' });
			expect(rows[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			expect(rows[1]).toMatchObject({ action: 'grant', is_error: 1, at: '2025-01-02T03:04:05.000Z', after: null });
			expect(typeof rows[0].id).toBe('number');
			expect(rows[1].id).toBeGreaterThan(rows[0].id);
		});

		test('the database refuses to change or delete audit entries', async () => {
			const vault = await open();
			const planId = randomUUID();
			await vault.appendAudit(vault.db, [{ plan_id: planId, action: 'disable', message: 'Disabled jdoe', is_error: false }]);

			await expect(
				vault.db.updateTable('audit_log').set({ message: 'nothing happened' }).where('plan_id', '=', planId).execute(),
			).rejects.toThrow(/append-only/);
			await expect(vault.db.deleteFrom('audit_log').where('plan_id', '=', planId).execute()).rejects.toThrow(/append-only/);
			if (vault.backend === 'postgres') {
				await expect(sql`truncate audit_log`.execute(vault.db)).rejects.toThrow(/append-only/);
			}

			const rows = await vault.db.selectFrom('audit_log').select('message').where('plan_id', '=', planId).execute();
			expect(rows).toEqual([{ message: 'Disabled jdoe' }]);
		});
	});

	describe(`${name} vault: claiming plan actions`, () => {
		const claim = (vault: Vault, planId: string, worker: string, extra: Partial<Parameters<Vault['claimActions']>[0]> = {}) =>
			vault.claimActions({ planId, target: 'ad', worker, limit: 10, dueBy: '2025-06-01', staleAfterMs: 60_000, ...extra });

		test('due actions are claimed in plan order, marked with the worker and counted as an attempt', async () => {
			const vault = await open();
			const planId = randomUUID();
			await vault.insertMany(vault.db, 'plan_actions', [5, 1, 4, 2, 3].map((seq) => action(planId, seq)));

			const first = await claim(vault, planId, 'worker-1', { limit: 3 });
			expect(first.map((a) => a.seq)).toEqual([1, 2, 3]);
			for (const a of first) {
				expect(a).toMatchObject({ status: 'claimed', claimed_by: 'worker-1', attempts: 1, plan_id: planId });
				expect(a.claimed_at).toBe(a.updated_at);
			}
			const rest = await claim(vault, planId, 'worker-1');
			expect(rest.map((a) => a.seq)).toEqual([4, 5]);
			expect(await claim(vault, planId, 'worker-1')).toEqual([]);
		});

		test('actions due later, for another target or another plan are left alone', async () => {
			const vault = await open();
			const planId = randomUUID();
			const otherPlan = randomUUID();
			await vault.insertMany(vault.db, 'plan_actions', [
				action(planId, 1, { due_date: '2025-05-31' }),
				action(planId, 2, { due_date: '2025-06-01' }),
				action(planId, 3, { due_date: '2025-06-02' }),
				action(planId, 4, { target: 'google' }),
				action(otherPlan, 5),
			]);
			const claimed = await claim(vault, planId, 'worker-1');
			expect(claimed.map((a) => a.seq)).toEqual([1, 2]);
			const later = await claim(vault, planId, 'worker-1', { dueBy: '2025-06-02' });
			expect(later.map((a) => a.seq)).toEqual([3]);
		});

		test('finished, failed and skipped actions are never claimed', async () => {
			const vault = await open();
			const planId = randomUUID();
			await vault.insertMany(vault.db, 'plan_actions', [
				action(planId, 1, { status: 'done' }),
				action(planId, 2, { status: 'failed' }),
				action(planId, 3, { status: 'skipped' }),
				action(planId, 4),
			]);
			expect((await claim(vault, planId, 'worker-1')).map((a) => a.seq)).toEqual([4]);
		});

		test('two workers claiming at once never get the same action', async () => {
			const planId = randomUUID();
			const first = await open();
			const second = backend.shared ? await open() : first;
			await first.insertMany(
				first.db,
				'plan_actions',
				Array.from({ length: 120 }, (_, i) => action(planId, i + 1)),
			);

			const drain = async (vault: Vault, worker: string): Promise<string[]> => {
				const ids: string[] = [];
				for (;;) {
					const claimed = await claim(vault, planId, worker, { limit: 7 });
					if (claimed.length === 0) return ids;
					ids.push(...claimed.map((a) => a.id));
				}
			};
			const [a, b] = await Promise.all([drain(first, 'worker-a'), drain(second, 'worker-b')]);

			expect(a.length + b.length).toBe(120);
			expect(new Set([...a, ...b]).size).toBe(120);
			const attempts = await first.db.selectFrom('plan_actions').select('attempts').distinct().where('plan_id', '=', planId).execute();
			expect(attempts).toEqual([{ attempts: 1 }]);
		});

		test('an abandoned claim is taken over once it is stale, and the retry is counted', async () => {
			const vault = await open();
			const planId = randomUUID();
			await vault.insertMany(vault.db, 'plan_actions', [action(planId, 1)]);
			const [claimed] = await claim(vault, planId, 'worker-that-dies');
			expect(claimed.attempts).toBe(1);

			expect(await claim(vault, planId, 'worker-b')).toEqual([]);

			const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
			await vault.db.updateTable('plan_actions').set({ claimed_at: twoMinutesAgo }).where('id', '=', claimed.id).execute();
			const [retaken] = await claim(vault, planId, 'worker-b');
			expect(retaken).toMatchObject({ id: claimed.id, claimed_by: 'worker-b', attempts: 2, status: 'claimed' });
			expect(retaken.claimed_at! > twoMinutesAgo).toBe(true);
		});
	});

	describe(`${name} vault: locks`, () => {
		test('a lock held by one owner is refused to another', async () => {
			const vault = await open();
			const lock = `enforce-${randomUUID()}`;
			expect(await vault.acquireLock(lock, 'run-1', 60_000)).toBe(true);
			expect(await vault.acquireLock(lock, 'run-2', 60_000)).toBe(false);
			const row = await vault.db.selectFrom('locks').selectAll().where('name', '=', lock).executeTakeFirstOrThrow();
			expect(row.owner).toBe('run-1');
		});

		test('the owner can take its own lock again, which extends it', async () => {
			const vault = await open();
			const lock = `enforce-${randomUUID()}`;
			expect(await vault.acquireLock(lock, 'run-1', 1_000)).toBe(true);
			const before = await vault.db.selectFrom('locks').selectAll().where('name', '=', lock).executeTakeFirstOrThrow();
			expect(await vault.acquireLock(lock, 'run-1', 600_000)).toBe(true);
			const after = await vault.db.selectFrom('locks').selectAll().where('name', '=', lock).executeTakeFirstOrThrow();
			expect(after.acquired_at).toBe(before.acquired_at);
			expect(after.expires_at > before.expires_at).toBe(true);
		});

		test('an expired lock is taken over by another owner', async () => {
			const vault = await open();
			const lock = `enforce-${randomUUID()}`;
			expect(await vault.acquireLock(lock, 'crashed-run', 60_000)).toBe(true);
			const past = new Date(Date.now() - 1_000).toISOString();
			await vault.db.updateTable('locks').set({ expires_at: past }).where('name', '=', lock).execute();
			expect(await vault.acquireLock(lock, 'run-2', 60_000)).toBe(true);
			const row = await vault.db.selectFrom('locks').selectAll().where('name', '=', lock).executeTakeFirstOrThrow();
			expect(row.owner).toBe('run-2');
		});

		test('releasing frees the lock, and only its owner can release it', async () => {
			const vault = await open();
			const lock = `enforce-${randomUUID()}`;
			expect(await vault.acquireLock(lock, 'run-1', 60_000)).toBe(true);
			await vault.releaseLock(lock, 'run-2');
			expect(await vault.acquireLock(lock, 'run-2', 60_000)).toBe(false);
			await vault.releaseLock(lock, 'run-1');
			expect(await vault.acquireLock(lock, 'run-2', 60_000)).toBe(true);
		});

		test('when two runs race for a free lock, exactly one gets it', async () => {
			const first = await open();
			const second = backend.shared ? await open() : first;
			for (let round = 0; round < 10; round++) {
				const lock = `enforce-${randomUUID()}`;
				const won = await Promise.all([first.acquireLock(lock, 'run-a', 60_000), second.acquireLock(lock, 'run-b', 60_000)]);
				expect(won.filter(Boolean)).toHaveLength(1);
			}
		});
	});

	describe(`${name} vault: status`, () => {
		test('status counts the rows of each main table', async () => {
			const vault = await open();
			const before = await vault.status();
			expect(Object.keys(before.counts).sort()).toEqual(
				['accounts', 'audit_log', 'contracts', 'imports', 'persons', 'plan_actions', 'plans', 'snapshots'].sort(),
			);
			for (const count of Object.values(before.counts)) expect(typeof count).toBe('number');

			const sourceId = randomUUID();
			const now = new Date().toISOString();
			const p = person(sourceId, 1);
			await vault.transaction(async (trx) => {
				await vault.insertMany(trx, 'persons', [p, person(sourceId, 2)]);
				await vault.insertMany(trx, 'contracts', [contract(p.id, sourceId, 1)]);
				await trx
					.insertInto('imports')
					.values({ id: randomUUID(), source_id: sourceId, kind: 'full', status: 'applied', started_at: now, row_count: 2, error_count: 0, stats: '{}' })
					.execute();
				await trx.insertInto('snapshots').values({ id: randomUUID(), seq: Math.floor(Math.random() * 2 ** 31), created_at: now, import_ids: '[]', stats: '{}' }).execute();
				const planId = randomUUID();
				await trx
					.insertInto('plans')
					.values({ id: planId, created_at: now, as_of: '2025-06-01', rule_set_id: 'r1', status: 'ready', summary: '{}' })
					.execute();
				await vault.insertMany(trx, 'plan_actions', [action(planId, 1), action(planId, 2), action(planId, 3)]);
				await vault.insertMany(trx, 'accounts', [account(p.id, 'ad', randomUUID())]);
				await vault.appendAudit(trx, [{ action: 'import', message: 'imported', is_error: false }]);
			});

			const after = await vault.status();
			const grown = Object.fromEntries(Object.keys(after.counts).map((table) => [table, after.counts[table] - before.counts[table]]));
			expect(grown).toEqual({ persons: 2, contracts: 1, imports: 1, snapshots: 1, plans: 1, plan_actions: 3, accounts: 1, audit_log: 1 });
		});
	});
}

interface ChildReport {
	applied: string[];
	schemaVersion: string;
}

interface ChildResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Starts count processes that each open the vault; they all open it at the same moment, once every one is loaded. */
async function openInChildProcesses(config: VaultConfig, count: number): Promise<ChildResult[]> {
	const children = Array.from({ length: count }, () => {
		const child = spawn(process.execPath, ['-r', REGISTER_TS, OPEN_VAULT_CHILD], {
			cwd: REPO_ROOT,
			env: { ...process.env, VAULT_CONFIG: JSON.stringify(config) },
		});
		let stdout = '';
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const done = new Promise<ChildResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
		const ready = new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				stdout += chunk.toString();
				if (stdout.includes('ready\n')) resolve();
			});
			child.on('close', () => reject(new Error(`A vault process exited before it was ready:\n${stderr}`)));
		});
		return { child, ready, done };
	});
	try {
		await Promise.all(children.map((c) => c.ready));
	} finally {
		// Release them all even when one failed, so none is left waiting on stdin.
		for (const { child } of children) child.stdin.end('go\n');
	}
	return Promise.all(children.map((c) => c.done));
}

async function countWhere(vault: Vault, table: 'sources' | 'persons' | 'contracts' | 'audit_log', column: string, value: string): Promise<number> {
	const { n } = await vault.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where(vault.db.dynamic.ref(column), '=', value)
		.executeTakeFirstOrThrow();
	return Number(n);
}

function source(id: string): InsertRow<'sources'> {
	return { id, name: `source ${id}`, settings: null, created_at: new Date().toISOString() };
}

function person(sourceId: string, i: number): InsertRow<'persons'> & { id: string } {
	return {
		id: randomUUID(),
		source_id: sourceId,
		external_id: `E${i}`,
		merged_into: null,
		display_name: `Ada Lovelace ${i}`,
		given_name: 'Ada',
		family_name: `Lovelace-${i}`,
		birth_date: '1985-02-28',
		email: `ada.${i}@example.com`,
		phone: null,
		national_id: `NI-${i}`,
		data: JSON.stringify({ employeeNumber: `E${i}`, name: { given: 'Ada', family: `Lovelace-${i}` }, tags: ['é', '"quoted"'] }),
		input_h1: null,
		input_h2: null,
		input_rows: null,
		blocked_reason: null,
		status: 'active',
		first_seen_snapshot: 'snapshot-1',
		last_seen_snapshot: 'snapshot-1',
		updated_at: '2025-06-01T08:00:00.000Z',
	};
}

function contract(personId: string, sourceId: string, i: number): InsertRow<'contracts'> & { id: string } {
	return {
		id: randomUUID(),
		person_id: personId,
		source_id: sourceId,
		external_id: `C${String(i).padStart(6, '0')}`,
		start_date: '2020-01-01',
		end_date: null,
		title: 'Engineer',
		department_code: 'ENG',
		department_name: 'Engineering',
		manager_external_id: null,
		cost_centre: 'CC-1',
		location: 'Utrecht',
		employer: 'Acme',
		fte: 1,
		type: 'permanent',
		is_primary: 1,
		data: '{}',
	};
}

function action(planId: string, seq: number, extra: Partial<InsertRow<'plan_actions'>> = {}): InsertRow<'plan_actions'> {
	return {
		id: randomUUID(),
		plan_id: planId,
		seq,
		person_id: `person-${seq}`,
		target: 'ad',
		action: 'create',
		entitlement: null,
		reason: 'rule: employees get an account',
		due_date: '2025-06-01',
		status: 'pending',
		updated_at: '2025-06-01T00:00:00.000Z',
		...extra,
	};
}

function account(personId: string, target: string, accountRef: string): InsertRow<'accounts'> {
	const now = new Date().toISOString();
	return { id: randomUUID(), person_id: personId, target, account_ref: accountRef, state: 'enabled', data: '{}', created_at: now, updated_at: now };
}
