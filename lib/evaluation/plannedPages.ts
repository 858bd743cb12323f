import { setImmediate as eventLoopTurn } from 'node:timers/promises';

import { iterateAggregatedPages, type AggregatedPage, type IdRange } from '../aggregation/aggregatedPersons';
import type { VaultDb } from '../vault/types';
import { planPage, type PlanningContext } from './planPage';
import { CLAIM_HANDED_ON, CLAIM_NEXT, claimPage, type PagesTask, type PlannedPage, type PlanningThread } from './planningThread';

/** The worker thread of a parallel evaluation and what it is to plan: bounds from pageBounds. */
export interface Helper {
	thread: PlanningThread;
	bounds: string[];
	task: Omit<PagesTask, 'ranges' | 'pagesAhead'>;
}

/**
 * Pages planned ahead of the page handed on for writing: bounds memory when pages carry many
 * actions (16 pages of 250 persons). With fewer, this thread waited for the worker's first page
 * (the worker starts cold) about 0.15 s of every evaluation.
 */
const PAGES_AHEAD = 16;

async function plannedPage(context: PlanningContext, page: AggregatedPage): Promise<PlannedPage> {
	return { persons: page.persons.length, ...(await planPage(context, page.persons, [], page)) };
}

/** The page of person records in a range of pageBounds; null when none of them is an active person. */
export async function planRange(context: PlanningContext, pageSize: number, range: IdRange): Promise<PlannedPage | null> {
	let planned: PlannedPage | null = null;
	for await (const page of iterateAggregatedPages(context.vault, pageSize, { range })) planned = await plannedPage(context, page);
	return planned;
}

/**
 * The ids that end each full page of person records, in id order: pages as iterateAggregatedPages
 * reads them. One step of the primary-key index per page: numbering every row with a window
 * function took 50-90 ms of 115,000 records, before either thread could start.
 */
export async function pageBounds(db: VaultDb, pageSize: number): Promise<string[]> {
	const bounds: string[] = [];
	for (let after: string | undefined; ; ) {
		let query = db.selectFrom('persons').select('id').orderBy('id').limit(1).offset(pageSize - 1);
		if (after !== undefined) query = query.where('id', '>', after);
		const row = await query.executeTakeFirst();
		if (!row) return bounds;
		bounds.push((after = row.id));
	}
}

/**
 * Every person planned, page by page in id order. With `helper` (a SQLite vault file, pages
 * bounded by pageBounds) a worker thread on the second core plans pages too: each thread takes
 * the next page nobody has taken when it is free, so neither waits for a slower other. Pages
 * come out in id order either way, so the plan is the same.
 */
export async function* plannedPages(context: PlanningContext, pageSize: number, helper?: Helper): AsyncGenerator<PlannedPage> {
	if (!helper) {
		for await (const page of iterateAggregatedPages(context.vault, pageSize)) yield await plannedPage(context, page);
		return;
	}
	const { thread, bounds } = helper;
	const { claims, planned } = thread;
	const ranges: IdRange[] = [...bounds, undefined].map((upTo, i) => ({ after: bounds[i - 1], upTo }));
	thread.plan({ ...helper.task, ranges, pagesAhead: PAGES_AHEAD });
	let handedOn = 0;
	while (handedOn < ranges.length) {
		if (thread.failure) throw thread.failure;
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
		if (planned.has(handedOn) || thread.failure) continue;
		const index = Atomics.load(claims, CLAIM_NEXT) - handedOn < PAGES_AHEAD ? claimPage(claims, ranges.length) : undefined;
		if (index !== undefined) planned.set(index, await planRange(context, pageSize, ranges[index]));
		else await thread.next(); // the worker's page is next
	}
	// A vault the worker cannot read fails the evaluation, even when this thread planned every page.
	while (!thread.ready && !thread.failure) await thread.next();
	if (thread.failure) throw thread.failure;
}
