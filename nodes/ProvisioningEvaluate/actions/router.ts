import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as plan from './plan/Plan.resource';

const operations = {
	evaluate: plan.evaluate,
	approvePlan: plan.approvePlan,
	getPlan: plan.getPlan,
	report: plan.report,
};

/** Output 0: Ready; output 1: Blocked (only Evaluate sends plans there). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resource === 'plan' ? operations[operation as keyof typeof operations] : undefined;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	return await handler.execute.call(this);
}
