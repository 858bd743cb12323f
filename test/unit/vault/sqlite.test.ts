import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';

import { openVault } from '../../../lib/vault';
import { Checkpointer } from '../../../lib/vault/sqlite/checkpointer';
import { describeVaultContract } from './vaultContract';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-sqlite-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let freshVaults = 0;
const freshFile = async () => ({
	backend: 'sqlite' as const,
	// A folder that does not exist yet: opening the vault creates it.
	path: path.join(folder, `fresh-${++freshVaults}`, 'vault.sqlite'),
});

describeVaultContract('SQLite in-memory', {
	open: () => openVault({ backend: 'sqlite', path: ':memory:' }),
	shared: false,
});

describeVaultContract('SQLite file', {
	open: () => openVault({ backend: 'sqlite', path: path.join(folder, 'shared', 'vault.sqlite') }),
	shared: true,
	freshConfig: freshFile,
});

describe('SQLite file vault', () => {
	test('is created with its folder, in WAL mode, at the path it reports', async () => {
		const config = await freshFile();
		const vault = await openVault(config);
		try {
			expect(vault.location).toBe(config.path);
			expect(fs.existsSync(config.path)).toBe(true);
			const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(vault.db);
			expect(rows[0].journal_mode).toBe('wal');
		} finally {
			await vault.close();
		}
	});

	test('a path that cannot be a file gives an error naming the vault', async () => {
		const notAFolder = path.join(folder, 'plain-file');
		fs.writeFileSync(notAFolder, 'x');
		await expect(openVault({ backend: 'sqlite', path: path.join(notAFolder, 'vault.sqlite') })).rejects.toThrow(
			/^Cannot open the vault at .*plain-file/,
		);
	});

	test('a second vault in the same process waits for a running write without freezing the process', async () => {
		const config = await freshFile();
		const importer = await openVault(config);
		const enforcer = await openVault(config);
		try {
			let ticks = 0;
			const timer = setInterval(() => ticks++, 10);
			let release!: () => void;
			const importing = importer.transaction(async (trx) => {
				await trx.insertInto('locks').values({ name: 'import', owner: 'importer', acquired_at: 'a', expires_at: 'b' }).execute();
				await new Promise<void>((resolve) => (release = resolve));
			});
			const locking = enforcer.acquireLock('enforce', 'enforcer', 60_000);
			await new Promise((resolve) => setTimeout(resolve, 300));
			release();
			await importing;
			expect(await locking).toBe(true);
			clearInterval(timer);
			// The event loop kept running while the enforcer waited for the write lock.
			expect(ticks).toBeGreaterThan(10);
		} finally {
			await importer.close();
			await enforcer.close();
		}
	});

	test('a closed vault says so instead of hanging', async () => {
		const vault = await openVault({ backend: 'sqlite', path: ':memory:' });
		await vault.close();
		await expect(vault.status()).rejects.toThrow();
	});

	test('a large write commits without copying its log into the file; a background thread does that, and closing leaves no log', async () => {
		const config = await freshFile();
		const vault = await openVault(config);
		const mainFileSize = () => fs.statSync(config.path).size;
		const sizeBefore = mainFileSize();
		const at = new Date().toISOString();
		const rows = Array.from({ length: 20_000 }, (_, i) => ({ at, action: 'write', message: `entry ${i} ${'x'.repeat(200)}`, is_error: 0 as const }));
		try {
			await vault.insertMany(vault.db, 'audit_log', rows);
			// About 5 MB went to the write-ahead log; the checkpointer copies it into the file within a few seconds.
			const deadline = Date.now() + 10_000;
			while (mainFileSize() < sizeBefore + 4_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(mainFileSize()).toBeGreaterThan(sizeBefore + 4_000_000);
			const { rows: counted } = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(vault.db);
			expect(Number(counted[0].n)).toBe(20_000);
		} finally {
			await vault.close();
		}
		expect(fs.existsSync(`${config.path}-wal`)).toBe(false);
	});

	test('a checkpoint thread that cannot open the file reports it instead of crashing the process, and stops at once', async () => {
		let reported: (error: Error) => void = () => undefined;
		const failure = new Promise<Error>((resolve) => (reported = resolve));
		const checkpointer = new Checkpointer(path.join(folder, 'no-such-folder', 'vault.sqlite'), (error) => reported(error));
		expect((await failure).message).toMatch(/unable to open database file/);
		await expect(checkpointer.stop()).resolves.toBeUndefined();
	});
});
