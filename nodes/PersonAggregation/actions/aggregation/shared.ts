import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AggregationError, type SuggestionView } from '../../../../lib/aggregation';

/** An item per suggestion: what an admin needs to decide, and the id the decide operations read. */
export function suggestionItem(suggestion: SuggestionView, itemIndex: number): INodeExecutionData {
	return {
		json: {
			kind: 'suggestion',
			suggestionId: suggestion.id,
			score: suggestion.score,
			rules: suggestion.rules,
			status: suggestion.status,
			createdAt: suggestion.createdAt,
			decidedAt: suggestion.decidedAt,
			personA: { ...suggestion.personA },
			personB: { ...suggestion.personB },
		} as IDataObject,
		pairedItem: { item: itemIndex },
	};
}

/** Engine errors an admin can fix become node errors with their help text; others pass unchanged. */
export function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof AggregationError) {
		return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
	}
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

/** Comma-separated source names, highest priority first; empty means "use sources.priority". */
export function parseSourcePriority(value: unknown): string[] | undefined {
	const names = String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	return names.length > 0 ? names : undefined;
}

/**
 * Runs fn once per input item; a failing item stops the node, or with "Continue On Fail"
 * becomes an error item paired with its input.
 */
export async function perItem(
	context: IExecuteFunctions,
	fn: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push({ json: await fn(itemIndex), pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/** A required id parameter, trimmed; empty (e.g. an item without the field the expression reads) is an error. */
export function requiredId(context: IExecuteFunctions, parameter: string, label: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(parameter, itemIndex) ?? '').trim();
	if (!value || value === 'undefined') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Set ${label}, or feed items that have it (the Run operation's summary item has none).`,
		});
	}
	return value;
}

/** The decide operations' "Decided By" option: who decided, for the audit log. */
export const DECIDED_BY_OPTION: INodeProperties = {
	displayName: 'Decided By',
	name: 'decidedBy',
	type: 'string',
	default: '',
	description: 'Who decided, for the audit log',
};

export function decidedBy(options: IDataObject): string | undefined {
	return String(options.decidedBy ?? '').trim() || undefined;
}
