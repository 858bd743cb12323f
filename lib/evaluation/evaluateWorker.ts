import { parentPort, workerData } from 'node:worker_threads';

import { compileRuleSet, desiredState } from '../rules';
import { openSqliteVaultReader } from '../vault/vault';
import type { PlanningContext } from './planPage';
import { CLAIM_HANDED_ON, CLAIM_STOP, claimPage, planRange, type WorkerTask } from './plannedPages';

/** How long the worker sleeps at most between looks at the stop flag while it waits to take a page. */
const WAIT_MS = 100;

/**
 * The worker thread of a parallel evaluation (see plannedPages): takes the next free page itself,
 * plans it on its own connection to the vault and answers with its plan, until every page is
 * taken or the evaluation says stop. It waits while it is pagesAhead beyond the pages handed on.
 */
async function run(task: WorkerTask): Promise<void> {
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
	const { claims, ranges } = task;
	const stopped = () => Atomics.load(claims, CLAIM_STOP) === 1;
	try {
		// A vault this connection cannot read fails the evaluation, even one whose pages the
		// evaluation's own thread planned before this thread was up.
		await context.vault.db.selectFrom('persons').select('id').limit(1).execute();
		port.postMessage('ready');
		for (let index = claimPage(claims, ranges.length); index !== undefined && !stopped(); index = claimPage(claims, ranges.length)) {
			for (let handed = Atomics.load(claims, CLAIM_HANDED_ON); index - handed >= task.pagesAhead && !stopped(); handed = Atomics.load(claims, CLAIM_HANDED_ON)) {
				Atomics.wait(claims, CLAIM_HANDED_ON, handed, WAIT_MS);
			}
			if (stopped()) break;
			port.postMessage({ index, page: await planRange(context, task.pageSize, ranges[index]) });
		}
		// Every page is taken: wait for the evaluation to finish with the pages (or stop early).
		while (!stopped()) Atomics.wait(claims, CLAIM_HANDED_ON, Atomics.load(claims, CLAIM_HANDED_ON), WAIT_MS);
	} finally {
		await context.vault.close();
	}
}

// A failed page rejects: the thread ends with an error, which the evaluation fails with.
void run((workerData as { task: WorkerTask }).task).then(() => process.exit(0));
