import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PlanError, type EvaluationResult } from '../../../../lib/evaluation';
import { RuleError } from '../../../../lib/rules';

/** The summary item: what a notification or an approval request needs, and the plan id the next node reads. */
export function summaryJson(result: EvaluationResult): IDataObject {
	return {
		kind: 'summary',
		planId: result.planId,
		status: result.status,
		asOf: result.asOf,
		createdAt: result.createdAt,
		ruleSetVersion: result.ruleSet.version,
		ruleSetStatus: result.ruleSet.status,
		preview: result.preview,
		mode: result.mode,
		fullReason: result.fullReason ?? null,
		evaluated: result.evaluated,
		persons: result.summary.persons,
		personsAffected: result.summary.personsAffected,
		blockedPersons: result.summary.blocked,
		excludedPersons: result.summary.excluded,
		totalActions: result.summary.totalActions,
		actions: result.summary.actions as IDataObject,
		productsNotRevoked: result.summary.productsNotRevoked,
		thresholds: result.thresholds as unknown as IDataObject[],
		superseded: result.superseded,
		approvedBy: result.approvedBy,
		approvedAt: result.approvedAt,
		actionsShown: result.actions.length,
	};
}

/** The summary, then one item per shown action. */
export function planItems(result: EvaluationResult, itemIndex: number, withActions = true): INodeExecutionData[] {
	const items: INodeExecutionData[] = [{ json: summaryJson(result), pairedItem: { item: itemIndex } }];
	if (!withActions) return items;
	for (const action of result.actions) {
		items.push({
			json: {
				kind: 'action',
				planId: action.planId,
				seq: action.seq,
				personId: action.personId,
				personName: action.personName,
				target: action.target,
				action: action.action,
				key: action.key,
				name: action.name,
				reason: action.reason,
				dueDate: action.dueDate,
				status: action.status,
				accountRef: action.accountRef,
			},
			pairedItem: { item: itemIndex },
		});
	}
	return items;
}

/** Engine errors an admin can act on become node errors with their help text. */
export function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof PlanError) return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
	if (error instanceof RuleError) {
		const where = [error.rule && `rule: ${error.rule}`, error.field && `field: ${error.field}`].filter(Boolean).join(', ');
		return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: where || undefined });
	}
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

/** A required plan id, trimmed; empty (an item without the field the expression reads) is an error. */
export function requiredPlanId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('planId', itemIndex) ?? '').trim();
	if (!value || value === 'undefined') {
		throw new NodeOperationError(context.getNode(), 'Plan ID is empty', {
			itemIndex,
			description: 'Set Plan ID, or feed the summary item of an evaluation (it carries planId).',
		});
	}
	return value;
}

export const planIdProperty = (operation: string) => ({
	displayName: 'Plan ID',
	name: 'planId',
	type: 'string' as const,
	required: true,
	default: '={{ $json.planId }}',
	description: 'ID of the plan, as an evaluation’s summary item gives it',
	displayOptions: { show: { resource: ['plan'], operation: [operation] } },
});

export const maxItemsProperty = (operation: string) => ({
	displayName: 'Max Action Items',
	name: 'maxItems',
	type: 'number' as const,
	typeOptions: { minValue: 0 },
	default: 100,
	description: 'Most actions to output as items after the summary; all are stored in the vault',
	displayOptions: { show: { resource: ['plan'], operation: [operation] } },
});
