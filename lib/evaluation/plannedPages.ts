import { once } from 'node:events';
import * as path from 'node:path';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';

import { iterateAggregatedPages, type AggregatedPage, type IdRange } from '../aggregation/aggregatedPersons';
import type { RuleSetDocument } from '../rules/model';
import type { VaultDb } from '../vault/types';
import { planPage, type PagePlan, type PlanningContext } from './planPage';

export interface PlannedPage extends PagePlan {
	persons: number;
}

/** What the worker thread needs to plan its pages as this thread would. */
export interface WorkerTask {
	vaultFile: string;
	document: RuleSetDocument;
	asOf: string;
	targets: string[] | null;
	correlate: string[];
	excludedSurvivors: string[];
	blocked: string[];
	hasMerges: boolean;
	pageSize: number;
	ranges: IdRange[];
	/** CLAIM_SLOTS shared counters: see claimPage. */
	claims: Int32Array;
	/** Most pages a thread may take beyond the last page handed on. */
	pagesAhead: number;
}

/** A worker thread's task before the pages are cut: bounds from pageBounds. */
export type WorkerSetup = Omit<WorkerTask, 'ranges' | 'claims' | 'pagesAhead'> & { bounds: string[] };

/**
 * Pages planned ahead of the page handed on for writing: bounds memory when pages carry many
 * actions (16 pages of 250 persons). With fewer, this thread waited for the worker's first page
 * (the worker starts cold) about 0.15 s of every evaluation.
 */
const PAGES_AHEAD = 16;
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

async function plannedPage(context: PlanningContext, page: AggregatedPage): Promise<PlannedPage> {
	return { persons: page.persons.length, ...(await planPage(context, page.persons, [], page)) };
}

/** The page of person records in a range of pageBounds; null when none of them is an active person. */
export async function planRange(context: PlanningContext, pageSize: number, range: IdRange): Promise<PlannedPage | null> {
	let planned: PlannedPage | null = null;
	for await (const page of iterateAggregatedPages(context.vault, pageSize, { range })) planned = await plannedPage(context, page);
	return planned;
}

/** The ids that end each full page of person records, in id order: pages as iterateAggregatedPages reads them. */
export async function pageBounds(db: VaultDb, pageSize: number): Promise<string[]> {
	const { rows } = await sql<{ id: string }>`select id from (select id, row_number() over (order by id) as n from persons) as numbered
		where n % ${pageSize} = 0 order by id`.execute(db);
	return rows.map((row) => row.id);
}

/**
 * Shared between the two threads of a parallel evaluation: which page is next to take, how many
 * pages have been handed on, and whether the worker is to stop. A thread takes its next page
 * itself: handing pages out by message left the worker idle until this thread, busy with a page
 * of its own, read the worker's answer (a third of the worker's time).
 */
export const CLAIM_NEXT = 0;
export const CLAIM_HANDED_ON = 1;
export const CLAIM_STOP = 2;
export const CLAIM_SLOTS = 3;

/** The next page for a thread to plan, or undefined when every page is taken. */
export function claimPage(claims: Int32Array, pages: number): number | undefined {
	if (Atomics.load(claims, CLAIM_NEXT) >= pages) return undefined;
	const index = Atomics.add(claims, CLAIM_NEXT, 1);
	return index < pages ? index : undefined;
}

/**
 * Every person planned, page by page in id order. With `worker` (a SQLite vault file, pages
 * bounded by pageBounds) a worker thread on the second core plans pages too: each thread takes
 * the next page nobody has taken when it is free, so neither waits for a slower other. Pages
 * come out in id order either way, so the plan is the same.
 */
export async function* plannedPages(context: PlanningContext, pageSize: number, worker?: WorkerSetup): AsyncGenerator<PlannedPage> {
	if (!worker) {
		for await (const page of iterateAggregatedPages(context.vault, pageSize)) yield await plannedPage(context, page);
		return;
	}
	const { bounds, ...task } = worker;
	const ranges: IdRange[] = [...bounds, undefined].map((upTo, i) => ({ after: bounds[i - 1], upTo }));
	const claims = new Int32Array(new SharedArrayBuffer(CLAIM_SLOTS * Int32Array.BYTES_PER_ELEMENT));
	const thread = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: WORKER_ENTRY, task: { ...task, ranges, claims, pagesAhead: PAGES_AHEAD } } });
	const planned = new Map<number, PlannedPage | null>(); // pages planned and not yet handed on
	let handedOn = 0;
	let ready = false;
	let failure: Error | undefined;
	let wake = () => {};
	thread.on('message', (message: 'ready' | { index: number; page: PlannedPage | null }) => {
		if (message === 'ready') ready = true;
		else planned.set(message.index, message.page);
		wake();
	});
	// Errors in the thread fail the evaluation instead of being thrown in n8n's process.
	thread.on('error', (error) => {
		failure = error;
		wake();
	});
	thread.on('exit', (code) => {
		failure ??= new Error(`the evaluation's worker thread stopped (exit code ${code})`);
		wake();
	});
	try {
		while (handedOn < ranges.length) {
			if (failure) throw failure;
			if (planned.has(handedOn)) {
				const page = planned.get(handedOn);
				planned.delete(handedOn++);
				Atomics.store(claims, CLAIM_HANDED_ON, handedOn);
				Atomics.notify(claims, CLAIM_HANDED_ON);
				if (page) yield page;
				continue;
			}
			// SQLite's calls block this thread: without a turn of the event loop the worker's
			// answers wait unread.
			await eventLoopTurn();
			if (planned.has(handedOn) || failure) continue;
			const index = Atomics.load(claims, CLAIM_NEXT) - handedOn < PAGES_AHEAD ? claimPage(claims, ranges.length) : undefined;
			if (index !== undefined) planned.set(index, await planRange(context, pageSize, ranges[index]));
			else await new Promise<void>((resolve) => (wake = resolve)); // the worker's page is next
		}
		while (!ready && !failure) await new Promise<void>((resolve) => (wake = resolve));
		if (failure) throw failure;
	} finally {
		// Its connection closed before the thread ends: a connection left open would keep a
		// read mark in the log, and checkpoints could never empty it.
		thread.removeAllListeners('exit');
		const exited = once(thread, 'exit');
		Atomics.store(claims, CLAIM_STOP, 1);
		Atomics.notify(claims, CLAIM_HANDED_ON);
		const timer = setTimeout(() => void thread.terminate(), STOP_TIMEOUT_MS);
		await exited;
		clearTimeout(timer);
	}
}
