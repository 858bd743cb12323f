import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { afasClient, toNodeError, type AfasClient } from '../../transport';
import { connectorParameter } from './connector';

export const description: INodeProperties[] = [connectorParameter('getMetaInfo')];

/** One item per input item: the GetConnector's name, description and fields, as AFAS describes them. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	let client: AfasClient | undefined;
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const connector = String(this.getNodeParameter('connector', i, '', { extractValue: true })).trim();
			if (!connector) {
				throw new NodeOperationError(this.getNode(), 'No GetConnector is chosen', {
					itemIndex: i,
					description: 'Pick a GetConnector from the list or enter its name, e.g. HrEmployees.',
				});
			}
			const metaInfo = (await (client ??= await afasClient(this)).getMetaInfo(connector)) as IDataObject;
			output.push({ json: metaInfo, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
		}
	}
	return output;
}
