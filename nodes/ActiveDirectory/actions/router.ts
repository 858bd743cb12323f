import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as correlation from './correlation/Correlation.resource';
import * as group from './group/Group.resource';
import * as plan from './plan/Plan.resource';

type Operation = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> };

const operations: Record<string, Record<string, Operation>> = {
	plan: { enforce: plan.enforce, preview: plan.preview },
	correlation: { report: correlation.report, link: correlation.link },
	account: { get: account.get, search: account.search },
	group: { get: group.get, search: group.search },
};

/** Output 0: summaries and results; output 1: enforcement events or preview changes (plan operations only). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	const [main, details = []] = await handler.execute.call(this);
	return [main, details];
}
