import { once } from 'node:events';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

import { compileRuleSet, type CompiledRuleSet } from '../rules';
import { openSqliteVaultReader } from '../vault/vault';
import type { Vault } from '../vault/types';
import { planningRules, type PlanningContext } from './planPage';
import { planRange } from './plannedPages';
import { CLAIM_HANDED_ON, CLAIM_STOP, claimPage, type PagesTask, type ThreadSession } from './planningThread';

/** How long the worker sleeps at most between looks at the stop flag while it waits to take a page. */
const WAIT_MS = 100;

/**
 * The worker thread of parallel evaluations (see PlanningThread), one evaluation (session) after
 * another: for each it opens its own connection and compiles the rules (unless they are the last
 * session's), takes the next free page itself, plans it and answers with its plan, until every
 * page is taken or the evaluation says stop; then it closes the connection and says 'idle'. It
 * waits while it is pagesAhead beyond the pages handed on.
 */
async function run(port: MessagePort, claims: Int32Array): Promise<never> {
	let rules: { json: string; ruleSet: CompiledRuleSet } | undefined;
	for (;;) {
		const [session] = (await once(port, 'message')) as [ThreadSession];
		const json = JSON.stringify(session.document);
		if (rules?.json !== json) rules = { json, ruleSet: compileRuleSet(session.document) };
		const vault = openSqliteVaultReader(session.vaultFile);
		try {
			await planSession(port, claims, vault, rules.ruleSet);
		} finally {
			await vault.close();
		}
		port.postMessage('idle');
	}
}

async function planSession(port: MessagePort, claims: Int32Array, vault: Vault, ruleSet: CompiledRuleSet): Promise<void> {
	const stopped = () => Atomics.load(claims, CLAIM_STOP) === 1;
	await vault.db.selectFrom('persons').select('id').limit(1).execute();
	port.postMessage('ready');
	const [message] = (await once(port, 'message')) as [PagesTask | 'stop'];
	if (message === 'stop') return;
	const task = message;
	const context: PlanningContext = {
		vault,
		rules: planningRules(ruleSet),
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
	// Every page is taken: wait for the evaluation to finish with them (or to stop early), then for its 'stop'.
	while (!stopped()) Atomics.wait(claims, CLAIM_HANDED_ON, Atomics.load(claims, CLAIM_HANDED_ON), WAIT_MS);
	await once(port, 'message');
}

// A failure rejects: the thread ends with an error, which the evaluation fails with.
if (!parentPort) throw new Error('evaluateWorker runs as a worker thread');
void run(parentPort, (workerData as { claims: Int32Array }).claims);
