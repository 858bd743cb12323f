import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RuleError, type RuleSetVersion, type RuleSetVersionSummary } from '../../../lib/rules';

/** Rule errors say what to fix; they become node errors with the same message. */
export function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof RuleError) {
		const where = [error.rule && `rule: ${error.rule}`, error.field && `field: ${error.field}`].filter(Boolean).join(', ');
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: where ? `Fix the rule set (${where}) and run again. The rule format is described in docs/rules.md.` : undefined,
		});
	}
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

/**
 * Runs fn once per input item; a failing item stops the node, or with "Continue On Fail"
 * becomes an error item paired with its input.
 */
export async function perItem(
	context: IExecuteFunctions,
	fn: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const produced = await fn(itemIndex);
			output.push(...produced.map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError = toNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/** A version as an item: its facts, without the (possibly long) document unless asked for. */
export function versionJson(version: RuleSetVersion | RuleSetVersionSummary, withDocument = false): IDataObject {
	const json: IDataObject = {
		version: version.version,
		status: version.status,
		note: version.note,
		createdAt: version.createdAt,
		publishedAt: version.publishedAt,
	};
	if ('document' in version) {
		json.ruleCount = version.document.rules.length;
		json.enabledRuleCount = version.document.rules.filter((rule) => rule.enabled).length;
		json.rules = version.document.rules.map((rule) => rule.name);
		if (withDocument) json.document = version.document as unknown as IDataObject;
	} else {
		json.ruleCount = version.ruleCount;
		json.enabledRuleCount = version.enabledRuleCount;
	}
	return json;
}
