import { once } from 'node:events';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { IdRange } from '../aggregation/aggregatedPersons';
import type { RuleSetDocument } from '../rules/model';
import type { PagePlan } from './planPage';

export interface PlannedPage extends PagePlan {
	persons: number;
}

/** What the worker thread is given when it starts: enough to load, compile the rules and open its connection. */
export interface ThreadStart {
	vaultFile: string;
	document: RuleSetDocument;
	/** CLAIM_SLOTS shared counters: see claimPage. */
	claims: Int32Array;
}

/** What the worker thread needs, once the evaluation has read it, to plan its pages as the evaluation's thread would. */
export interface PagesTask {
	asOf: string;
	targets: string[] | null;
	correlate: string[];
	excludedSurvivors: string[];
	blocked: string[];
	hasMerges: boolean;
	pageSize: number;
	ranges: IdRange[];
	/** Most pages a thread may take beyond the last page handed on. */
	pagesAhead: number;
}

/**
 * Shared between the two threads: which page is next to take, how many pages have been handed
 * on, and whether the worker is to stop. A thread takes its next page itself: pages handed out by
 * message left the worker idle until the evaluation's thread, busy with a page of its own, read
 * the worker's answer (a third of the worker's time).
 */
export const CLAIM_NEXT = 0;
export const CLAIM_HANDED_ON = 1;
export const CLAIM_STOP = 2;
const CLAIM_SLOTS = 3;

/** The next page for a thread to plan, or undefined when every page is taken. */
export function claimPage(claims: Int32Array, pages: number): number | undefined {
	if (Atomics.load(claims, CLAIM_NEXT) >= pages) return undefined;
	const index = Atomics.add(claims, CLAIM_NEXT, 1);
	return index < pages ? index : undefined;
}

/** How long the worker may take to close its connection and end once asked to. */
const STOP_TIMEOUT_MS = 5000;

// Loads the worker's module: from dist/ as JavaScript; from the TypeScript sources (the tests
// run those) transpiled on the way, as ts-jest does.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) {
	const fs = require('node:fs');
	const ts = require('node:module').createRequire(workerData.entry)('typescript');
	const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
	require.extensions['.ts'] = (module, file) =>
		module._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), { fileName: file, compilerOptions: options }).outputText, file);
}
require(workerData.entry);
`;
const WORKER_ENTRY = path.join(__dirname, `evaluateWorker${path.extname(__filename)}`);

/**
 * The worker thread of a parallel evaluation (evaluateWorker), on the second core. Started
 * before the evaluation reads what it shares with it, so it loads, compiles the rules and opens
 * its connection meanwhile (about a quarter of a second); `plan` then gives it its pages.
 */
export class PlanningThread {
	readonly claims = new Int32Array(new SharedArrayBuffer(CLAIM_SLOTS * Int32Array.BYTES_PER_ELEMENT));
	/** Pages the worker planned and the evaluation has not handed on yet. */
	readonly planned = new Map<number, PlannedPage | null>();
	/** Its connection reads the vault (it checks once it is up). */
	ready = false;
	failure?: Error;
	private readonly thread: Worker;
	private wake = () => {};

	constructor(vaultFile: string, document: RuleSetDocument) {
		const start: ThreadStart = { vaultFile, document, claims: this.claims };
		this.thread = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: WORKER_ENTRY, start } });
		this.thread.on('message', (message: 'ready' | { index: number; page: PlannedPage | null }) => {
			if (message === 'ready') this.ready = true;
			else this.planned.set(message.index, message.page);
			this.wake();
		});
		// Errors in the thread fail the evaluation instead of being thrown in n8n's process.
		this.thread.on('error', (error) => this.fail(error));
		this.thread.on('exit', (code) => this.fail(new Error(`the evaluation's worker thread stopped (exit code ${code})`)));
	}

	/** Lets the worker take pages. */
	plan(task: PagesTask): void {
		this.thread.postMessage(task);
	}

	/** Resolves on the worker's next message, failure or exit. */
	async next(): Promise<void> {
		await new Promise<void>((resolve) => (this.wake = resolve));
	}

	/** Ends the thread once its connection is closed (a connection left open would keep a read mark in the log, and checkpoints could never empty it). */
	async stop(): Promise<void> {
		this.thread.removeAllListeners('exit');
		const exited = once(this.thread, 'exit');
		Atomics.store(this.claims, CLAIM_STOP, 1);
		Atomics.notify(this.claims, CLAIM_HANDED_ON);
		this.thread.postMessage('stop'); // for a worker still waiting for its pages
		const timer = setTimeout(() => void this.thread.terminate(), STOP_TIMEOUT_MS);
		await exited;
		clearTimeout(timer);
	}

	private fail(error: Error): void {
		this.failure ??= error;
		this.wake();
	}
}
