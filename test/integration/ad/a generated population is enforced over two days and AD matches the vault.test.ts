import { loadAggregatedPersons } from '../../../lib/aggregation';
import { enforcePlan, primaryContractOf } from '../../../lib/enforcement';
import { evaluate } from '../../../lib/evaluation';
import { createActiveDirectoryConnector } from '../../../lib/targets/activeDirectory';
import { openVault } from '../../../lib/vault';
import type { Vault } from '../../../lib/vault/types';
import { describeWithAd, withAdClient, withTestOu, type AdTestSettings, type TestOu } from '../../support/ad';
import { importPopulationDay, POPULATION_DAY1, POPULATION_DAY2 } from '../../unit/enforcement/populationVault';
import { POPULATION_RULES } from '../../unit/evaluation/populationRules';
import { publish, saveDraft } from '../../../lib/rules';
import { adConnectorConfig } from './adConnectorSetup';
import { generatePopulation } from '../../../bench/population';

const PERSONS = 150;

interface Entry {
	dn: string;
	values: Record<string, string[]>;
}

async function entriesUnder(settings: AdTestSettings, base: string, filter: string, attributes: string[]): Promise<Map<string, Entry>> {
	return await withAdClient(settings, async (client) => {
		const { searchEntries } = await client.search(base, { filter, attributes, paged: { pageSize: 200 } });
		return new Map(
			searchEntries.map((e) => {
				const values: Record<string, string[]> = {};
				for (const attribute of attributes) {
					const value = e[attribute];
					values[attribute] = value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
				}
				return [e.dn.toLowerCase(), { dn: e.dn, values }];
			}),
		);
	});
}

/** Every linked account in AD has the vault person's attributes, state, OU, manager and groups; nothing else is there. */
async function expectAdMatchesVault(vault: Vault, settings: AdTestSettings, ou: TestOu): Promise<{ accounts: number; disabled: number; withManager: number; memberships: number }> {
	const users = await entriesUnder(settings, ou.dn, '(&(objectClass=user)(employeeID=*))', ['employeeID', 'sAMAccountName', 'givenName', 'sn', 'title', 'department', 'userAccountControl', 'manager', 'memberOf']);
	const groups = await entriesUnder(settings, ou.groupsOu, '(objectClass=group)', ['cn']);
	const accounts = await vault.db.selectFrom('accounts').selectAll().where('target', '=', 'activeDirectory').where('state', '!=', 'deleted').execute();
	const byPerson = new Map(accounts.map((a) => [a.person_id, a]));
	const dnOf = (data: string) => String((JSON.parse(data) as { attributes: Record<string, unknown> }).attributes.distinguishedName).toLowerCase();
	expect(users.size).toBe(accounts.length);
	const persons = await loadAggregatedPersons(vault, { ids: accounts.map((a) => a.person_id), includeGone: true });
	let disabled = 0;
	let withManager = 0;
	let memberships = 0;
	for (const person of persons) {
		const account = person.sources.map((s) => byPerson.get(s.personId)).find(Boolean)!;
		const user = users.get(dnOf(account.data));
		expect(user).toBeDefined();
		const { values } = user!;
		const contract = primaryContractOf(person);
		expect(values.employeeID).toEqual([person.externalId]);
		expect(values.givenName).toEqual([person.name.given]);
		expect(values.sn).toEqual([person.name.family]);
		expect(values.title).toEqual(contract?.title ? [contract.title] : []);
		expect(values.department).toEqual(contract?.department?.name ? [contract.department.name] : []);
		const enabled = (Number(values.userAccountControl[0]) & 2) === 0;
		expect(enabled ? 'enabled' : 'disabled').toBe(account.state);
		// New accounts start in the users OU (enabled on the start date); disabling moves them to the disabled OU.
		const inDisabledOu = user!.dn.toLowerCase().endsWith(ou.disabledOu.toLowerCase());
		if (enabled) expect(inDisabledOu).toBe(false);
		if (inDisabledOu) disabled++;
		// Groups in AD are exactly the grants the vault records.
		const granted = await vault.db.selectFrom('granted_entitlements').select('entitlement_name').where('person_id', 'in', person.sources.map((s) => s.personId)).where('target', '=', 'activeDirectory').execute();
		const memberOf = values.memberOf.map((dn) => groups.get(dn.toLowerCase())?.values.cn[0]).sort();
		expect(memberOf).toEqual(granted.map((g) => g.entitlement_name).sort());
		memberships += memberOf.length;
		// The manager is the manager's account, when the manager has one.
		if (values.manager.length) {
			withManager++;
			const manager = users.get(values.manager[0].toLowerCase());
			expect(manager).toBeDefined();
			const managerPerson = persons.find((p) => p.externalId === manager!.values.employeeID[0]);
			expect(managerPerson?.externalId).toBe(person.managerExternalId);
		}
	}
	return { accounts: accounts.length, disabled, withManager, memberships };
}

describeWithAd('a generated population in Active Directory', (settings) => {
	let ou: TestOu;
	let vault: Vault;
	beforeAll(async () => {
		ou = await withTestOu(settings);
		vault = await openVault({ backend: 'sqlite', path: ':memory:' });
		const population = generatePopulation({ persons: PERSONS, seed: 21, day: 2, changeRate: 0.1 });
		const names = new Set(['Senior staff', 'New starters', ...population.departments.map((d) => `GRP-${(d as { code: string }).code}`)]);
		await withAdClient(settings, async (client) => {
			let n = 0;
			for (const name of names) await client.add(`CN=${name},${ou.groupsOu}`, { objectClass: ['top', 'group'], sAMAccountName: `g${Date.now().toString(36)}${n++}` });
		});
	}, 60_000);
	afterAll(async () => {
		await vault?.close();
		await ou?.dispose();
	});

	test(`${PERSONS} persons: day 1 joiners with name collisions, managers and department groups; day 2 movers, leavers and rehires; AD equals the vault after each`, async () => {
		// The generated names include hostile ones (O'Brien, Jr. (Sales)*, #Müller\): usernames keep letters only, cn keeps the name as it is.
		const config = adConnectorConfig(settings, ou);
		const clean = (part: string) => `{{person.name.${part} | normalizeDiacritics | stripNonAlphanumeric | lower}}`;
		config.accounts.unique.sAMAccountName = [
			{ type: 'template', template: `${clean('given')}.${clean('family')}`.replace(`${clean('given')}`, `{{person.name.given | normalizeDiacritics | stripNonAlphanumeric | left(1) | lower}}`) },
			{ type: 'template', template: `${clean('given')}.${clean('family')}` },
		];
		const connector = createActiveDirectoryConnector(config);
		try {
			await importPopulationDay(vault, PERSONS, 1, 21, 0.1);
			await saveDraft(vault, POPULATION_RULES);
			await publish(vault);
			const plan1 = await evaluate(vault, { asOf: POPULATION_DAY1, targets: ['activeDirectory'] });
			const day1 = await enforcePlan(vault, connector, { planId: plan1.planId, asOf: POPULATION_DAY1, concurrency: 4 });
			expect(day1.reports).toEqual([]);
			expect(day1.summary).toMatchObject({ failed: 0, skipped: 0, remaining: 0 });
			const after1 = await expectAdMatchesVault(vault, settings, ou);
			expect(after1.accounts).toBe(day1.summary.byAction.create?.done);
			expect(after1.withManager).toBeGreaterThan(PERSONS / 2);
			// Name collisions: some accounts got the second candidate or a number.
			const names = (await vault.db.selectFrom('accounts').select('data').execute()).map((a) => (JSON.parse(a.data) as { name: string }).name);
			expect(names.some((name) => /\d$/.test(name) || !/^.\./.test(name))).toBe(true);

			await importPopulationDay(vault, PERSONS, 2, 21, 0.1);
			const plan2 = await evaluate(vault, { asOf: POPULATION_DAY2, targets: ['activeDirectory'], mode: 'incremental' });
			const planned = plan2.summary.actions.activeDirectory ?? {};
			expect(planned).toEqual(expect.objectContaining({ create: expect.any(Number), update: expect.any(Number), disable: expect.any(Number), grant: expect.any(Number), revoke: expect.any(Number) }));
			const day2 = await enforcePlan(vault, connector, { planId: plan2.planId, asOf: POPULATION_DAY2, concurrency: 4 });
			expect(day2.reports).toEqual([]);
			expect(day2.summary).toMatchObject({ failed: 0, skipped: 0, remaining: 0 });
			const after2 = await expectAdMatchesVault(vault, settings, ou);
			expect(after2.disabled).toBe(day2.summary.byAction.disable?.done);
			expect(after2.disabled).toBe(planned.disable);
			// Nothing left to do: the next evaluation plans no AD action.
			const steady = await evaluate(vault, { asOf: POPULATION_DAY2, targets: ['activeDirectory'], mode: 'incremental' });
			expect(steady.summary.actions.activeDirectory ?? {}).toEqual({});
		} finally {
			await connector.close();
		}
	}, 600_000);
});
