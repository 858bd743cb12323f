import type { ActionEntitlement } from '../../../lib/evaluation';
import { newId } from '../../../lib/vault/ids';
import type { Vault } from '../../../lib/vault/types';

/**
 * Stands in for enforcement (a later issue): carries out a plan's pending actions in the vault
 * only, as a connector that succeeded would leave it: accounts created, enabled, disabled,
 * deleted, updated; grants recorded and removed; actions marked done.
 */
export async function enforceInVault(vault: Vault, planId: string, which: (personId: string) => boolean = () => true): Promise<number> {
	const actions = await vault.db.selectFrom('plan_actions').selectAll().where('plan_id', '=', planId).where('status', '=', 'pending').orderBy('seq').execute();
	const now = new Date().toISOString();
	let done = 0;
	await vault.transaction(async (trx) => {
		for (const action of actions) {
			if (!which(action.person_id)) continue;
			const entitlement = JSON.parse(action.entitlement ?? '{}') as ActionEntitlement;
			const accountOf = () =>
				trx
					.selectFrom('accounts')
					.select('id')
					.where('person_id', '=', action.person_id)
					.where('target', '=', action.target)
					.where('state', '!=', 'deleted')
					.executeTakeFirst();
			switch (action.action) {
				case 'create':
				case 'correlate':
					await trx
						.insertInto('accounts')
						.values({
							id: newId(),
							person_id: action.person_id,
							target: action.target,
							account_ref: `ref-${newId()}`,
							state: entitlement.enabled ? 'enabled' : 'disabled',
							data: '{}',
							created_at: now,
							updated_at: now,
						})
						.execute();
					break;
				case 'enable':
				case 'disable':
				case 'delete':
				case 'update': {
					const state = action.action === 'enable' ? 'enabled' : action.action === 'disable' ? 'disabled' : action.action === 'delete' ? 'deleted' : undefined;
					await trx
						.updateTable('accounts')
						.set({ ...(state ? { state } : {}), updated_at: now })
						.where('person_id', '=', action.person_id)
						.where('target', '=', action.target)
						.where('state', '!=', 'deleted')
						.execute();
					break;
				}
				case 'grant':
					await trx
						.insertInto('granted_entitlements')
						.values({
							id: newId(),
							person_id: action.person_id,
							target: action.target,
							kind: entitlement.type === 'product' ? 'product' : 'group',
							entitlement_key: entitlement.key,
							entitlement_name: entitlement.name,
							account_id: (await accountOf())?.id ?? null,
							granted_at: now,
							plan_action_id: action.id,
						})
						.execute();
					break;
				case 'revoke':
					await trx
						.deleteFrom('granted_entitlements')
						.where('person_id', '=', action.person_id)
						.where('target', '=', action.target)
						.where('entitlement_key', '=', entitlement.key)
						.execute();
					break;
			}
			await trx.updateTable('plan_actions').set({ status: 'done', updated_at: now }).where('id', '=', action.id).execute();
			done++;
		}
	});
	return done;
}
