import type { ActionKind } from '../evaluation/types';
import { newId } from '../vault/ids';
import type { PlanActionRow } from '../vault/schema';
import type { Vault } from '../vault/types';
import type { AttributeChange, TargetAccount } from './connector';
import { entitlementOf, type ActionResult } from './executeAction';
import { accountData, type LoadedSubject } from './loadSubjects';

/** Attribute names that may hold a secret: never written to the vault or the audit log. */
const SECRET_ATTRIBUTE = /pass(word)?|pwd|secret/i;

export function withoutSecrets(changes: readonly AttributeChange[]): AttributeChange[] {
	return changes.filter((change) => !SECRET_ATTRIBUTE.test(change.attribute));
}

function safeAttributes(account: TargetAccount): TargetAccount {
	const attributes = Object.fromEntries(Object.entries(account.attributes).filter(([name]) => !SECRET_ATTRIBUTE.test(name)));
	return { ...account, attributes };
}

function accountState(kind: ActionKind, account: TargetAccount | null): 'enabled' | 'disabled' | 'deleted' | undefined {
	if (kind === 'delete') return 'deleted';
	if (kind === 'enable') return 'enabled';
	if (kind === 'disable') return 'disabled';
	if (account && (kind === 'create' || kind === 'correlate')) return account.enabled ? 'enabled' : 'disabled';
	return undefined;
}

/**
 * Records one carried-out action in a single vault transaction: the account link and its last
 * known data, the grant, the action's status and an audit entry with the attributes before and
 * after. A process killed before this commits leaves the action claimed; the next run does it
 * again, and the connector's idempotence makes that harmless.
 */
export async function recordAction(
	vault: Vault,
	action: PlanActionRow,
	loaded: LoadedSubject | undefined,
	result: ActionResult,
): Promise<{ result: ActionResult; accountId: string | null }> {
	const kind = action.action as ActionKind;
	const now = new Date().toISOString();
	const changes = withoutSecrets(result.outcome?.changes ?? []);
	return await vault.transaction(async (trx) => {
		let final = result;
		let accountId = loaded?.account?.id ?? null;
		const succeeded = result.status === 'done' || result.status === 'noChange';
		const account = result.account ? safeAttributes(result.account) : null;
		if (succeeded && account) {
			const state = accountState(kind, account);
			if (result.linked) {
				const owner = await trx.selectFrom('accounts').select(['person_id', 'state']).where('target', '=', action.target).where('account_ref', '=', account.ref).executeTakeFirst();
				if (owner && owner.state !== 'deleted') {
					final = { ...result, status: 'failed', message: `Account ${account.name} is already linked to person ${owner.person_id}` };
				} else {
					// A deleted account's row is reused when the same account is found again (a rehire).
					await trx.deleteFrom('accounts').where('target', '=', action.target).where('account_ref', '=', account.ref).execute();
					accountId = newId();
					await trx
						.insertInto('accounts')
						.values({
							id: accountId,
							person_id: action.person_id,
							target: action.target,
							account_ref: account.ref,
							state: state ?? 'enabled',
							data: accountData(account),
							created_at: now,
							updated_at: now,
						})
						.execute();
				}
			} else if (loaded?.account) {
				await trx
					.updateTable('accounts')
					.set({ ...(state ? { state } : {}), data: accountData(account), updated_at: now })
					.where('id', '=', loaded.account.id)
					.execute();
			}
			if (final.status !== 'failed') await recordGrant(trx, action, kind, loaded, now);
		}
		const failed = final.status === 'failed';
		await trx
			.updateTable('plan_actions')
			.set({
				status: failed ? 'failed' : final.status === 'skipped' ? 'skipped' : 'done',
				result: JSON.stringify({ status: final.status, message: final.message, changes, attempts: final.attempts }),
				account_ref: account?.ref ?? action.account_ref,
				error: failed || final.status === 'skipped' ? final.message : null,
				updated_at: now,
			})
			.where('id', '=', action.id)
			.execute();
		await vault.appendAudit(trx, [
			{
				person_id: action.person_id,
				target: action.target,
				plan_id: action.plan_id,
				action_id: action.id,
				action: kind,
				message: final.status === 'noChange' && kind === 'update' ? `No changes: ${final.message}` : final.message,
				is_error: failed,
				before: changes.length ? Object.fromEntries(changes.map((c) => [c.attribute, c.before])) : null,
				after: changes.length ? Object.fromEntries(changes.map((c) => [c.attribute, c.after])) : null,
			},
		]);
		return { result: final, accountId };
	});
}

type Trx = Parameters<Parameters<Vault['transaction']>[0]>[0];

async function recordGrant(trx: Trx, action: PlanActionRow, kind: ActionKind, loaded: LoadedSubject | undefined, now: string): Promise<void> {
	if (kind !== 'grant' && kind !== 'revoke') return;
	const entitlement = entitlementOf(action);
	if (kind === 'revoke') {
		await trx
			.deleteFrom('granted_entitlements')
			.where('person_id', '=', action.person_id)
			.where('target', '=', action.target)
			.where('entitlement_key', '=', entitlement.key)
			.execute();
		return;
	}
	await trx
		.insertInto('granted_entitlements')
		.values({
			id: newId(),
			person_id: action.person_id,
			target: action.target,
			kind: entitlement.type === 'product' ? 'product' : 'group',
			entitlement_key: entitlement.key,
			entitlement_name: entitlement.name,
			account_id: loaded?.account?.id ?? null,
			granted_at: now,
			plan_action_id: action.id,
		})
		// Granted twice (a resumed run): the first record stands.
		.onConflict((oc) => oc.columns(['person_id', 'target', 'kind', 'entitlement_key']).doNothing())
		.execute();
}
