import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describeWithAd, withAdClient, withTestOu, type TestOu } from '../../support/ad';

const root = path.join(__dirname, '..', '..', '..');

describeWithAd('npm run demo with a directory', (settings) => {
	let ou: TestOu;
	beforeAll(async () => (ou = await withTestOu(settings)));
	afterAll(async () => await ou?.dispose());

	test('enforces day 1 and day 2, prints what it wrote, and the correlation report reads the accounts back', async () => {
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-ad-'));
		const run = spawnSync(process.execPath, ['-r', './test/support/register-ts.js', 'demo/run.ts'], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, AD_DEMO_OU: ou.dn, DEMO_OUTPUT: out, N8N_USER_FOLDER: out },
		});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(`Enforced into Active Directory under ${ou.dn}`);
		const written = run.stdout.match(/^Written to AD\s+(.+?\(failed 0\))\s+(.+\(failed 0\))$/m);
		expect(written).not.toBeNull();
		const created = Number(/create (\d+)/.exec(written![1])![1]);
		const users = await withAdClient(settings, async (client) => (await client.search(ou.dn, { filter: '(&(objectClass=user)(employeeID=*))', attributes: ['employeeID'] })).searchEntries);
		expect(users.length).toBe(created + Number(/create (\d+)/.exec(written![2])?.[1] ?? 0));
		expect(run.stdout).toMatch(new RegExp(`Correlation \\(Active Directory\\): ${users.length} persons with an account, \\d+ without, 0 accounts of no one`));
	}, 300_000);
});
