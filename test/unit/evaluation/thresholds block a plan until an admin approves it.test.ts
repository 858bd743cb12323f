import { approvePlan, assertEnforceable, checkThresholds, evaluateWithRules, getPlan } from '../../../lib/evaluation';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { addAccount, contractRules } from './vaultFixtures';

const AS_OF = '2026-03-01';

/** Ten employees with enabled accounts, of whom `leavers` left on 2026-02-15. */
async function staff(vault: Vault, leavers: number): Promise<void> {
	await addSources(vault, { HR: 1 });
	const ids = await addPersons(
		vault,
		Array.from({ length: 10 }, (_, i) => ({
			source: 'HR',
			externalId: String(i + 1),
			given: `Person${i}`,
			family: 'Test',
			contracts: [{ externalId: `C${i}`, startDate: '2020-01-01', ...(i < leavers ? { endDate: '2026-02-15' } : {}) }],
		})),
	);
	for (const id of ids) await addAccount(vault, id, 'activeDirectory', 'enabled', '2099-01-01T00:00:00.000Z');
}

describe('threshold arithmetic', () => {
	test('absolute and percentage limits per target and action; a percentage needs managed accounts', () => {
		const counts = { activeDirectory: { disable: 6, create: 2 }, entraId: { create: 40 } };
		const managed = { activeDirectory: 100 };
		expect(checkThresholds([{ target: 'activeDirectory', action: 'disable', max: 6 }], counts, managed)).toEqual([]);
		expect(checkThresholds([{ target: 'activeDirectory', action: 'disable', max: 5 }], counts, managed)).toEqual([
			expect.objectContaining({ target: 'activeDirectory', action: 'disable', count: 6, max: 5, message: '6 disable action(s) in activeDirectory: more than 5' }),
		]);
		expect(checkThresholds([{ target: 'activeDirectory', action: 'disable', maxPercent: 5 }], counts, managed)).toEqual([
			expect.objectContaining({ percent: 6, managedAccounts: 100, message: '6 disable action(s) in activeDirectory: 6% of 100 managed accounts, above 5%' }),
		]);
		// entraId manages no account yet: only an absolute limit can stop its first creates.
		expect(checkThresholds([{ target: 'entraId', action: 'create', maxPercent: 1 }], counts, managed)).toEqual([]);
		expect(checkThresholds([{ target: '*', action: 'create', max: 10 }], counts, managed).map((b) => b.target)).toEqual(['entraId']);
	});
});

forEachBackend((open) => {
	test('a plan over a threshold is blocked, says why, and cannot be enforced until approved', async () => {
		await withVault(open, async (vault) => {
			await staff(vault, 3);
			const result = await evaluateWithRules(vault, contractRules(), new Set(), {
				asOf: AS_OF,
				thresholds: [{ target: 'activeDirectory', action: 'disable', maxPercent: 20 }],
			});

			expect(result.status).toBe('blocked');
			expect(result.thresholds).toEqual([
				expect.objectContaining({ target: 'activeDirectory', action: 'disable', count: 3, percent: 30, managedAccounts: 10, maxPercent: 20 }),
			]);
			const stored = await vault.db.selectFrom('plans').select(['status', 'blocked_reason']).where('id', '=', result.planId).executeTakeFirstOrThrow();
			expect(stored.status).toBe('blocked');
			expect(JSON.parse(stored.blocked_reason ?? '[]')[0].message).toBe('3 disable action(s) in activeDirectory: 30% of 10 managed accounts, above 20%');
			await expect(assertEnforceable(vault, result.planId)).rejects.toThrow(
				`Plan ${result.planId} is blocked by its thresholds (3 disable action(s) in activeDirectory: 30% of 10 managed accounts, above 20%) and cannot be enforced until an admin approves it`,
			);

			const approved = await approvePlan(vault, result.planId, 'it-admin@example.com');
			expect(approved).toMatchObject({ status: 'approved', approvedBy: 'it-admin@example.com' });
			expect(approved.approvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			await expect(assertEnforceable(vault, result.planId)).resolves.toMatchObject({ status: 'approved' });
			const audit = await vault.db.selectFrom('audit_log').select('message').where('action', '=', 'evaluation.approve').execute();
			expect(audit.map((a) => a.message)).toEqual([expect.stringContaining('approved by it-admin@example.com despite: 3 disable action(s)')]);
		});
	});

	test('a plan within its thresholds is ready and enforceable as it is', async () => {
		await withVault(open, async (vault) => {
			await staff(vault, 1);
			const result = await evaluateWithRules(vault, contractRules(), new Set(), {
				asOf: AS_OF,
				thresholds: [
					{ target: 'activeDirectory', action: 'disable', max: 1, maxPercent: 20 },
					{ target: '*', action: 'delete', max: 0 },
				],
			});
			expect(result).toMatchObject({ status: 'ready', thresholds: [] });
			await expect(assertEnforceable(vault, result.planId)).resolves.toMatchObject({ status: 'ready' });
		});
	});

	test('approving asks who approves and refuses unknown plans', async () => {
		await withVault(open, async (vault) => {
			await expect(approvePlan(vault, 'no-such-plan', 'admin')).rejects.toThrow("Plan 'no-such-plan' does not exist in this vault");
			await staff(vault, 0);
			const { planId } = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			await expect(approvePlan(vault, planId, '  ')).rejects.toThrow('Approved By is empty');
			expect((await getPlan(vault, planId)).status).toBe('ready');
		});
	});

	test('thresholds a person could not have meant are rejected before anything is evaluated', async () => {
		await withVault(open, async (vault) => {
			await expect(
				evaluateWithRules(vault, contractRules(), new Set(), { thresholds: [{ target: 'activeDirectory', action: 'purge' as never, max: 1 }] }),
			).rejects.toThrow("Threshold 1 (activeDirectory / purge): unknown action 'purge'. Known actions: create, correlate, update, enable, disable, move, delete, grant, revoke");
			await expect(evaluateWithRules(vault, contractRules(), new Set(), { thresholds: [{ target: 'activeDirectory', action: 'create' }] })).rejects.toThrow(
				'Threshold 1 (activeDirectory / create) sets neither a maximum nor a maximum percentage',
			);
			expect(await vault.db.selectFrom('plans').select('id').execute()).toEqual([]);
		});
	});
});
