import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The cached n8n install of the real-n8n lane, found as scripts/n8n-real.sh finds it. */
export function n8nCacheDir(): string {
	const version = process.env.N8N_VERSION || '2.41.1';
	return process.env.N8N_CACHE_DIR || path.join(process.env.HOME || os.homedir(), '.cache', 'n8n-provisioning', `n8n-${version}`);
}

/** n8n's built-in nodes (n8n-nodes-base) in that install, or undefined when it is not there. */
export function builtInNodesDir(): string | undefined {
	const dir = path.join(n8nCacheDir(), 'node_modules', 'n8n-nodes-base');
	return fs.existsSync(path.join(dir, 'dist', 'known', 'nodes.json')) ? dir : undefined;
}

/**
 * Runs the block when n8n's built-in nodes are installed (scripts/n8n-real.sh install) and
 * skips it visibly otherwise; REQUIRE_N8N_CACHE=1 (CI) makes a missing install fail instead.
 */
export function describeWithBuiltInNodes(name: string, fn: (builtInNodesDir: string) => void): void {
	const dir = builtInNodesDir();
	if (dir) {
		describe(name, () => fn(dir));
		return;
	}
	const where = path.join(n8nCacheDir(), 'node_modules', 'n8n-nodes-base');
	if (process.env.REQUIRE_N8N_CACHE === '1') {
		describe(name, () => {
			test('has n8n’s built-in nodes to run with', () => {
				throw new Error(`REQUIRE_N8N_CACHE=1 but ${where} is missing: run scripts/n8n-real.sh install`);
			});
		});
	} else {
		// Jest does not list a file whose tests are all skipped, so say why on stderr.
		const reason = `needs n8n’s built-in nodes: ${where} is missing, run scripts/n8n-real.sh install`;
		process.stderr.write(`skipped "${name}": ${reason}\n`);
		describe.skip(`${name} (${reason})`, () => {
			test('with n8n’s built-in nodes', () => undefined);
		});
	}
}
