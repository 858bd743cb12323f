import { runImport } from '../../../lib/import';
import { forEachBackend, withVault } from '../../support/backends';
import { AS_OF, importOptions, row, staff } from './hrRows';

forEachBackend((open) => {
	test('day 2 against day 1 gives joiner, mover, leaver, rehire, attribute change and unchanged', async () => {
		await withVault(open, async (vault) => {
			const day1 = [
				...staff(6),
				row('R01', { endDate: '2025-06-30' }), // left before day 1
			];
			const first = await runImport(vault, importOptions(), day1);
			expect(first.status).toBe('applied');
			expect(first.counts).toMatchObject({ joiner: 6, leaver: 0 }); // R01 never active: not a joiner
			const ended = [row('E005', { endDate: '2026-01-02' })]; // contract ended before as-of
			const day2 = [
				row('E001'), // unchanged
				row('E002', { departmentCode: 'FIN', departmentName: 'Finance' }), // mover
				row('E003', { email: 'new.mail@example.test' }), // attribute change
				// E004 missing from the export: leaver
				...ended, // leaver by end date
				row('E006', { jobTitle: 'Senior Clerk' }), // mover (title)
				row('R01', { contractId: 'R01-C2', startDate: '2026-02-01' }), // rehire with a future contract
				row('N01', { startDate: '2026-02-01' }), // joiner before day one
			];
			const second = await runImport(vault, importOptions({ thresholds: {} }), day2);

			expect(second.status).toBe('applied');
			expect(second.counts).toEqual({ joiner: 1, mover: 2, leaver: 2, rehire: 1, attributeChange: 1, unchanged: 1 });
			const kinds = Object.fromEntries((second.changes ?? []).map((change) => [change.externalId, change.kind]));
			expect(kinds).toEqual({ E002: 'mover', E003: 'attributeChange', E004: 'leaver', E005: 'leaver', E006: 'mover', R01: 'rehire', N01: 'joiner' });

			const mover = second.changes?.find((change) => change.externalId === 'E002');
			expect(mover?.before).toEqual({ department: 'OPS' });
			expect(mover?.after).toEqual({ department: 'FIN' });
			const attribute = second.changes?.find((change) => change.externalId === 'E003');
			expect(attribute?.before).toEqual({ email: 'E003@example.test' });
			expect(attribute?.after).toEqual({ email: 'new.mail@example.test' });
			const gone = second.changes?.find((change) => change.externalId === 'E004');
			expect(gone?.after).toBeNull();
			expect(gone?.before).toMatchObject({ name: 'GivenE004 FamilyE004', department: 'OPS' });

			// The vault holds the same: gone person marked, change rows under the new snapshot.
			const e004 = await vault.db.selectFrom('persons').select('status').where('external_id', '=', 'E004').executeTakeFirstOrThrow();
			expect(e004.status).toBe('gone');
			const stored = await vault.db.selectFrom('person_changes').select(['kind']).where('snapshot_id', '=', second.snapshotId as string).execute();
			expect(stored.map((change) => change.kind).sort()).toEqual(['attributeChange', 'joiner', 'leaver', 'leaver', 'mover', 'mover', 'rehire']);
			const snapshots = await vault.db.selectFrom('snapshots').select(['id', 'seq']).orderBy('seq').execute();
			expect(snapshots.map((snapshot) => snapshot.seq)).toEqual([1, 2]);
			expect(snapshots[1].id).toBe(second.snapshotId);
		});
	});

	test('a person who returns to the export after leaving it is a rehire', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(3));
			await runImport(vault, importOptions({ thresholds: {} }), staff(2));
			const back = await runImport(vault, importOptions({ thresholds: {} }), [...staff(2), row('E003', { contractId: 'E003-C2', startDate: AS_OF })]);
			expect(back.counts).toMatchObject({ rehire: 1, unchanged: 2 });
			expect(back.changes?.[0]).toMatchObject({ externalId: 'E003', kind: 'rehire' });
		});
	});

	test('importing the same export twice changes nothing and writes no change rows', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(20));
			const again = await runImport(vault, importOptions(), staff(20));
			expect(again.counts).toEqual({ joiner: 0, mover: 0, leaver: 0, rehire: 0, attributeChange: 0, unchanged: 20 });
			const rows = await vault.db.selectFrom('person_changes').select('kind').where('snapshot_id', '=', again.snapshotId as string).execute();
			expect(rows).toEqual([]);
		});
	});
});
