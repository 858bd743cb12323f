import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { RuleSetSelector } from '../../../../lib/rules';

/** "Which version": draft, published or a number; shared by Get and Export. */
export function selectorProperties(operation: string): INodeProperties[] {
	const show = { resource: ['ruleSet'], operation: [operation] };
	return [
		{
			displayName: 'Version',
			name: 'which',
			type: 'options',
			options: [
				{ name: 'Published', value: 'published', description: 'The rule set enforcement uses' },
				{ name: 'Draft', value: 'draft', description: 'The draft being edited' },
				{ name: 'Version Number', value: 'version' },
			],
			default: 'published',
			displayOptions: { show },
		},
		{
			displayName: 'Version Number',
			name: 'version',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: { show: { ...show, which: ['version'] } },
		},
	];
}

export function readSelector(context: IExecuteFunctions, itemIndex: number): RuleSetSelector {
	const which = context.getNodeParameter('which', itemIndex) as string;
	if (which !== 'version') return which === 'draft' ? 'draft' : 'published';
	const version = Number(context.getNodeParameter('version', itemIndex));
	if (!Number.isInteger(version) || version < 1) {
		throw new NodeOperationError(context.getNode(), `Version Number must be a whole number of 1 or more, got ${version}`, { itemIndex });
	}
	return version;
}
