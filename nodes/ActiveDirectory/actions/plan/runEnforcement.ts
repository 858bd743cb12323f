import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACTION_KINDS, type ActionKind } from '../../../../lib/evaluation';
import { enforcePlan, type EnforceOptions } from '../../../../lib/enforcement';
import { createActiveDirectoryConnector } from '../../../../lib/targets/activeDirectory';
import { withVault } from '../../../shared/vault';
import { accountSettings, activeDirectoryConfig } from '../accountSettings';
import { toNodeError } from '../nodeError';

/** The parameters enforce and preview share: the plan, the account settings, the run's options. */
export function enforcementProperties(operation: 'enforce' | 'preview'): INodeProperties[] {
	const show = { resource: ['plan'], operation: [operation] };
	return [
		{
			displayName: 'Plan ID',
			name: 'planId',
			type: 'string',
			default: '={{ $json.planId }}',
			required: true,
			description: 'The plan an evaluation made (Provisioning Evaluate outputs it as planId)',
			displayOptions: { show },
		},
		...accountSettings(show),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{ displayName: 'As-Of Date', name: 'asOf', type: 'string', default: '', placeholder: '2026-01-31', description: 'Carry out the actions due on or before this date (default: today)' },
				{
					displayName: 'Only Persons',
					name: 'personIds',
					type: 'string',
					default: '',
					description: 'Comma-separated person IDs: only their actions, e.g. the person an HR webhook named',
				},
				{
					displayName: 'Only Actions',
					name: 'actions',
					type: 'multiOptions',
					options: ACTION_KINDS.map((kind) => ({ name: kind, value: kind })),
					default: [],
					description: 'Only these kinds of action, e.g. delete for a leaver clean-up (default: all)',
				},
				{ displayName: 'Concurrency', name: 'concurrency', type: 'number', typeOptions: { minValue: 1 }, default: 4, description: 'Calls to the domain controller at the same time' },
				{ displayName: 'Calls per Second', name: 'ratePerSecond', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Most calls started per second (0: no limit)' },
				{ displayName: 'Tries per Action', name: 'maxAttempts', type: 'number', typeOptions: { minValue: 1 }, default: 5, description: 'Transient errors (busy, unavailable, timeouts) are retried with growing, jittered delays' },
				{
					displayName: 'Wait for a Running Enforcement (Seconds)',
					name: 'waitForLockSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'When another execution is enforcing this target (e.g. the nightly run while an HR webhook arrives), wait this long for it instead of failing at once',
				},
				{ displayName: 'Max Event Items', name: 'maxEvents', type: 'number', typeOptions: { minValue: 0 }, default: 100, description: 'Event items output (all are counted in the summary)' },
				...(operation === 'enforce'
					? [
							{
								displayName: 'Include Initial Password in Events',
								name: 'includeInitialPassword',
								type: 'boolean' as const,
								default: false,
								description: 'Whether the "account created" event item carries the generated password (to mail to the manager). It is never stored or logged.',
							},
						]
					: []),
			],
		},
	];
}

function runOptions(context: IExecuteFunctions, itemIndex: number, dryRun: boolean): EnforceOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const planId = String(context.getNodeParameter('planId', itemIndex, '') ?? '').trim();
	if (!planId) throw new NodeOperationError(context.getNode(), 'The plan ID is empty', { itemIndex, description: 'Pass the planId an evaluation returned, e.g. {{ $json.planId }}.' });
	const personIds = String(options.personIds ?? '')
		.split(/[\s,]+/)
		.filter(Boolean);
	const actions = (options.actions as ActionKind[] | undefined) ?? [];
	return {
		planId,
		dryRun,
		asOf: String(options.asOf ?? '').trim() || undefined,
		personIds: personIds.length ? personIds : undefined,
		actions: actions.length ? actions : undefined,
		concurrency: options.concurrency as number | undefined,
		ratePerSecond: options.ratePerSecond as number | undefined,
		maxAttempts: options.maxAttempts as number | undefined,
		maxEvents: options.maxEvents as number | undefined,
		waitForLockMs: options.waitForLockSeconds === undefined ? undefined : Number(options.waitForLockSeconds) * 1000,
		includeInitialPassword: options.includeInitialPassword === true,
		worker: `n8n-execution-${context.getExecutionId() ?? 'manual'}`,
	};
}

/**
 * Enforce or preview per input item. Output 0: one summary item per run; output 1: the event
 * items (enforce) or one item per action with the attributes it would write (preview).
 */
export async function runEnforcement(context: IExecuteFunctions, dryRun: boolean): Promise<INodeExecutionData[][]> {
	const summaries: INodeExecutionData[] = [];
	const details: INodeExecutionData[] = [];
	const items = context.getInputData();
	await withVault(context, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				const options = runOptions(context, itemIndex, dryRun);
				const connector = createActiveDirectoryConnector(await activeDirectoryConfig(context, itemIndex));
				try {
					const result = await enforcePlan(vault, connector, options);
					summaries.push({ json: result.summary as unknown as IDataObject, pairedItem });
					const detail = dryRun ? result.reports : result.events;
					for (const json of detail) details.push({ json: json as unknown as IDataObject, pairedItem });
				} finally {
					await connector.close();
				}
			} catch (error) {
				const nodeError = toNodeError(context, error, itemIndex);
				if (!context.continueOnFail()) throw nodeError;
				summaries.push({ json: { error: nodeError.message }, pairedItem });
			}
		}
	});
	return [summaries, details];
}
