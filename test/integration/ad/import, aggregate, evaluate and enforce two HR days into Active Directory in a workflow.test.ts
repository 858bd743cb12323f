import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';

import { POPULATION_MAPPING } from '../../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import type { CredentialRecord } from '../../../cli/credentials';
import type { WorkflowJson } from '../../../cli/runWorkflow';
import { publish, saveDraft } from '../../../lib/rules';
import { openVault } from '../../../lib/vault';
import { runInN8n, sqliteVaultCredential } from '../../harness';
import { describeWithAd, withAdClient, withTestOu, type AdTestSettings, type TestOu } from '../../support/ad';
import { POPULATION_RULES } from '../../unit/evaluation/populationRules';

const PERSONS = 40;
const credentials = { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } };
const adCredentials = { ...credentials, activeDirectoryApi: { id: 'ad', name: 'Active Directory' } };

const node = (name: string, type: string, x: number, parameters: INode['parameters'], extra: Partial<INode> = {}): INode => ({
	id: name,
	name,
	type: `n8n-nodes-provisioning.${type}`,
	typeVersion: 1,
	position: [x, 300],
	parameters,
	credentials,
	...extra,
});

function adCredential(settings: AdTestSettings): CredentialRecord {
	return {
		id: 'ad',
		name: 'Active Directory',
		type: 'activeDirectoryApi',
		data: { urls: settings.url, security: 'ldaps', bindDn: settings.bindDN, password: settings.bindPassword, baseDn: settings.baseDN, caCertificate: settings.caCertificate, verifyServer: true },
	};
}

const ou = (dn: string) => ({ __rl: true, mode: 'dn', value: dn });

function pipeline(asOf: string, test: TestOu): WorkflowJson {
	return {
		name: 'JML into Active Directory',
		nodes: [
			node('Import HR', 'provisioningImport', 0, {
				resource: 'import',
				operation: 'import',
				source: 'HR',
				rowShape: 'contract',
				mode: 'full',
				mappingSource: 'json',
				mappingJson: JSON.stringify(POPULATION_MAPPING),
				options: { asOf, maxChanges: 0 },
			}),
			node('Aggregate', 'personAggregation', 200, { resource: 'aggregation', operation: 'run', options: { maxItems: 0 } }),
			node('Evaluate', 'provisioningEvaluate', 400, { resource: 'plan', operation: 'evaluate', asOf, mode: 'incremental', maxItems: 0 }),
			node(
				'Active Directory',
				'activeDirectory',
				600,
				{
					resource: 'plan',
					operation: 'enforce',
					planId: '={{ $json.planId }}',
					targetName: 'activeDirectory',
					initialOu: ou(test.usersOu),
					disabledOu: ou(test.disabledOu),
					correlationPersonField: 'person.externalId',
					correlationAttribute: 'employeeID',
					groupSearchBase: test.groupsOu,
					accountSearchBase: test.dn,
					options: { asOf, maxEvents: 1000, includeInitialPassword: true },
				},
				{ credentials: adCredentials },
			),
		],
		connections: {
			'Import HR': { main: [[{ node: 'Aggregate', type: 'main', index: 0 }], []] },
			Aggregate: { main: [[{ node: 'Evaluate', type: 'main', index: 0 }]] },
			Evaluate: { main: [[{ node: 'Active Directory', type: 'main', index: 0 }], []] },
		},
		settings: { executionOrder: 'v1' },
	};
}

interface AdUser {
	dn: string;
	employeeID: string;
	sAMAccountName: string;
	title?: string;
	enabled: boolean;
	manager?: string;
	memberOf: string[];
}

async function usersUnder(settings: AdTestSettings, base: string): Promise<Map<string, AdUser>> {
	return await withAdClient(settings, async (client) => {
		const { searchEntries } = await client.search(base, {
			filter: '(&(objectClass=user)(employeeID=*))',
			attributes: ['employeeID', 'sAMAccountName', 'title', 'userAccountControl', 'manager', 'memberOf'],
		});
		const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);
		return new Map(
			searchEntries.map((e) => [
				String(e.employeeID),
				{
					dn: e.dn,
					employeeID: String(e.employeeID),
					sAMAccountName: String(e.sAMAccountName),
					title: e.title ? String(e.title) : undefined,
					enabled: (Number(e.userAccountControl) & 2) === 0,
					manager: e.manager ? String(e.manager) : undefined,
					memberOf: list(e.memberOf),
				},
			]),
		);
	});
}

describeWithAd('the JML pipeline in n8n’s engine writes two HR days into Active Directory', (settings) => {
	let test_: TestOu;
	let file: string;
	beforeAll(async () => {
		test_ = await withTestOu(settings);
		file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ad-workflow-')), 'vault.sqlite');
		const vault = await openVault({ backend: 'sqlite', path: file });
		try {
			await saveDraft(vault, POPULATION_RULES);
			await publish(vault);
		} finally {
			await vault.close();
		}
		// The groups the rules grant: one per department, plus the title and date rules' groups.
		const population = generatePopulation({ persons: PERSONS, seed: 5, day: 2, changeRate: 0.1 });
		const names = new Set(['Senior staff', 'New starters', ...population.departments.map((d) => `GRP-${(d as { code: string }).code}`)]);
		await withAdClient(settings, async (client) => {
			for (const name of names) {
				await client.add(`CN=${name},${test_.groupsOu}`, { objectClass: ['top', 'group'], sAMAccountName: `${name.replace(/\s+/g, '-')}-${path.basename(file).length}${Math.random().toString(36).slice(2, 8)}`.slice(0, 20) });
			}
		});
	}, 60_000);
	afterAll(async () => await test_?.dispose());

	test('day 1 creates every account with its attributes, manager and groups; day 2 updates movers and disables leavers', async () => {
		const day1 = generatePopulation({ persons: PERSONS, seed: 5, day: 1, changeRate: 0.1 });
		const run1 = await runInN8n(pipeline(POPULATION_DAY1, test_), [sqliteVaultCredential(file), adCredential(settings)], { input: [...day1.primary.rows] as unknown as IDataObject[] });
		expect(run1.error).toBeUndefined();
		const [summary1] = run1.json('Active Directory', 0);
		expect(summary1).toMatchObject({ failed: 0, skipped: 0, remaining: 0, dryRun: false });
		const events1 = run1.json('Active Directory', 1);
		const created = events1.filter((e) => e.event === 'accountCreated');
		expect(created.length).toBeGreaterThan(PERSONS / 2);
		expect(created.every((e) => typeof e.initialPassword === 'string' && (e.initialPassword as string).length >= 16)).toBe(true);

		const users = await usersUnder(settings, test_.dn);
		expect(users.size).toBe(created.length);
		for (const event of created) {
			const user = users.get(String(event.externalId))!;
			expect(user).toBeDefined();
			expect(user.sAMAccountName).toBe(event.account);
			expect(user.dn.endsWith(test_.usersOu)).toBe(true);
		}
		const grants = events1.filter((e) => e.event === 'permissionGranted');
		expect([...users.values()].reduce((n, u) => n + u.memberOf.length, 0)).toBe(grants.length);
		const withManagerAccount = created.filter((e) => (e.manager as { account: string | null } | null)?.account);
		const managersInAd = [...users.values()].filter((u) => u.manager && [...users.values()].some((m) => m.dn === u.manager));
		expect(managersInAd.length).toBeGreaterThanOrEqual(withManagerAccount.length);
		expect(managersInAd.length).toBeGreaterThan(0);

		// No password reached the vault or its audit log.
		const vaultText = fs.readFileSync(file).toString('latin1');
		for (const event of created.slice(0, 10)) expect(vaultText).not.toContain(String(event.initialPassword));

		const day2 = generatePopulation({ persons: PERSONS, seed: 5, day: 2, changeRate: 0.1 });
		const run2 = await runInN8n(pipeline(POPULATION_DAY2, test_), [sqliteVaultCredential(file), adCredential(settings)], { input: [...day2.primary.rows] as unknown as IDataObject[] });
		expect(run2.error).toBeUndefined();
		const [summary2] = run2.json('Active Directory', 0);
		expect(summary2).toMatchObject({ failed: 0, skipped: 0 });
		const events2 = run2.json('Active Directory', 1);
		const after = await usersUnder(settings, test_.dn);
		const disabled = events2.filter((e) => e.event === 'accountDisabled');
		expect(disabled.length).toBeGreaterThan(0);
		for (const event of disabled) {
			const user = after.get(String(event.externalId))!;
			expect(user.enabled).toBe(false);
			expect(user.dn.endsWith(test_.disabledOu)).toBe(true);
		}
		const updated = events2.filter((e) => e.event === 'accountUpdated');
		expect(updated.length).toBeGreaterThan(0);
		for (const event of updated) {
			const title = (event.changes as Array<{ attribute: string; after: unknown }>).find((c) => c.attribute === 'title');
			if (title) expect(after.get(String(event.externalId))!.title).toBe(title.after);
		}
		const joiners = events2.filter((e) => e.event === 'accountCreated');
		for (const event of joiners) expect(after.get(String(event.externalId))).toBeDefined();

		// The correlation report: every account made belongs to its person; one made by hand belongs to no one.
		await withAdClient(settings, async (client) => {
			await client.add(`CN=Hand Made,${test_.usersOu}`, { objectClass: ['top', 'person', 'organizationalPerson', 'user'], sAMAccountName: `hand-${Date.now() % 100000}`, employeeID: 'not-in-hr' });
		});
		const reportNode = node('Correlation', 'activeDirectory', 0, {
			resource: 'correlation',
			operation: 'report',
			targetName: 'activeDirectory',
			initialOu: ou(test_.usersOu),
			accountSearchBase: test_.dn,
			correlationPersonField: 'person.externalId',
			correlationAttribute: 'employeeID',
			maxItems: 100,
		}, { credentials: adCredentials });
		const report = await runInN8n({ name: 'Correlation report', nodes: [reportNode], connections: {}, settings: { executionOrder: 'v1' } }, [sqliteVaultCredential(file), adCredential(settings)]);
		expect(report.error).toBeUndefined();
		const [counts, ...entries] = report.json('Correlation', 0);
		expect(counts.counts).toMatchObject({ linked: after.size, accountsWithoutPerson: 1, personsWithSeveralAccounts: 0, linkedAccountMissing: 0 });
		expect(entries.filter((e) => e.category === 'accountsWithoutPerson')).toEqual([expect.objectContaining({ category: 'accountsWithoutPerson' })]);
		expect(report.nodes.Correlation.outputs[0][0].binary?.report?.mimeType).toBe('text/html');
	}, 300_000);
});
