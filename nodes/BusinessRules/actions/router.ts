import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as exclusion from './exclusion/Exclusion.resource';
import * as ruleSet from './ruleSet/RuleSet.resource';

const operations: Record<string, Record<string, { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> }>> = {
	ruleSet: {
		saveDraft: ruleSet.saveDraft,
		publish: ruleSet.publish,
		get: ruleSet.get,
		listVersions: ruleSet.listVersions,
		export: ruleSet.exportRuleSet,
	},
	exclusion: {
		exclude: exclusion.exclude,
		include: exclusion.include,
		list: exclusion.list,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	return [await handler.execute.call(this)];
}
