import type { INodeParameters } from 'n8n-workflow';

import type { CredentialRecord } from '../../../cli/credentials';
import type { WorkflowJson } from '../../../cli/runWorkflow';

export const AFAS_NODE = 'AFAS Profit';

/** The credential as n8n exports it, pointed at an emulator through the base URL override. */
export function afasCredential(baseUrl: string, token: string): CredentialRecord {
	return {
		id: 'afas-test',
		name: 'AFAS Profit API',
		type: 'afasProfitApi',
		data: { environmentNumber: '12345', environmentType: 'production', token, baseUrl },
	};
}

/** A one-node workflow: the AFAS Profit node with these parameters. */
export function afasWorkflow(parameters: INodeParameters, settings: { continueOnFail?: boolean } = {}): WorkflowJson {
	return {
		name: 'AFAS test',
		nodes: [
			{
				id: '8a3c1f52-1b7e-4e0c-9f4e-2d6a0b7c1a01',
				name: AFAS_NODE,
				type: 'n8n-nodes-provisioning.afasProfit',
				typeVersion: 1,
				position: [260, 300],
				parameters: { resource: 'getConnector', operation: 'getAll', ...parameters },
				credentials: { afasProfitApi: { id: 'afas-test', name: 'AFAS Profit API' } },
				...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** A GetConnector picked by name, as the editor stores a resource locator. */
export const byName = (value: string) => ({ __rl: true, mode: 'name', value });
