import { parentPort, workerData } from 'node:worker_threads';

import { compileRuleSet, desiredState } from '../rules';
import { openSqliteVaultReader } from '../vault/vault';
import type { PlanningContext } from './planPage';
import { planRange, type WorkerTask } from './plannedPages';

/**
 * The worker thread of a parallel evaluation (see plannedPages): plans the pages it is given,
 * one at a time, on its own connection to the vault, and answers each with its plan.
 */
function run(task: WorkerTask): void {
	const port = parentPort;
	if (!port) throw new Error('evaluateWorker runs as a worker thread');
	const ruleSet = compileRuleSet(task.document);
	const context: PlanningContext = {
		vault: openSqliteVaultReader(task.vaultFile),
		rules: { document: ruleSet.document, desiredState: (person, asOf) => desiredState(ruleSet, person, asOf) },
		asOf: task.asOf,
		targets: task.targets ? new Set(task.targets) : undefined,
		correlate: new Set(task.correlate),
		excludedSurvivors: new Set(task.excludedSurvivors),
		blocked: new Set(task.blocked),
		hasMerges: task.hasMerges,
	};
	const plan = async (index: number) => port.postMessage({ index, page: await planRange(context, task.pageSize, task.ranges[index]) });
	// One page at a time: the evaluation sends the next when this one is answered. A failed page
	// is an unhandled rejection, which ends the thread with an error the evaluation fails with.
	port.on('message', (message: number | 'stop') => {
		if (message === 'stop') void context.vault.close().finally(() => process.exit(0));
		else void plan(message);
	});
}

run((workerData as { task: WorkerTask }).task);
