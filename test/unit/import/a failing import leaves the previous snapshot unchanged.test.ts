import { runImport } from '../../../lib/import';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { importOptions, row, staff } from './hrRows';

async function state(vault: Vault) {
	const persons = await vault.db.selectFrom('persons').select(['external_id', 'data', 'status']).orderBy('external_id').execute();
	const contracts = await vault.db.selectFrom('contracts').select(['id', 'title']).orderBy('id').execute();
	const snapshots = await vault.db.selectFrom('snapshots').select('id').execute();
	const changes = await vault.db.selectFrom('person_changes').select(['snapshot_id', 'person_id']).execute();
	return { persons, contracts, snapshots, changes };
}

forEachBackend((open) => {
	test('an error while applying rolls back every person, contract and change, and marks the import failed', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(30));
			const before = await state(vault);

			// A row whose export breaks mid-way: the iterator throws after some rows were read.
			async function* brokenExport() {
				for (const hrRow of staff(30, { jobTitle: 'Changed' })) yield hrRow;
				throw new Error('HR connection reset');
			}
			await expect(runImport(vault, importOptions(), brokenExport())).rejects.toThrow('HR connection reset');
			expect(await state(vault)).toEqual(before);

			// A failure inside the apply transaction, after persons and contracts were written.
			const insertMany = vault.insertMany.bind(vault);
			const spy = jest.spyOn(vault, 'insertMany').mockImplementation(async (db, table, rows) => {
				if (table === 'person_changes') throw new Error('disk full');
				await insertMany(db, table, rows);
			});
			await expect(runImport(vault, importOptions(), [...staff(30, { jobTitle: 'Changed' }), row('N01')])).rejects.toThrow(
				/^Import .* failed and changed nothing: disk full$/,
			);
			spy.mockRestore();
			expect(await state(vault)).toEqual(before);
			const failed = await vault.db.selectFrom('imports').select(['status', 'hold_reason']).where('status', '=', 'failed').execute();
			expect(failed).toEqual([{ status: 'failed', hold_reason: 'disk full' }]);

			// And the next good import works from the untouched previous snapshot.
			const next = await runImport(vault, importOptions(), staff(30, { jobTitle: 'Changed' }));
			expect(next.counts).toMatchObject({ mover: 30 });
		});
	});
});
