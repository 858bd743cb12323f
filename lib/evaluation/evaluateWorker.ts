import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';

import { compileRuleSet, desiredState } from '../rules';
import { openSqliteVaultReader } from '../vault/vault';
import type { PlanningContext } from './planPage';
import { planRange } from './plannedPages';
import { CLAIM_HANDED_ON, CLAIM_STOP, claimPage, type PagesTask, type ThreadStart } from './planningThread';

/** How long the worker sleeps at most between looks at the stop flag while it waits to take a page. */
const WAIT_MS = 100;

/**
 * The worker thread of a parallel evaluation (see PlanningThread): compiles the rules and opens
 * its own connection, then takes the next free page itself, plans it and answers with its plan,
 * until every page is taken or the evaluation says stop. It waits while it is pagesAhead beyond
 * the pages handed on.
 */
async function run(start: ThreadStart): Promise<void> {
	const port = parentPort;
	if (!port) throw new Error('evaluateWorker runs as a worker thread');
	const ruleSet = compileRuleSet(start.document);
	const vault = openSqliteVaultReader(start.vaultFile);
	const { claims } = start;
	const stopped = () => Atomics.load(claims, CLAIM_STOP) === 1;
	try {
		await vault.db.selectFrom('persons').select('id').limit(1).execute();
		port.postMessage('ready');
		const [message] = (await once(port, 'message')) as [PagesTask | 'stop'];
		if (message === 'stop') return;
		const task = message;
		const context: PlanningContext = {
			vault,
			rules: { document: ruleSet.document, desiredState: (person, asOf) => desiredState(ruleSet, person, asOf) },
			asOf: task.asOf,
			targets: task.targets ? new Set(task.targets) : undefined,
			correlate: new Set(task.correlate),
			excludedSurvivors: new Set(task.excludedSurvivors),
			blocked: new Set(task.blocked),
			hasMerges: task.hasMerges,
		};
		const pages = task.ranges.length;
		for (let index = claimPage(claims, pages); index !== undefined && !stopped(); index = claimPage(claims, pages)) {
			for (let handed = Atomics.load(claims, CLAIM_HANDED_ON); index - handed >= task.pagesAhead && !stopped(); handed = Atomics.load(claims, CLAIM_HANDED_ON)) {
				Atomics.wait(claims, CLAIM_HANDED_ON, handed, WAIT_MS);
			}
			if (stopped()) break;
			port.postMessage({ index, page: await planRange(context, task.pageSize, task.ranges[index]) });
		}
		// Every page is taken: wait for the evaluation to finish with them (or to stop early).
		while (!stopped()) Atomics.wait(claims, CLAIM_HANDED_ON, Atomics.load(claims, CLAIM_HANDED_ON), WAIT_MS);
	} finally {
		await vault.close();
	}
}

// A failure rejects: the thread ends with an error, which the evaluation fails with.
void run((workerData as { start: ThreadStart }).start).then(() => process.exit(0));
