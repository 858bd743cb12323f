import { buildCorrelationReport, linkAccount } from '../../../lib/correlation';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { adAccount, FakeTargetConnector } from '../../support/fakeTargetConnector';
import { AS_OF, brief, importStaff, personIdOf, staff } from './correlationFixtures';

/**
 * Anna is linked to acc-anna (which carries Carla's number by mistake), Bob's number is on
 * acc-bob, Carla has nothing of her own, Dirk's number is on two accounts, Eva is linked to
 * an account the target no longer has, Frank left HR but his account is still linked to him.
 */
async function seed(vault: Vault): Promise<FakeTargetConnector> {
	const frank = staff('E006', 'Frank', 'Leaver');
	await importStaff(vault, [
		staff('E001', 'Anna', 'Linked', { contractId: 'E001-old', fte: 0.2 }),
		staff('E001', 'Anna', 'Linked', { contractId: 'E001-main', fte: 1 }),
		staff('E002', 'Bob', 'Matched'),
		staff('E003', 'Carla', 'Without'),
		staff('E004', 'Dirk', 'Twice'),
		staff('E005', 'Eva', 'Missing'),
		frank,
	]);
	const accounts = [
		adAccount('acc-anna', 'anna.linked', 'E003'),
		adAccount('acc-bob', 'bob.matched', 'E002'),
		adAccount('acc-dirk-1', 'dirk.twice', 'E004'),
		adAccount('acc-dirk-2', 'dirk.twice2', 'E004', { enabled: false }),
		adAccount('svc-backup', 'svc-backup'),
		adAccount('acc-nobody', 'old.temp', 'E999'),
		adAccount('acc-frank', 'frank.leaver', 'E006', { enabled: false }),
	];
	await linkAccount(vault, { target: 'activeDirectory', personId: await personIdOf(vault, 'E001'), accountRef: 'acc-anna', account: accounts[0] });
	await linkAccount(vault, {
		target: 'activeDirectory',
		personId: await personIdOf(vault, 'E005'),
		accountRef: 'acc-eva',
		account: adAccount('acc-eva', 'eva.missing', 'E005'),
	});
	await linkAccount(vault, { target: 'activeDirectory', personId: await personIdOf(vault, 'E006'), accountRef: 'acc-frank', account: accounts[6] });
	// Frank leaves: the next full export no longer has him.
	await importStaff(vault, [
		staff('E001', 'Anna', 'Linked', { contractId: 'E001-old', fte: 0.2 }),
		staff('E001', 'Anna', 'Linked', { contractId: 'E001-main', fte: 1 }),
		staff('E002', 'Bob', 'Matched'),
		staff('E003', 'Carla', 'Without'),
		staff('E004', 'Dirk', 'Twice'),
		staff('E005', 'Eva', 'Missing'),
	]);
	return new FakeTargetConnector(accounts);
}

forEachBackend((open) => {
	test('every person and account lands in the category an admin acts on', async () => {
		await withVault(open, async (vault) => {
			const report = await buildCorrelationReport(vault, await seed(vault), { asOf: AS_OF });

			expect(brief(report)).toEqual({
				correlated: ['E001 linked acc-anna', 'E002 matched acc-bob', 'E006 linked acc-frank'],
				// Carla's number sits on Anna's linked account: that does not make it Carla's.
				personsWithoutAccount: ['E003', 'E005'],
				personsWithoutValue: [],
				accountsWithoutPerson: ['acc-nobody', 'svc-backup'],
				personsWithSeveralAccounts: ['E004: acc-dirk-1, acc-dirk-2'],
				linkedAccountMissing: ['E005 acc-eva'],
			});
			expect(report.counts).toEqual({
				persons: 5,
				targetAccounts: 7,
				correlated: 3,
				linked: 2,
				matched: 1,
				personsWithoutAccount: 2,
				personsWithoutValue: 0,
				personsOutOfScope: 0,
				accountsWithoutPerson: 2,
				personsWithSeveralAccounts: 1,
				linkedAccountMissing: 1,
			});
			expect(report.target).toBe('activeDirectory');
		});
	});

	test('a linked account shows its link state, a leaver is marked as no longer active, a missing account keeps its last known name', async () => {
		await withVault(open, async (vault) => {
			const report = await buildCorrelationReport(vault, await seed(vault));

			const anna = report.correlated.find((e) => e.person.externalId === 'E001');
			expect(anna).toMatchObject({ how: 'linked', linkState: 'enabled', personValue: 'E001', person: { name: 'Anna Linked', active: true } });
			const frank = report.correlated.find((e) => e.person.externalId === 'E006');
			expect(frank).toMatchObject({ how: 'linked', linkState: 'disabled', account: { name: 'frank.leaver', enabled: false }, person: { name: 'Frank Leaver', active: false } });
			expect(report.linkedAccountMissing[0]).toMatchObject({ accountRef: 'acc-eva', accountName: 'eva.missing', linkState: 'enabled', person: { name: 'Eva Missing' } });
			expect(report.personsWithSeveralAccounts[0].accounts.map((a) => [a.name, a.enabled])).toEqual([
				['dirk.twice', true],
				['dirk.twice2', false],
			]);
		});
	});

	test("the connector is asked for each person's value with the primary contract and no manager", async () => {
		await withVault(open, async (vault) => {
			const connector = await seed(vault);
			await buildCorrelationReport(vault, connector);

			const anna = connector.subjects.find((s) => s.person.externalId === 'E001');
			expect(anna?.person.contracts.map((c) => c.externalId).sort()).toEqual(['E001-main', 'E001-old']);
			expect(anna?.contract?.externalId).toBe('E001-main'); // the import's primary: most FTE
			expect(anna?.manager).toBeNull();
			expect(connector.subjects.map((s) => s.person.externalId).sort()).toEqual(['E001', 'E002', 'E003', 'E004', 'E005']);
		});
	});

	test('max items caps each list, the counts stay complete', async () => {
		await withVault(open, async (vault) => {
			const report = await buildCorrelationReport(vault, await seed(vault), { maxItems: 1, pageSize: 2 });

			expect(report.correlated).toHaveLength(1);
			expect(report.personsWithoutAccount).toHaveLength(1);
			expect(report.accountsWithoutPerson).toHaveLength(1);
			expect(report.counts).toMatchObject({ correlated: 3, personsWithoutAccount: 2, accountsWithoutPerson: 2, persons: 5 });
			await expect(buildCorrelationReport(vault, new FakeTargetConnector([]), { maxItems: -1 })).rejects.toThrow('Max items must be a whole number of at least 0, got -1');
		});
	});
});
