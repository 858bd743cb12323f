import { runImport } from '../../../lib/import';
import type { Person } from '../../../lib/model/person';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { importOptions, row } from './hrRows';

const person = async (vault: Vault, externalId: string): Promise<Person> =>
	JSON.parse((await vault.db.selectFrom('persons').select('data').where('external_id', '=', externalId).executeTakeFirstOrThrow()).data);

const primaryFlags = async (vault: Vault, externalId: string) =>
	Object.fromEntries(
		(
			await vault.db
				.selectFrom('contracts as c')
				.innerJoin('persons as p', 'p.id', 'c.person_id')
				.select(['c.external_id', 'c.is_primary'])
				.where('p.external_id', '=', externalId)
				.execute()
		).map((contract) => [contract.external_id, contract.is_primary]),
	);

forEachBackend((open) => {
	test('the default order prefers active over future over ended, then most FTE, latest end, earliest start', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), [
				row('E1', { contractId: 'ended-full', fte: 1, startDate: '2020-01-01', endDate: '2025-12-31' }),
				row('E1', { contractId: 'future-full', fte: 1, startDate: '2026-03-01' }),
				row('E1', { contractId: 'active-half', fte: 0.5, startDate: '2024-01-01' }),
				row('E1', { contractId: 'active-small', fte: 0.2, startDate: '2023-01-01' }),
				row('E2', { contractId: 'a-ends-later', fte: '0,8', startDate: '2024-01-01', endDate: '2026-12-31' }),
				row('E2', { contractId: 'b-ends-sooner', fte: 0.8, startDate: '2023-01-01', endDate: '2026-06-30' }),
				row('E3', { contractId: 'z-same', fte: 1, startDate: '2024-01-01' }),
				row('E3', { contractId: 'a-same', fte: 1, startDate: '2024-01-01' }),
			]);
			expect((await person(vault, 'E1')).primaryContractId).toBe('active-half');
			expect(await primaryFlags(vault, 'E1')).toEqual({ 'ended-full': 0, 'future-full': 0, 'active-half': 1, 'active-small': 0 });
			expect((await person(vault, 'E2')).primaryContractId).toBe('a-ends-later'); // Dutch "0,8" read as 0.8
			expect((await person(vault, 'E3')).primaryContractId).toBe('a-same'); // ties broken by contract id
		});
	});

	test('a configured order wins: earliest start first', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions({ primaryContractOrder: [{ field: 'startDate', direction: 'asc' }] }), [
				row('E1', { contractId: 'newer', fte: 1, startDate: '2025-01-01' }),
				row('E1', { contractId: 'older', fte: 0.2, startDate: '2021-01-01' }),
			]);
			expect((await person(vault, 'E1')).primaryContractId).toBe('older');
		});
	});

	test('the manager comes from the primary contract, else its department, else up the department tree', async () => {
		await withVault(open, async (vault) => {
			const departments = [
				{ code: 'ROOT', name: 'Company', managerExternalId: 'CEO' },
				{ code: 'OPS', name: 'Operations', parentCode: 'ROOT' },
				{ code: 'TEAM', name: 'Team A', parentCode: 'OPS' },
				{ code: 'FIN', name: 'Finance', parentCode: 'ROOT', managerExternalId: 'CFO' },
			];
			await runImport(
				vault,
				importOptions(),
				[
					row('CEO', { departmentCode: 'ROOT' }),
					row('CFO', { departmentCode: 'FIN' }),
					row('DIRECT', { departmentCode: 'FIN', managerId: 'CEO' }),
					row('DEPT', { departmentCode: 'FIN' }),
					row('UPTREE', { departmentCode: 'TEAM' }),
				],
				departments,
			);
			expect((await person(vault, 'DIRECT')).managerExternalId).toBe('CEO');
			expect((await person(vault, 'DEPT')).managerExternalId).toBe('CFO');
			expect((await person(vault, 'UPTREE')).managerExternalId).toBe('CEO');
			expect((await person(vault, 'CFO')).managerExternalId).toBe('CEO'); // never their own manager: one level up
			expect((await person(vault, 'CEO')).managerExternalId).toBeUndefined();

			const stored = await vault.db.selectFrom('departments').select(['code', 'name', 'parent_code', 'manager_external_id']).orderBy('code').execute();
			expect(stored).toEqual([
				{ code: 'FIN', name: 'Finance', parent_code: 'ROOT', manager_external_id: 'CFO' },
				{ code: 'OPS', name: 'Operations', parent_code: 'ROOT', manager_external_id: null },
				{ code: 'ROOT', name: 'Company', parent_code: null, manager_external_id: 'CEO' },
				{ code: 'TEAM', name: 'Team A', parent_code: 'OPS', manager_external_id: null },
			]);
		});
	});

	test('departments seen only on contracts are kept too, with their name', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), [row('E1', { departmentCode: 'HR', departmentName: 'Human Resources' })]);
			const stored = await vault.db.selectFrom('departments').select(['code', 'name']).execute();
			expect(stored).toEqual([{ code: 'HR', name: 'Human Resources' }]);
		});
	});
});
