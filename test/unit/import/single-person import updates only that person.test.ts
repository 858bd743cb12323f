import { runImport } from '../../../lib/import';
import { forEachBackend, withVault } from '../../support/backends';
import { importOptions, row, staff } from './hrRows';

forEachBackend((open) => {
	test('an HR event for one person updates only them and classifies the change the same way', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(50), [{ code: 'FIN', name: 'Finance', managerExternalId: 'E050' }]);
			const before = await vault.db.selectFrom('persons').select(['external_id', 'data', 'status']).where('external_id', '!=', 'E007').orderBy('external_id').execute();

			const event = await runImport(vault, importOptions({ mode: 'single' }), [row('E007', { departmentCode: 'FIN', departmentName: 'Finance' })]);

			expect(event.status).toBe('applied');
			expect(event.mode).toBe('single');
			expect(event.counts).toEqual({ joiner: 0, mover: 1, leaver: 0, rehire: 0, attributeChange: 0, unchanged: 0 });
			expect(event.changes?.[0]).toMatchObject({ externalId: 'E007', kind: 'mover', before: { department: 'OPS' }, after: { department: 'FIN', manager: 'E050' } });
			// The other 49 persons are untouched: a one-person export never makes leavers.
			const after = await vault.db.selectFrom('persons').select(['external_id', 'data', 'status']).where('external_id', '!=', 'E007').orderBy('external_id').execute();
			expect(after).toEqual(before);
			// The stored department tree is used for the manager, and kept.
			expect(await vault.db.selectFrom('departments').select('code').orderBy('code').execute()).toEqual([{ code: 'FIN' }, { code: 'OPS' }]);
		});
	});

	test('a new hire sent by webhook is a joiner; their manager may be any known person of the source', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(5));
			const event = await runImport(vault, importOptions({ mode: 'single' }), [row('N01', { managerId: 'E003', startDate: '2026-02-01' })]);
			expect(event.counts?.joiner).toBe(1);
			expect(event.issues).toEqual([]);
			expect(event.changes?.[0].after).toMatchObject({ manager: 'E003', startDate: '2026-02-01' });
		});
	});
});
