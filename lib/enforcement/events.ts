import type { ActionKind } from '../evaluation/types';
import type { PlanActionRow } from '../vault/schema';
import { entitlementOf, type ActionResult } from './executeAction';
import { withoutSecrets } from './journal';
import type { LoadedSubject } from './loadSubjects';
import type { ActionReport, EnforcementEvent, EnforcementEventKind, EnforcementResult, EnforcementSummary } from './types';

const EVENT_OF: Partial<Record<ActionKind, EnforcementEventKind>> = {
	update: 'accountUpdated',
	enable: 'accountEnabled',
	disable: 'accountDisabled',
	delete: 'accountDeleted',
	move: 'accountMoved',
	grant: 'permissionGranted',
	revoke: 'permissionRevoked',
};

function eventKind(kind: ActionKind, result: ActionResult): EnforcementEventKind | undefined {
	if (result.status === 'failed') return 'actionFailed';
	if (result.status !== 'done') return undefined;
	if (result.linked) return result.linked === 'created' ? 'accountCreated' : 'accountCorrelated';
	return EVENT_OF[kind];
}

/** Counts every action of a run and keeps the first maxEvents notable ones as event items. */
export class EventCollector {
	private readonly summary: Omit<EnforcementSummary, 'remaining' | 'durationMs'>;
	private readonly events: EnforcementEvent[] = [];
	private readonly reports: ActionReport[] = [];
	managersSet = 0;

	constructor(
		private readonly planId: string,
		private readonly target: string,
		private readonly dryRun: boolean,
		private readonly maxEvents: number,
		private readonly includeInitialPassword: boolean,
	) {
		this.summary = { planId, target, dryRun, actions: 0, done: 0, noChange: 0, failed: 0, skipped: 0, byAction: {}, managersSet: 0, events: 0, eventsOmitted: 0 };
	}

	add(action: PlanActionRow, loaded: LoadedSubject | undefined, result: ActionResult): void {
		const kind = action.action as ActionKind;
		const summary = this.summary;
		summary.actions++;
		summary[result.status]++;
		const perKind = (summary.byAction[kind] ??= {});
		perKind[result.status] = (perKind[result.status] ?? 0) + 1;
		const changes = withoutSecrets(result.outcome?.changes ?? []);
		const entitlement = entitlementOf(action);
		if (this.dryRun || result.status === 'failed' || result.status === 'skipped') {
			this.reports.push({
				actionId: action.id,
				seq: action.seq,
				personId: action.person_id,
				target: action.target,
				action: kind,
				entitlement: entitlement.name,
				status: result.status,
				message: result.message,
				changes,
				accountRef: result.account?.ref || null,
				attempts: result.attempts,
			});
		}
		const event = eventKind(kind, result);
		if (!event) return;
		summary.events++;
		if (this.events.length >= this.maxEvents) {
			summary.eventsOmitted++;
			return;
		}
		const person = loaded?.subject.person;
		const manager = loaded?.subject.manager;
		this.events.push({
			event,
			target: this.target,
			planId: this.planId,
			personId: action.person_id,
			personName: person?.name.display ?? person?.externalId ?? action.person_id,
			externalId: person?.externalId ?? '',
			account: result.account?.name ?? null,
			accountRef: result.account?.ref || null,
			manager: manager ? { name: manager.person.name.display ?? manager.person.externalId, account: manager.account?.name ?? null } : null,
			...(kind === 'grant' || kind === 'revoke' ? { permission: entitlement.name } : {}),
			message: result.message,
			changes,
			...(event === 'accountCreated' && this.includeInitialPassword && result.initialPassword ? { initialPassword: result.initialPassword } : {}),
			dryRun: this.dryRun,
		});
	}

	result(remaining: number, durationMs: number): EnforcementResult {
		return {
			summary: { ...this.summary, managersSet: this.managersSet, remaining, durationMs },
			events: this.events,
			reports: this.reports,
		};
	}
}
