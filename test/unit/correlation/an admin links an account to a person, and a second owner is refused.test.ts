import { buildCorrelationReport, CorrelationError, linkAccount, unlinkAccount } from '../../../lib/correlation';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { adAccount, FakeTargetConnector } from '../../support/fakeTargetConnector';
import { brief, importStaff, personIdOf, staff } from './correlationFixtures';

const TARGET = 'activeDirectory';

// Service account carrying nobody's number; Anna's account carries a wrong number, so only a link makes it hers.
const SVC = adAccount('acc-svc', 'svc-print', undefined, { attributes: { description: 'Print server' } });
const ANNA = adAccount('acc-anna', 'a.smith', 'X-WRONG', { enabled: false, container: 'OU=Disabled,DC=example,DC=test' });

async function seed(vault: Vault): Promise<{ anna: string; bob: string }> {
	await importStaff(vault, [staff('E001', 'Anna', 'Smith'), staff('E002', 'Bob', 'Jones')]);
	return { anna: await personIdOf(vault, 'E001'), bob: await personIdOf(vault, 'E002') };
}

const audit = (vault: Vault) => vault.db.selectFrom('audit_log').selectAll().where('action', 'in', ['link', 'unlink']).orderBy('id').execute();

forEachBackend((open) => {
	test('after linking, the report shows the account as linked to the person', async () => {
		await withVault(open, async (vault) => {
			const { anna } = await seed(vault);
			const connector = new FakeTargetConnector([ANNA, SVC]);
			expect(brief(await buildCorrelationReport(vault, connector)).accountsWithoutPerson).toEqual(['acc-anna', 'acc-svc']);

			const result = await linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-anna', account: ANNA, by: 'admin@example.test' });
			expect(result).toMatchObject({ personId: anna, accountRef: 'acc-anna', state: 'disabled', alreadyLinked: false });

			const report = await buildCorrelationReport(vault, connector);
			expect(brief(report).correlated).toEqual(['E001 linked acc-anna']);
			expect(brief(report).accountsWithoutPerson).toEqual(['acc-svc']);
			expect(brief(report).personsWithoutAccount).toEqual(['E002']);

			const row = await vault.db.selectFrom('accounts').selectAll().where('account_ref', '=', 'acc-anna').executeTakeFirstOrThrow();
			expect(row).toMatchObject({ person_id: anna, target: TARGET, state: 'disabled' });
			expect(JSON.parse(row.data)).toEqual({ name: 'a.smith', enabled: false, container: 'OU=Disabled,DC=example,DC=test', attributes: { employeeID: 'X-WRONG' } });
		});
	});

	test('the audit log names the person, the account and who linked it', async () => {
		await withVault(open, async (vault) => {
			const { anna } = await seed(vault);
			await linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-anna', account: ANNA, by: 'admin@example.test' });

			const [entry] = await audit(vault);
			expect(entry).toMatchObject({ person_id: anna, target: TARGET, action: 'link', is_error: 0, before: null });
			expect(entry.message).toBe(`Linked account 'a.smith' (ref acc-anna) in activeDirectory to person 'Anna Smith' (external id E001, vault id ${anna}) by admin@example.test`);
			// The account's attributes stay out of the audit log.
			expect(JSON.parse(entry.after as string)).toEqual({ accountRef: 'acc-anna', name: 'a.smith', state: 'disabled' });
		});
	});

	test('an account linked to one person cannot be linked to another; the message names both', async () => {
		await withVault(open, async (vault) => {
			const { anna, bob } = await seed(vault);
			await linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-anna', account: ANNA });

			const second = linkAccount(vault, { target: TARGET, personId: bob, accountRef: 'acc-anna', account: ANNA });
			await expect(second).rejects.toThrow(CorrelationError);
			await expect(second).rejects.toThrow(
				`The account 'a.smith' (ref acc-anna) in activeDirectory is already linked to person 'Anna Smith' (external id E001, vault id ${anna}), so it cannot be linked to 'Bob Jones' (external id E002, vault id ${bob})`,
			);
			expect(await vault.db.selectFrom('accounts').select('person_id').execute()).toEqual([{ person_id: anna }]);
			expect(await audit(vault)).toHaveLength(1);
		});
	});

	test('a person who has an account in the target cannot get a second one linked', async () => {
		await withVault(open, async (vault) => {
			const { anna } = await seed(vault);
			await linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-anna', account: ANNA });

			await expect(linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-svc', account: SVC })).rejects.toThrow(
				"Person 'Anna Smith' (external id E001, vault id " + anna + ") already has the account 'a.smith' (ref acc-anna) in activeDirectory (disabled), so account 'svc-print' (ref acc-svc) in activeDirectory cannot be linked as well",
			);
			// Another target is another matter.
			await expect(linkAccount(vault, { target: 'googleWorkspace', personId: anna, accountRef: 'acc-svc' })).resolves.toMatchObject({ state: 'enabled' });
			// Linking the same pair again changes nothing.
			await expect(linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-anna', account: ANNA })).resolves.toMatchObject({ alreadyLinked: true });
			expect(await audit(vault)).toHaveLength(2);
		});
	});

	test('unlinking frees the account for another person, and the report shows it unlinked', async () => {
		await withVault(open, async (vault) => {
			const { anna, bob } = await seed(vault);
			await linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-anna', account: ANNA });

			await expect(unlinkAccount(vault, { target: TARGET, accountRef: 'acc-anna', personId: bob })).rejects.toThrow(
				`The account 'a.smith' (ref acc-anna) in activeDirectory is linked to person 'Anna Smith' (external id E001, vault id ${anna}), not to 'Bob Jones' (external id E002, vault id ${bob})`,
			);
			await expect(unlinkAccount(vault, { target: TARGET, accountRef: 'acc-anna', personId: anna, by: 'admin' })).resolves.toMatchObject({
				personId: anna,
				previousState: 'disabled',
			});
			expect(brief(await buildCorrelationReport(vault, new FakeTargetConnector([ANNA]))).accountsWithoutPerson).toEqual(['acc-anna']);
			await expect(unlinkAccount(vault, { target: TARGET, accountRef: 'acc-anna' })).rejects.toThrow('The account acc-anna in activeDirectory is not linked to any person');

			await linkAccount(vault, { target: TARGET, personId: bob, accountRef: 'acc-anna', account: ANNA });
			expect(brief(await buildCorrelationReport(vault, new FakeTargetConnector([ANNA]))).correlated).toEqual(['E002 linked acc-anna']);
			expect((await audit(vault)).map((e) => e.message)).toEqual([
				expect.stringMatching(/^Linked account 'a.smith' .* to person 'Anna Smith'/),
				`Unlinked the account 'a.smith' (ref acc-anna) in activeDirectory from person 'Anna Smith' (external id E001, vault id ${anna}) by admin`,
				expect.stringMatching(/^Linked account 'a.smith' .* to person 'Bob Jones'/),
			]);
		});
	});

	test('an unknown person or a mismatched account is refused before anything is written', async () => {
		await withVault(open, async (vault) => {
			const { anna } = await seed(vault);
			// The external id is not the vault id.
			await expect(linkAccount(vault, { target: TARGET, personId: 'E001', accountRef: 'acc-anna' })).rejects.toThrow("Person 'E001' does not exist in the vault");
			await expect(linkAccount(vault, { target: TARGET, personId: anna, accountRef: 'acc-other', account: ANNA })).rejects.toThrow(
				"The account given has ref 'acc-anna', not 'acc-other'",
			);
			await expect(linkAccount(vault, { target: ' ', personId: anna, accountRef: 'acc-anna' })).rejects.toThrow('The target is required');
			expect(await vault.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
		});
	});
});
