import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { enforcementProperties, runEnforcement } from './runEnforcement';

export const description: INodeProperties[] = enforcementProperties('enforce');

/** Carries out the plan's due actions in Active Directory and records every result in the vault. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runEnforcement(this, false);
}
