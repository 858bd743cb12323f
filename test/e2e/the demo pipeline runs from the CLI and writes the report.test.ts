import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { sqliteVaultCredential } from '../harness';

const root = path.join(__dirname, '..', '..');

test('n8n-provisioning run --input --binary-dir: the demo imports the sample, evaluates the rules and writes the report', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
	const credentials = path.join(dir, 'credentials.json');
	fs.writeFileSync(credentials, JSON.stringify([sqliteVaultCredential(path.join(dir, 'vault.sqlite'))]));
	const run = spawnSync(
		process.execPath,
		['-r', './test/support/register-ts.js', 'cli/index.ts', 'run', 'demo/pipeline.workflow.json', '--input', 'demo/hr-sample.json', '--credentials', credentials, '--binary-dir', dir],
		{ cwd: root, encoding: 'utf8', env: { ...process.env, N8N_USER_FOLDER: dir } },
	);

	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	const sample = JSON.parse(fs.readFileSync(path.join(root, 'demo/hr-sample.json'), 'utf8')) as Array<{ employeeId: string }>;
	const persons = new Set(sample.map((row) => row.employeeId)).size;
	expect(run.stdout).toContain(`"rows":${sample.length},"persons":${persons}`);
	expect(run.stdout).toMatch(/Publish Rules: 1 item\(s\)\s+{"version":1,"status":"published"/);
	const written = run.stdout.match(/^Wrote (.+)$/gm) ?? [];
	expect(written).toHaveLength(2); // the Report node runs once: one HTML, one CSV
	const html = fs.readdirSync(dir).find((file) => file.endsWith('.html')) as string;
	const report = fs.readFileSync(path.join(dir, html), 'utf8');
	expect(report).toContain('<html');
	expect(report).toContain('GRP-Managers');
	expect(run.stdout).toMatch(/Status: success\s*$/);
});
