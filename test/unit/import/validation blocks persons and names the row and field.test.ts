import { ImportError, parseImportMapping, runImport } from '../../../lib/import';
import { forEachBackend, withVault } from '../../support/backends';
import { type HrRow, importOptions, row, staff } from './hrRows';

forEachBackend((open) => {
	test('a missing required field blocks the person with the reason, and the row is reported', async () => {
		await withVault(open, async (vault) => {
			const result = await runImport(vault, importOptions(), [...staff(2), row('E900', { familyName: '' })]);

			expect(result.status).toBe('applied');
			expect(result.blocked).toBe(1);
			expect(result.issues).toContainEqual({ row: 3, externalId: 'E900', field: 'familyName', message: 'familyName is required but empty', severity: 'error' });
			const person = await vault.db.selectFrom('persons').select(['blocked_reason', 'status']).where('external_id', '=', 'E900').executeTakeFirstOrThrow();
			expect(person).toEqual({ status: 'active', blocked_reason: 'row 3 familyName: familyName is required but empty' });
		});
	});

	test('an unchanged person with an error is still reported and blocked on the next import', async () => {
		await withVault(open, async (vault) => {
			const rows = [...staff(3), row('E900', { familyName: '' })];
			await runImport(vault, importOptions(), rows);
			const again = await runImport(vault, importOptions({ thresholds: {} }), rows);
			expect(again.counts?.unchanged).toBe(4);
			expect(again.blocked).toBe(1);
			expect(again.issues).toEqual([{ row: 4, externalId: 'E900', field: 'familyName', message: 'familyName is required but empty', severity: 'error' }]);
		});
	});

	test('contracts without an id are numbered per person in row order, the same on every import', async () => {
		await withVault(open, async (vault) => {
			const rows = [row('E001', { contractId: '' }), row('E002'), row('E001', { contractId: undefined, jobTitle: 'Analyst' })];
			await runImport(vault, importOptions(), rows);
			const contracts = await vault.db.selectFrom('contracts').select(['external_id', 'title']).orderBy('external_id').execute();
			expect(contracts).toEqual([
				{ external_id: 'E001-1', title: 'Clerk' },
				{ external_id: 'E001-2', title: 'Analyst' },
				{ external_id: 'E002-C1', title: 'Clerk' },
			]);
			// Rebuilt from the rows (not skipped as unchanged input): the same documents again.
			const again = await runImport(vault, importOptions({ thresholds: {}, rebuildAll: true }), rows);
			expect(again.counts?.unchanged).toBe(2);
		});
	});

	test('dates are read in the stated format and time zone; a bad date names the row and field', async () => {
		await withVault(open, async (vault) => {
			const options = importOptions({ dates: { format: 'dd-MM-yyyy', timeZone: 'Europe/Amsterdam' } });
			const result = await runImport(vault, options, [
				row('E001', { birthDate: '31-12-1980', startDate: '01-02-2024' }),
				row('E002', { birthDate: '1980-12-31', startDate: '01-02-2024' }),
			]);

			expect(result.issues).toEqual([
				{ row: 2, externalId: 'E002', field: 'birthDate', message: '"1980-12-31" is not the format dd-MM-yyyy', severity: 'error' },
			]);
			const stored = await vault.db.selectFrom('persons').select(['external_id', 'birth_date', 'blocked_reason']).orderBy('external_id').execute();
			expect(stored[0]).toEqual({ external_id: 'E001', birth_date: '1980-12-31', blocked_reason: null });
			expect(stored[1].blocked_reason).toContain('birthDate');
			const contract = await vault.db.selectFrom('contracts').select('start_date').where('person_id', 'in', vault.db.selectFrom('persons').select('id').where('external_id', '=', 'E001')).executeTakeFirstOrThrow();
			expect(contract.start_date).toBe('2024-02-01');
		});
	});

	test('ISO timestamps become the date in the HR time zone', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions({ dates: { format: 'iso', timeZone: 'Europe/Amsterdam' } }), [row('E001', { birthDate: '1980-12-31T23:30:00Z' })]);
			const person = await vault.db.selectFrom('persons').select('birth_date').executeTakeFirstOrThrow();
			expect(person.birth_date).toBe('1981-01-01');
		});
	});

	test('dates given as JavaScript dates (a database node) are read in the HR time zone whatever the format', async () => {
		await withVault(open, async (vault) => {
			const options = importOptions({ dates: { format: 'dd-MM-yyyy', timeZone: 'Europe/Amsterdam' } });
			const fromDatabase = { ...row('E001', { startDate: '01-02-2024' }), birthDate: new Date('1980-12-31T23:30:00Z') };
			const result = await runImport(vault, options, [fromDatabase as unknown as HrRow]);
			expect(result.issues).toEqual([]);
			const person = await vault.db.selectFrom('persons').select('birth_date').executeTakeFirstOrThrow();
			expect(person.birth_date).toBe('1981-01-01');
		});
	});

	test('a duplicate contract id and a duplicate person row block the person, naming both rows', async () => {
		await withVault(open, async (vault) => {
			const contracts = await runImport(vault, importOptions(), [row('E001'), row('E001')]);
			expect(contracts.issues).toContainEqual({
				row: 2,
				externalId: 'E001',
				field: 'contract.externalId',
				message: 'duplicate contract id "E001-C1" (first in row 1)',
				severity: 'error',
			});
			expect(contracts.blocked).toBe(1);

			const perPerson = importOptions({ source: 'Payroll', rowShape: 'person', contractsPath: 'contracts' });
			const persons = await runImport(vault, perPerson, [
				{ ...row('P1'), contracts: [{ contractId: 'P1-A' }] },
				{ ...row('P1'), contracts: [{ contractId: 'P1-B' }] },
			]);
			expect(persons.issues).toContainEqual({
				row: 2,
				externalId: 'P1',
				field: 'externalId',
				message: 'duplicate person external id "P1" (first in row 1)',
				severity: 'error',
			});
			expect(persons.blocked).toBe(1);
		});
	});

	test('an unknown manager is a warning and the department manager takes over', async () => {
		await withVault(open, async (vault) => {
			const result = await runImport(
				vault,
				importOptions(),
				[row('M001', { departmentCode: 'OPS' }), row('E001', { managerId: 'NOBODY' })],
				[{ code: 'OPS', name: 'Operations', managerExternalId: 'M001' }],
			);
			expect(result.issues).toEqual([
				{ row: 2, externalId: 'E001', field: 'contract.managerExternalId', message: `unknown manager "NOBODY"; the department's manager is used`, severity: 'warning' },
			]);
			expect(result.blocked).toBe(0);
			const person = await vault.db.selectFrom('persons').select('data').where('external_id', '=', 'E001').executeTakeFirstOrThrow();
			expect(JSON.parse(person.data).managerExternalId).toBe('M001');
		});
	});

	test('a row without the person key is reported and imports nothing for it', async () => {
		await withVault(open, async (vault) => {
			const result = await runImport(vault, importOptions(), [row('E001'), row('', { familyName: 'Keyless' })]);
			expect(result.issues).toContainEqual({ row: 2, field: 'externalId', message: 'externalId is required but empty', severity: 'error' });
			expect(result.persons).toBe(1);
		});
	});

	test('a bad fte and a contract ending before it starts name the row and contract field', async () => {
		await withVault(open, async (vault) => {
			const result = await runImport(vault, importOptions(), [row('E001', { fte: 'full' }), row('E002', { startDate: '2025-05-01', endDate: '2025-04-01' })]);
			expect(result.issues).toEqual([
				{ row: 1, externalId: 'E001', field: 'contract.fte', message: '"full" is not a number', severity: 'error' },
				{ row: 2, externalId: 'E002', field: 'contract.endDate', message: 'ends (2025-04-01) before it starts (2025-05-01)', severity: 'error' },
			]);
			expect(result.blocked).toBe(2);
		});
	});
});

test('a mapping document with an unknown field is refused, listing the known fields', () => {
	expect(() => parseImportMapping(JSON.stringify({ person: { externalId: { type: 'field', path: 'id' }, lastName: { type: 'field', path: 'x' } } }))).toThrow(
		/The mapping's person part has an unknown field "lastName". Known fields: externalId, givenName, .*familyName/,
	);
	expect(() => parseImportMapping('{"person":')).toThrow(ImportError);
	expect(() => parseImportMapping(JSON.stringify({ contract: {} }))).toThrow('The mapping needs person.externalId');
});

test('a template with an unknown function is refused before anything is stored', async () => {
	const { openVault } = await import('../../../lib/vault');
	const vault = await openVault({ backend: 'sqlite', path: ':memory:' });
	try {
		const options = importOptions();
		options.mapping.person.email = { type: 'template', template: '{{ givenName | lowercase }}@example.test' };
		await expect(runImport(vault, options, [row('E001')])).rejects.toThrow(/Mapping of person: .*unknown function "lowercase"/);
		expect((await vault.status()).counts.imports).toBe(0);
	} finally {
		await vault.close();
	}
});
