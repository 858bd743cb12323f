import { WorkflowExecute } from 'n8n-core';
import type { IDataObject, IRun } from 'n8n-workflow';

import type { CredentialRecord } from '../../cli/credentials';
import { prepareRun, type WorkflowJson } from '../../cli/runWorkflow';

export interface ResumedRun {
	status: IRun['status'];
	error?: string;
	/** Nodes that ran after the resume, with the JSON of their outputs. */
	json(node: string, output?: number): IDataObject[];
	ran(node: string): boolean;
}

/**
 * Continues a run that waits in a send-and-wait node, as n8n does when the person clicks a
 * button in the message: the waiting node's output becomes what its webhook received (for an
 * approval `{ data: { approved } }`) and the run goes on from there with everything it had
 * (n8n's waiting-webhook resume: the waiting stack entry's input replaced, then
 * WorkflowExecute.processRunExecutionData). The harness serves no webhooks, so tests resume here.
 */
export async function resumeWaitingRun(
	workflowJson: WorkflowJson,
	waiting: IRun,
	webhookOutput: IDataObject[],
	options: { credentials: CredentialRecord[]; builtInNodesDir?: string },
): Promise<ResumedRun> {
	if (waiting.status !== 'waiting') throw new Error(`The run is ${waiting.status}, not waiting`);
	const data = structuredClone(waiting.data);
	const entry = data.executionData?.nodeExecutionStack[0];
	if (!entry) throw new Error('The waiting run has no node to resume');
	entry.data.main = [webhookOutput.map((json) => ({ json }))];
	data.waitTill = waiting.waitTill ?? undefined;
	const ranBefore = Object.fromEntries(Object.entries(data.resultData.runData).map(([name, runs]) => [name, runs.length]));

	const { workflow, additionalData } = prepareRun(workflowJson, options);
	const run = await new WorkflowExecute(additionalData, 'cli', data).processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	// Runs added since the wait (the waiting node's own run is replaced, so it does not count).
	const ranAfter = (node: string) => (runData[node]?.length ?? 0) > (ranBefore[node] ?? 0);
	return {
		status: run.status,
		error: run.data.resultData.error?.message,
		ran: ranAfter,
		json(node, output = 0) {
			if (!ranAfter(node)) throw new Error(`Node "${node}" did not run after the resume`);
			const last = runData[node][runData[node].length - 1];
			return (last.data?.main[output] ?? []).map((item) => item.json);
		},
	};
}
