import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { exportImportMapping } from '../../../../lib/import';
import { mappingProperties, readMapping } from './mappingParameters';

export const description: INodeProperties[] = mappingProperties.map((property) => ({
	...property,
	displayOptions: { show: { resource: ['import'], operation: ['exportMapping'], ...(property.displayOptions?.show ?? {}) } },
}));

/** The mapping as one JSON document, to keep in git or paste into another Import node. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const mapping = readMapping((name) => this.getNodeParameter(name, 0));
		const json = exportImportMapping(mapping);
		const binary = await this.helpers.prepareBinaryData(Buffer.from(json, 'utf8'), 'import-mapping.json', 'application/json');
		return [[{ json: { mapping: JSON.parse(json) }, binary: { data: binary }, pairedItem: { item: 0 } }], []];
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}
