import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { IdRange } from '../aggregation/aggregatedPersons';
import type { RuleSetDocument } from '../rules/model';
import type { PagePlan } from './planPage';

export interface PlannedPage extends PagePlan {
	persons: number;
}

/** What the worker thread is told when an evaluation takes it: the vault to open and the rules to compile (unless it has them already). */
export interface ThreadSession {
	vaultFile: string;
	document: RuleSetDocument;
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

/** How long the worker may take to close its connection once asked to. */
const STOP_TIMEOUT_MS = 5000;
/**
 * How long a worker is kept after an evaluation for the next one. A fresh thread loads its
 * modules and plans its first pages with cold code: its first 30 pages took about twice as long
 * as later ones (16-21 ms against 7-10 ms), about a quarter of a second of each evaluation.
 */
const IDLE_THREAD_MS = 5 * 60 * 1000;

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

/** The worker kept warm between evaluations (one per process): taken by the next evaluation, ended when idle too long. */
let spare: PlanningThread | undefined;

/** The thread id of the worker kept for the next evaluation, if one is. */
export function idlePlanningThreadId(): number | undefined {
	return spare?.threadId;
}

/**
 * The worker thread for a parallel evaluation of this vault file with these rules: the one kept
 * from an earlier evaluation, else a new one. Give it back with releasePlanningThread.
 */
export function takePlanningThread(vaultFile: string, document: RuleSetDocument): PlanningThread {
	const thread = spare ?? new PlanningThread();
	spare = undefined;
	thread.begin({ vaultFile, document });
	return thread;
}

/** Gives the thread back after an evaluation: kept for the next one when it works and none is kept already. */
export async function releasePlanningThread(thread: PlanningThread): Promise<void> {
	if ((await thread.finish()) && !spare) {
		spare = thread;
		thread.keepIdle();
	} else await thread.end();
}

/**
 * The worker thread of a parallel evaluation (evaluateWorker), on the second core. Taken before
 * the evaluation reads what it shares with it, so it compiles the rules and opens its connection
 * meanwhile; `plan` then gives it its pages. Between evaluations it holds no connection.
 */
export class PlanningThread {
	readonly claims = new Int32Array(new SharedArrayBuffer(CLAIM_SLOTS * Int32Array.BYTES_PER_ELEMENT));
	/** Pages the worker planned and the evaluation has not handed on yet. */
	readonly planned = new Map<number, PlannedPage | null>();
	/** Its connection reads the vault (it checks once it is up). */
	ready = false;
	failure?: Error;
	private idle = false;
	private idleTimer?: NodeJS.Timeout;
	private readonly thread: Worker;
	private wake = () => {};

	get threadId(): number {
		return this.thread.threadId;
	}

	constructor() {
		this.thread = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: WORKER_ENTRY, claims: this.claims } });
		this.thread.on('message', (message: 'ready' | 'idle' | { index: number; page: PlannedPage | null }) => {
			if (message === 'ready') this.ready = true;
			else if (message === 'idle') this.idle = true;
			else this.planned.set(message.index, message.page);
			this.wake();
		});
		// Errors in the thread fail the evaluation instead of being thrown in n8n's process.
		this.thread.on('error', (error) => this.fail(error));
		this.thread.on('exit', (code) => this.fail(new Error(`the evaluation's worker thread stopped (exit code ${code})`)));
	}

	/** Starts an evaluation's session: the worker opens the vault file and compiles the rules. */
	begin(session: ThreadSession): void {
		clearTimeout(this.idleTimer);
		this.claims.fill(0);
		this.planned.clear();
		this.ready = false;
		this.idle = false;
		this.thread.ref();
		this.thread.postMessage(session);
	}

	/** Lets the worker take pages. */
	plan(task: PagesTask): void {
		this.thread.postMessage(task);
	}

	/** Resolves on the worker's next message, failure or exit. */
	async next(): Promise<void> {
		await new Promise<void>((resolve) => (this.wake = resolve));
	}

	/**
	 * Ends the evaluation's session; true once the worker has closed its connection (a
	 * connection left open would keep a read mark in the log, and checkpoints could never empty
	 * it), false when it failed or did not answer in time.
	 */
	async finish(): Promise<boolean> {
		Atomics.store(this.claims, CLAIM_STOP, 1);
		Atomics.notify(this.claims, CLAIM_HANDED_ON);
		this.thread.postMessage('stop');
		const timer = setTimeout(() => this.fail(new Error(`the evaluation's worker thread did not stop within ${STOP_TIMEOUT_MS / 1000} s`)), STOP_TIMEOUT_MS);
		while (!this.idle && !this.failure) await this.next();
		clearTimeout(timer);
		return !this.failure;
	}

	/** Waits for the next evaluation without keeping the process alive; ends after IDLE_THREAD_MS. */
	keepIdle(): void {
		this.thread.unref();
		this.idleTimer = setTimeout(() => void this.end(), IDLE_THREAD_MS).unref();
	}

	async end(): Promise<void> {
		if (spare === this) spare = undefined;
		this.thread.removeAllListeners('exit'); // ending it is no failure
		await this.thread.terminate();
	}

	private fail(error: Error): void {
		this.failure ??= error;
		if (spare === this) spare = undefined;
		this.wake();
	}
}
