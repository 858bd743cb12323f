// Child process for the "several processes open one fresh vault" test:
//   node -r ./test/support/register-ts.js test/unit/vault/openVault.child.ts
// VAULT_CONFIG holds the vault config as JSON. The child loads everything, prints "ready",
// waits for a line on stdin so all children open the vault at the same moment, then prints
// {"applied": [...], "schemaVersion": "..."} and exits.
import * as readline from 'node:readline';
import { openVault } from '../../../lib/vault';
import type { VaultConfig } from '../../../lib/vault/types';

async function main(): Promise<void> {
	const config = JSON.parse(process.env.VAULT_CONFIG ?? '') as VaultConfig;
	const lines = readline.createInterface({ input: process.stdin });
	const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
	process.stdout.write('ready\n');
	await go;
	lines.close();

	let applied: string[] = [];
	const vault = await openVault(config, { onMigrated: (names) => (applied = names) });
	try {
		const { schemaVersion } = await vault.status();
		process.stdout.write(`${JSON.stringify({ applied, schemaVersion })}\n`);
	} finally {
		await vault.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
