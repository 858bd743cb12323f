import { parseEntitlement } from '../evaluation/plans';
import type { ActionEntitlement, ActionKind } from '../evaluation/types';
import type { PlanActionRow } from '../vault/schema';
import { ConnectorError, type ActionOutcome, type ConnectorContext, type TargetAccount, type TargetConnector } from './connector';
import type { LoadedSubject } from './loadSubjects';
import type { TargetCalls } from './retry';

/** What carrying out one action gave, before it is recorded. */
export interface ActionResult {
	status: 'done' | 'noChange' | 'failed' | 'skipped';
	message: string;
	outcome?: ActionOutcome;
	/** The account the action worked on or made. */
	account: TargetAccount | null;
	/** create / correlate: the account is new to the vault (created, or found and linked). */
	linked?: 'created' | 'correlated';
	initialPassword?: string;
	attempts: number;
}

export interface ExecuteContext {
	connector: TargetConnector;
	calls: TargetCalls;
	connectorContext: ConnectorContext;
}

export function entitlementOf(action: Pick<PlanActionRow, 'entitlement'>): ActionEntitlement {
	return parseEntitlement(action.entitlement) ?? { type: 'account', key: 'account', name: '' };
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Carries out one claimed action against the target, idempotently: a create first looks for
 * the person's account (one match is linked, several are an error for this person only),
 * "already a member", "already disabled" and "already gone" count as success. Never throws
 * for a target error: the result says what failed, so one person never stops the others.
 */
export async function executeAction(action: PlanActionRow, loaded: LoadedSubject | undefined, ctx: ExecuteContext): Promise<ActionResult> {
	const attempts = { count: 0 };
	const kind = action.action as ActionKind;
	if (!loaded) {
		return { status: 'failed', message: `Person ${action.person_id} is no longer in the vault`, account: null, attempts: 0 };
	}
	const entitlement = entitlementOf(action);
	const call = <T>(fn: () => Promise<T>) => ctx.calls.call(fn, attempts);
	const { connector, connectorContext } = ctx;
	const { subject } = loaded;
	const account = loaded.account?.account ?? null;
	const result = (outcome: ActionOutcome, target: TargetAccount | null = outcome.account ?? account): ActionResult => ({
		status: outcome.result,
		message: outcome.message,
		outcome,
		account: target,
		attempts: attempts.count,
	});
	try {
		if (kind === 'create' || kind === 'correlate') {
			if (account) return { status: 'noChange', message: `Already linked to account ${account.name}`, account, attempts: 0 };
			const matches = await call(() => connector.correlate(subject));
			if (matches.length > 1) {
				const value = connector.personCorrelationValue(subject);
				throw new ConnectorError(
					`${matches.length} accounts in ${connector.target} match correlation value '${value}': ${matches.map((m) => m.name).join(', ')}. Link the right one by hand`,
				);
			}
			if (matches.length === 1) {
				const found = matches[0];
				return { status: 'done', message: `Correlated existing account ${found.name}`, account: found, linked: 'correlated', attempts: attempts.count };
			}
			if (kind === 'correlate') {
				const value = connector.personCorrelationValue(subject);
				throw new ConnectorError(`No account in ${connector.target} has correlation value '${value ?? '(empty)'}' to link to`);
			}
			const created = await call(() => connector.create(subject, { enabled: entitlement.enabled ?? true }, connectorContext));
			return { ...result(created, created.account), linked: 'created', initialPassword: created.initialPassword };
		}
		if (!account) {
			return {
				status: 'skipped',
				message: `${subject.person.name.display ?? subject.person.externalId} has no account in ${connector.target} yet (its create did not succeed)`,
				account: null,
				attempts: 0,
			};
		}
		const permission = { key: entitlement.key, name: entitlement.name };
		// A preview's account that a create earlier in the same preview would make: nothing to read yet.
		if (connectorContext.dryRun && account.ref === '') return result(previewOnNewAccount(kind, entitlement));
		switch (kind) {
			case 'update':
				return result(await call(() => connector.update(account, subject, connectorContext)));
			case 'enable':
				return result(await call(() => connector.enable(account, subject, connectorContext)));
			case 'disable':
				return result(await call(() => connector.disable(account, subject, connectorContext)));
			case 'move':
				return result(await call(() => connector.move(account, entitlement.name, connectorContext)));
			case 'delete':
				return result(await call(() => connector.delete(account, connectorContext)));
			case 'grant':
				return result(await call(() => connector.grant(account, permission, connectorContext)));
			case 'revoke':
				return result(await call(() => connector.revoke(account, permission, connectorContext)));
		}
		throw new ConnectorError(`Unknown action '${action.action}'`);
	} catch (error) {
		const transient = connector.isTransient(error) ? ` (still failing after ${attempts.count} tries)` : '';
		return { status: 'failed', message: errorMessage(error) + transient, account, attempts: attempts.count };
	}
}

function previewOnNewAccount(kind: ActionKind, entitlement: ActionEntitlement): ActionOutcome {
	const membership = kind === 'grant' || kind === 'revoke';
	return {
		result: 'done',
		message: `Would ${kind} ${membership ? entitlement.name : 'the account'} once it is created`,
		changes: membership ? [{ attribute: 'memberOf', before: kind === 'grant' ? null : entitlement.name, after: kind === 'grant' ? entitlement.name : null }] : [],
	};
}
