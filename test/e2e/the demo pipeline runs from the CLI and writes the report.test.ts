import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { sqliteVaultCredential } from '../harness';

const root = path.join(__dirname, '..', '..');
const withoutAd = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AD_')));

test('n8n-provisioning run --start --input: the demo import workflow imports the sample HR export', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cli-'));
	const credentials = path.join(dir, 'credentials.json');
	fs.writeFileSync(credentials, JSON.stringify([sqliteVaultCredential(path.join(dir, 'vault.sqlite'))]));
	const run = spawnSync(
		process.execPath,
		['-r', './test/support/register-ts.js', 'cli/index.ts', 'run', 'demo/import.workflow.json', '--start', 'Import HR', '--input', 'demo/data/hr-day1.json', '--credentials', credentials],
		{ cwd: root, encoding: 'utf8', env: { ...process.env, N8N_USER_FOLDER: dir } },
	);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	const sample = JSON.parse(fs.readFileSync(path.join(root, 'demo/data/hr-day1.json'), 'utf8')) as Array<{ employeeId: string }>;
	expect(run.stdout).toContain(`"rows":${sample.length},"persons":${new Set(sample.map((row) => row.employeeId)).size}`);
	expect(run.stdout).toMatch(/Status: success\s*$/);
});

test('npm run demo without a directory: two days of two sources, the summary table and the evaluation and correlation reports', () => {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
	const run = spawnSync(process.execPath, ['-r', './test/support/register-ts.js', 'demo/run.ts'], {
		cwd: root,
		encoding: 'utf8',
		env: { ...withoutAd, DEMO_OUTPUT: out, N8N_USER_FOLDER: out },
	});
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	const lines = run.stdout.split('\n');
	expect(lines[0]).toMatch(/^Evaluation only: set AD_URL/);
	const hr1 = JSON.parse(fs.readFileSync(path.join(root, 'demo/data/hr-day1.json'), 'utf8')) as Array<{ employeeId: string }>;
	expect(run.stdout).toMatch(new RegExp(`HR rows / persons\\s+${hr1.length} / ${new Set(hr1.map((r) => r.employeeId)).size}\\s`));
	// Day 2 has joiners, movers, leavers and rehires; day 1 merged persons found in both sources.
	expect(run.stdout).toMatch(/Joiners \/ movers \/ leavers \/ rehires\s+\d+ \/ 0 \/ 0 \/ 0\s+[1-9]\d* \/ [1-9]\d* \/ [1-9]\d* \/ [1-9]\d*/);
	expect(run.stdout).toMatch(/Persons merged across sources\s+[1-9]\d*/);
	expect(run.stdout).toMatch(/Correlation \(demo\/data\/directory-export.json\): [1-9]\d* persons with an account, [1-9]\d* without, [1-9]\d* accounts of no one, 1 persons with several accounts/);
	const files = fs.readdirSync(out).sort();
	expect(files).toEqual(expect.arrayContaining(['correlation.csv', 'correlation.html', 'day1-evaluation.csv', 'day1-evaluation.html', 'day2-evaluation.csv', 'day2-evaluation.html']));
	expect(fs.readFileSync(path.join(out, 'day1-evaluation.html'), 'utf8')).toContain('GRP-Managers');
	expect(fs.readFileSync(path.join(out, 'correlation.html'), 'utf8')).toContain('svc-backup');
}, 120_000);
