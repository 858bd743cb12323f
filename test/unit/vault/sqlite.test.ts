import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';

import { openVault } from '../../../lib/vault';
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
});
