import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { sqliteVaultCredential } from '../harness';

const root = path.join(__dirname, '..', '..');

function cli(...args: string[]) {
	const run = spawnSync(process.execPath, ['-r', './test/support/register-ts.js', 'cli/index.ts', ...args], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env },
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('n8n-provisioning run <workflow.json>', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
	const vaultFile = path.join(dir, 'vault.sqlite');
	const credentialsFile = path.join(dir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify([sqliteVaultCredential(vaultFile)]));

	test('prints each node’s output summary and exits 0', () => {
		const { code, stdout, stderr } = cli('run', 'workflows/vault-status.json', '--credentials', credentialsFile);

		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toContain('Vault Status: 1 item(s)');
		expect(stdout).toContain(`"location":${JSON.stringify(vaultFile)}`);
		expect(stdout).toMatch(/Status: success\s*$/);
		expect(fs.existsSync(vaultFile)).toBe(true);
	});

	test('--json prints every node’s items', () => {
		const { code, stdout } = cli('run', 'workflows/vault-status.json', '--credentials', credentialsFile, '--json');

		expect(code).toBe(0);
		const parsed = JSON.parse(stdout);
		expect(parsed.status).toBe('success');
		expect(parsed.nodes['Vault Status'][0][0]).toMatchObject({ backend: 'sqlite', location: vaultFile });
	});

	test('a missing credentials file is a clear error and exit 1', () => {
		const { code, stderr } = cli('run', 'workflows/vault-status.json', '--credentials', path.join(dir, 'nope.json'));

		expect(code).toBe(1);
		expect(stderr).toContain(`Cannot read the credentials file ${path.join(dir, 'nope.json')}`);
	});

	test('without a workflow file it prints the usage and exits 2', () => {
		const { code, stdout } = cli('run');

		expect(code).toBe(2);
		expect(stdout).toContain('Usage: n8n-provisioning run <workflow.json>');
	});
});
