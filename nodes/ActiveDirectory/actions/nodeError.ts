import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ConnectorError } from '../../../lib/enforcement';
import { PlanError } from '../../../lib/evaluation';

/** Directory errors as NodeApiError, everything else (plans, settings, locks) as NodeOperationError with its hint. */
export function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof ConnectorError) {
		return new NodeApiError(context.getNode(), { message: error.message }, { itemIndex, message: error.message });
	}
	const description = error instanceof PlanError ? error.description : undefined;
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex, description });
}
