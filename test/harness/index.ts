import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { CredentialRecord } from '../../cli/credentials';
import { runWorkflow, type RunOptions, type WorkflowJson, type WorkflowRunResult } from '../../cli/runWorkflow';

export const WORKFLOWS_DIR = path.join(__dirname, '..', '..', 'workflows');

export interface HarnessResult extends WorkflowRunResult {
	/** The JSON of every item a node put on one of its outputs. */
	json(node: string, output?: number): IDataObject[];
}

export function loadWorkflow(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.isAbsolute(file) ? file : path.join(WORKFLOWS_DIR, file), 'utf8')) as WorkflowJson;
}

/** Runs a workflow (object or file under workflows/) in n8n's real engine with plain credentials. */
export async function runInN8n(
	workflow: WorkflowJson | string,
	credentials: CredentialRecord[] = [],
	options: Omit<RunOptions, 'credentials'> = {},
): Promise<HarnessResult> {
	const json = typeof workflow === 'string' ? loadWorkflow(workflow) : workflow;
	const result = await runWorkflow(json, { ...options, credentials });
	return {
		...result,
		json(node: string, output = 0) {
			const ran = result.nodes[node];
			if (!ran) throw new Error(`Node "${node}" did not run. Ran: ${Object.keys(result.nodes).join(', ')}`);
			return (ran.outputs[output] ?? []).map((item) => item.json);
		},
	};
}

export function sqliteVaultCredential(filePath: string, id = 'demo-vault'): CredentialRecord {
	return { id, name: 'Provisioning Vault', type: 'provisioningVaultApi', data: { backend: 'sqlite', filePath } };
}
