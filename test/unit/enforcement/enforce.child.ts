// Child process for "a killed enforcement resumes without duplicates":
//   node -r ./test/support/register-ts.js test/unit/enforcement/enforce.child.ts
// VAULT_CONFIG: the vault config as JSON; DIRECTORY_FILE: the fake directory's file; PLAN_ID.
// Enforces the plan slowly (a pause after every target write) until the parent kills it.
import { enforcePlan } from '../../../lib/enforcement';
import { openVault } from '../../../lib/vault';
import type { VaultConfig } from '../../../lib/vault/types';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { POPULATION_DAY1 } from './populationVault';

async function main(): Promise<void> {
	const vault = await openVault(JSON.parse(process.env.VAULT_CONFIG ?? '') as VaultConfig);
	const connector = createMemoryConnector(new FakeDirectory(process.env.DIRECTORY_FILE), { target: 'activeDirectory', delayAfterWriteMs: 25 });
	await enforcePlan(vault, connector, { planId: process.env.PLAN_ID ?? '', asOf: POPULATION_DAY1, concurrency: 3, batchSize: 6, lockTtlMs: 1000, worker: 'killed-run' });
	process.stdout.write('finished\n');
	await vault.close();
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
