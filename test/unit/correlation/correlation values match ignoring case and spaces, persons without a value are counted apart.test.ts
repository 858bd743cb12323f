import type { AccountSubject } from '../../../lib/enforcement/connector';
import { buildCorrelationReport } from '../../../lib/correlation';
import { forEachBackend, withVault } from '../../support/backends';
import { adAccount, FakeTargetConnector } from '../../support/fakeTargetConnector';
import { AS_OF, brief, importStaff, staff } from './correlationFixtures';

// The target correlates by the HR employee number (a custom field), not the person's key.
const byEmployeeNumber = (subject: AccountSubject) => subject.person.custom.employeeNumber as string | undefined;

forEachBackend((open) => {
	test('an HR value with other case and surrounding spaces matches the account', async () => {
		await withVault(open, async (vault) => {
			await importStaff(vault, [
				staff('E001', 'Anna', 'Spaces', { employeeNumber: '  ab-0001 ' }),
				staff('E002', 'Bob', 'Upper', { employeeNumber: 'AB-0002' }),
				staff('E003', 'Carla', 'Other', { employeeNumber: 'AB-0003' }),
			]);
			const connector = new FakeTargetConnector(
				[adAccount('acc-1', 'anna', 'AB-0001'), adAccount('acc-2', 'bob', ' ab-0002'), adAccount('acc-3', 'carla', 'AB-00003')],
				{ personValue: byEmployeeNumber },
			);
			const report = await buildCorrelationReport(vault, connector);

			expect(brief(report).correlated).toEqual(['E001 matched acc-1', 'E002 matched acc-2']);
			expect(brief(report).personsWithoutAccount).toEqual(['E003']);
			expect(brief(report).accountsWithoutPerson).toEqual(['acc-3']);
			// Values are shown as HR and the target wrote them.
			expect(report.correlated.find((e) => e.person.externalId === 'E001')).toMatchObject({ personValue: '  ab-0001 ', account: { value: 'AB-0001' } });
		});
	});

	test('persons without a correlation value are counted apart from persons without an account', async () => {
		await withVault(open, async (vault) => {
			await importStaff(vault, [
				staff('E001', 'Anna', 'Number', { employeeNumber: 'AB-0001' }),
				staff('E002', 'Bob', 'Blank', { employeeNumber: '   ' }),
				staff('E003', 'Carla', 'Absent'),
			]);
			const connector = new FakeTargetConnector([adAccount('acc-x', 'x', 'AB-0009')], { personValue: byEmployeeNumber });
			const report = await buildCorrelationReport(vault, connector);

			expect(brief(report).personsWithoutValue).toEqual(['E002', 'E003']);
			expect(brief(report).personsWithoutAccount).toEqual(['E001']);
			expect(report.counts).toMatchObject({ persons: 3, personsWithoutValue: 2, personsWithoutAccount: 1, correlated: 0, accountsWithoutPerson: 1 });
		});
	});

	test('two persons with the same value both match the account, and each says so', async () => {
		await withVault(open, async (vault) => {
			await importStaff(vault, [
				staff('E001', 'Anna', 'First', { employeeNumber: 'AB-0001' }),
				staff('E002', 'Anne', 'Typo', { employeeNumber: 'ab-0001' }),
			]);
			const report = await buildCorrelationReport(vault, new FakeTargetConnector([adAccount('acc-1', 'anna', 'AB-0001')], { personValue: byEmployeeNumber }));

			expect(brief(report).correlated).toEqual(['E001 matched acc-1', 'E002 matched acc-1']);
			const notes = Object.fromEntries(report.correlated.map((e) => [e.person.externalId, e.note]));
			expect(notes.E001).toBe("Anne Typo (E002) matches this account too: both have the correlation value 'AB-0001'");
			expect(notes.E002).toBe("Anna First (E001) matches this account too: both have the correlation value 'ab-0001'");
		});
	});

	test('with the active-contract scope, persons whose contracts ended are not listed as missing an account', async () => {
		await withVault(open, async (vault) => {
			await importStaff(vault, [
				staff('E001', 'Anna', 'Current', { employeeNumber: 'AB-0001' }),
				staff('E002', 'Bob', 'Ended', { employeeNumber: 'AB-0002', endDate: '2025-12-31' }),
				staff('E003', 'Carla', 'EndedNoNumber', { endDate: '2025-12-31' }),
				staff('E004', 'Dirk', 'EndedWithAccount', { employeeNumber: 'AB-0004', endDate: '2025-12-31' }),
			]);
			const connector = new FakeTargetConnector([adAccount('acc-4', 'dirk', 'AB-0004')], { personValue: byEmployeeNumber });

			const everyone = await buildCorrelationReport(vault, connector, { asOf: AS_OF });
			expect(brief(everyone).personsWithoutAccount).toEqual(['E001', 'E002']);
			expect(brief(everyone).personsWithoutValue).toEqual(['E003']);

			const current = await buildCorrelationReport(vault, connector, { scope: 'activeContract', asOf: AS_OF });
			expect(brief(current).personsWithoutAccount).toEqual(['E001']);
			expect(brief(current).personsWithoutValue).toEqual([]);
			expect(current.counts.personsOutOfScope).toBe(2);
			// Out of scope or not, Dirk's account is still his.
			expect(brief(current).correlated).toEqual(['E004 matched acc-4']);
			await expect(buildCorrelationReport(vault, connector, { scope: 'activeContract', asOf: '5-1-2026' })).rejects.toThrow(
				"The as-of date '5-1-2026' is not a date written YYYY-MM-DD",
			);
		});
	});
});
