import type { Vault } from '../vault/types';
import { errorMessage, type ExecuteContext } from './executeAction';
import { withoutSecrets } from './journal';
import { accountData, loadSubjects } from './loadSubjects';

/**
 * A person's account made before its manager's (in the same run) could not point at the
 * manager yet: once the run has made the manager's account, write the person's account again.
 * Returns how many accounts got their manager.
 */
export async function setLateManagers(vault: Vault, ctx: ExecuteContext, personIds: ReadonlySet<string>): Promise<number> {
	if (personIds.size === 0) return 0;
	const loaded = await loadSubjects(vault, ctx.connector.target, [...personIds]);
	let set = 0;
	for (const id of personIds) {
		const entry = loaded.get(id);
		if (!entry?.account || !entry.subject.manager?.account) continue;
		const known = entry.account;
		try {
			const outcome = await ctx.calls.call(() => ctx.connector.update(known.account, entry.subject, ctx.connectorContext), { count: 0 });
			const changes = withoutSecrets(outcome.changes);
			await vault.transaction(async (trx) => {
				if (outcome.account) {
					await trx.updateTable('accounts').set({ data: accountData(outcome.account), updated_at: new Date().toISOString() }).where('id', '=', known.id).execute();
				}
				await vault.appendAudit(trx, [
					{
						person_id: id,
						target: ctx.connector.target,
						action: 'update',
						message: `Manager set once the manager's account existed: ${outcome.message}`,
						is_error: false,
						before: Object.fromEntries(changes.map((c) => [c.attribute, c.before])),
						after: Object.fromEntries(changes.map((c) => [c.attribute, c.after])),
					},
				]);
			});
			if (outcome.result === 'done') set++;
		} catch (error) {
			await vault.appendAudit(vault.db, [
				{ person_id: id, target: ctx.connector.target, action: 'update', message: `Setting the manager failed: ${errorMessage(error)}`, is_error: true },
			]);
		}
	}
	return set;
}
