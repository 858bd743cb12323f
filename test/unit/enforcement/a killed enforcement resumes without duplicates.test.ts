import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { enforcePlan } from '../../../lib/enforcement';
import { openVault } from '../../../lib/vault';
import type { VaultConfig } from '../../../lib/vault/types';
import { freshPostgresDatabase } from '../../support/postgres';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { actionStatuses, liveAccounts, POPULATION_DAY1, populationPlan } from './populationVault';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const writesIn = (file: string): number => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { writes: unknown[] }).writes.length : 0);

const backends: Array<[string, () => Promise<{ config: VaultConfig; dispose: () => Promise<void> }>]> = [
	['SQLite file', async () => ({ config: { backend: 'sqlite', path: path.join(mkdtempSync(path.join(tmpdir(), 'kill-')), 'vault.sqlite') }, dispose: async () => {} })],
];
if (process.env.TEST_POSTGRES_URL) {
	backends.push([
		'PostgreSQL',
		async () => {
			const { url, dispose } = await freshPostgresDatabase();
			const config: VaultConfig = { backend: 'postgres', host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: decodeURIComponent(url.username), ssl: 'disable' };
			return { config, dispose };
		},
	]);
}

describe.each(backends)('%s', (_name, makeVault) => {
	test('the enforcing process is killed mid-run; the next run finishes the plan and never creates an account twice', async () => {
		const { config, dispose } = await makeVault();
		const folder = mkdtempSync(path.join(tmpdir(), 'kill-dir-'));
		const directoryFile = path.join(folder, 'directory.json');
		const vault = await openVault(config);
		try {
			const planId = await populationPlan(vault, 60);
			const pending = (await actionStatuses(vault, planId)).pending;

			const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/register-ts.js'), path.join(__dirname, 'enforce.child.ts')], {
				cwd: REPO_ROOT,
				env: { ...process.env, VAULT_CONFIG: JSON.stringify(config), DIRECTORY_FILE: directoryFile, PLAN_ID: planId },
			});
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			const exited = new Promise((resolve) => child.on('close', resolve));
			const deadline = Date.now() + 60_000;
			while (writesIn(directoryFile) < 20 && Date.now() < deadline && child.exitCode === null) await sleep(5);
			child.kill('SIGKILL');
			await exited;
			expect(output).not.toContain('finished');

			// The kill left work undone and actions claimed by the dead run.
			const killed = await actionStatuses(vault, planId);
			expect(killed.done ?? 0).toBeLessThan(pending);
			expect(killed.claimed).toBeGreaterThan(0);
			const writtenBeforeKill = writesIn(directoryFile);
			expect(writtenBeforeKill).toBeGreaterThanOrEqual(20);

			// The dead run's lock expires; the next run takes over.
			await sleep(1200);
			const directory = new FakeDirectory(directoryFile);
			const resumed = await enforcePlan(vault, createMemoryConnector(directory, { target: 'activeDirectory' }), { planId, asOf: POPULATION_DAY1 });
			expect(resumed.summary.failed).toBe(0);
			expect(await actionStatuses(vault, planId)).toEqual({ done: pending });

			const employeeIds = [...directory.accounts.values()].map((a) => a.attributes.employeeId);
			expect(new Set(employeeIds).size).toBe(employeeIds.length);
			const creates = directory.writes.filter(([op]) => op === 'create');
			expect(creates).toHaveLength(directory.accounts.size);
			const accounts = await liveAccounts(vault);
			expect(accounts.map((a) => a.account_ref).sort()).toEqual([...directory.accounts.keys()].sort());
			const memberships = [...directory.accounts.values()].reduce((n, a) => n + a.groups.length, 0);
			expect(await vault.db.selectFrom('granted_entitlements').select('id').execute()).toHaveLength(memberships);
		} finally {
			await vault.close();
			await dispose();
			rmSync(folder, { recursive: true, force: true });
		}
	}, 120_000);
});
