import { approveImport, rejectImport, runImport } from '../../../lib/import';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { importOptions, row, staff } from './hrRows';

const activePersons = async (vault: Vault) =>
	Number((await vault.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
const snapshotCount = async (vault: Vault) => (await vault.status()).counts.snapshots;

forEachBackend((open) => {
	test('a truncated export over the removed threshold is held and changes nothing', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(100));
			const truncated = await runImport(vault, importOptions({ thresholds: { removed: { maxPercent: 10 } } }), staff(80));

			expect(truncated.status).toBe('held');
			expect(truncated.holdReason).toBe('20 persons removed (20%) exceeds the limit of 10%');
			expect(truncated.thresholds).toEqual([{ name: 'removed', actual: 20, percent: 20, limit: { maxPercent: 10 }, exceeded: true }]);
			expect(await activePersons(vault)).toBe(100);
			expect(await snapshotCount(vault)).toBe(1);
		});
	});

	test('an empty export is held even without thresholds: it never makes everyone a leaver', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(10));
			const empty = await runImport(vault, importOptions({ thresholds: {} }), []);
			expect(empty.status).toBe('held');
			expect(empty.holdReason).toContain('the export has no persons while the source has 10');
			expect(await activePersons(vault)).toBe(10);
		});
	});

	test('added and blocked thresholds count against the previous snapshot, absolute or percentage', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(10));
			const rows = [...staff(10), row('N01'), row('N02'), row('N03'), row('B01', { familyName: '' })];
			const held = await runImport(vault, importOptions({ thresholds: { added: { max: 2 }, blocked: { maxPercent: 5 } } }), rows);
			expect(held.status).toBe('held');
			expect(held.thresholds).toEqual([
				{ name: 'added', actual: 4, percent: 40, limit: { max: 2 }, exceeded: true },
				{ name: 'blocked', actual: 1, percent: 10, limit: { maxPercent: 5 }, exceeded: true },
			]);
			const within = await runImport(vault, importOptions({ thresholds: { added: { max: 4 }, blocked: { max: 1 } } }), rows);
			expect(within.status).toBe('applied');
		});
	});

	test('approving a held import applies it exactly as staged; it cannot be approved twice', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(50));
			const held = await runImport(vault, importOptions(), staff(30)); // 40% removed, default limit 10%
			expect(held.status).toBe('held');

			const approved = await approveImport(vault, held.importId);
			expect(approved.status).toBe('applied');
			expect(approved.counts).toMatchObject({ leaver: 20, unchanged: 30 });
			expect(await activePersons(vault)).toBe(30);
			await expect(approveImport(vault, held.importId)).rejects.toThrow(`Import ${held.importId} is applied, not held`);
		});
	});

	test('rejecting a held import discards it and the next import compares with the old snapshot', async () => {
		await withVault(open, async (vault) => {
			await runImport(vault, importOptions(), staff(20));
			const held = await runImport(vault, importOptions(), staff(5));
			const rejected = await rejectImport(vault, held.importId);
			expect(rejected.status).toBe('rejected');
			expect(await activePersons(vault)).toBe(20);

			const next = await runImport(vault, importOptions(), staff(20));
			expect(next.counts).toMatchObject({ unchanged: 20, leaver: 0 });
			await expect(approveImport(vault, held.importId)).rejects.toThrow('is rejected, not held');
		});
	});

	test('a held import keeps its rows only until it is approved or rejected; rows held by an earlier version are refused with what to do', async () => {
		await withVault(open, async (vault) => {
			const keptRows = async () => Number((await vault.db.selectFrom('raw_records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
			await runImport(vault, importOptions(), staff(20));
			expect(await keptRows()).toBe(0); // applied at once: nothing kept

			const held = await runImport(vault, importOptions(), staff(5));
			expect(await keptRows()).toBeGreaterThanOrEqual(5);
			await rejectImport(vault, held.importId);
			expect(await keptRows()).toBe(0);

			const old = await runImport(vault, importOptions(), staff(5));
			// Earlier versions staged each row's mapping result, and did not say how they staged.
			const stored = await vault.db.selectFrom('imports').select('stats').where('id', '=', old.importId).executeTakeFirstOrThrow();
			const stats = JSON.parse(stored.stats);
			delete stats.settings.rowsStaged;
			await vault.db.updateTable('imports').set({ stats: JSON.stringify(stats) }).where('id', '=', old.importId).execute();
			await expect(approveImport(vault, old.importId)).rejects.toThrow('was staged by an earlier version of this package: reject it and run the import again');
			expect(await activePersons(vault)).toBe(20);
		});
	});
});
