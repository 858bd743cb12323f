import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as getConnector from './actions/getConnector/GetConnector.resource';
import { credentialTest, listSearch } from './methods';

export class AfasProfit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AFAS Profit',
		name: 'afasProfit',
		icon: { light: 'file:afasProfit.svg', dark: 'file:afasProfit.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Read HR data from AFAS Profit GetConnectors',
		defaults: { name: 'AFAS Profit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'afasProfitApi', required: true, testedBy: 'afasProfitApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'GetConnector', value: 'getConnector' }],
				default: 'getConnector',
			},
			...getConnector.description,
		],
	};

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
