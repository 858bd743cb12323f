import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { enforcementProperties, runEnforcement } from './runEnforcement';

export const description: INodeProperties[] = enforcementProperties('preview');

/** What enforcing the plan would write, attribute by attribute; nothing is written. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runEnforcement(this, true);
}
