import { CompiledQuery } from 'kysely';

import type { VaultBackend } from './types';

/** Most bind parameters one statement may carry. */
const MAX_PARAMETERS: Record<VaultBackend, number> = { sqlite: 32_766, postgres: 65_535 };
/** Rows per INSERT even when the parameter limit allows more: SQLite then reuses one prepared
 * statement for every full batch, and bigger statements were measured no faster on either backend. */
const MAX_ROWS_PER_INSERT = 500;

/** Rows of one INSERT statement, and the columns they all have. */
interface InsertBatch {
	columns: string[];
	rows: ReadonlyArray<Record<string, unknown>>;
}

/** The INSERT statements that put these rows into table, in order. */
export function* insertStatements(backend: VaultBackend, table: string, rows: ReadonlyArray<object>): Generator<CompiledQuery> {
	for (const batch of insertBatches(rows as ReadonlyArray<Record<string, unknown>>, MAX_PARAMETERS[backend])) {
		yield compileInsert(backend, table, batch);
	}
}

/** The columns of a row that carry a value, in order (undefined means the column's default). */
function columnsOf(row: Record<string, unknown>): string[] {
	return Object.keys(row).filter((key) => row[key] !== undefined);
}

/** True when the row has exactly these columns with values; checked without allocating per row. */
function hasColumns(row: Record<string, unknown>, columns: readonly string[]): boolean {
	let n = 0;
	for (const key in row) {
		if (row[key] === undefined) continue;
		if (key !== columns[n++]) return false;
	}
	return n === columns.length;
}

/**
 * Splits rows into insert statements: rows with the same columns go together (a missing
 * column must mean its default on both backends, and SQLite cannot say DEFAULT in a
 * multi-row insert), and each statement stays under the backend's parameter limit.
 */
function* insertBatches(rows: ReadonlyArray<Record<string, unknown>>, maxParameters: number): Generator<InsertBatch> {
	let batch: Array<Record<string, unknown>> = [];
	let columns: string[] = [];
	let maxRows = 0;
	for (const row of rows) {
		if (batch.length >= maxRows || !hasColumns(row, columns)) {
			yield* partialBatches(columns, batch);
			batch = [];
			columns = columnsOf(row);
			maxRows = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(maxParameters / Math.max(1, columns.length))));
		}
		batch.push(row);
	}
	yield* partialBatches(columns, batch);
}

/**
 * A batch cut into row counts that are powers of two (290 rows: 256, 32 and 2). A page's last
 * batch has a different size each time, and a statement of a new size must be prepared anew:
 * for 500 wide rows that costs more than running it. These sizes recur, so SQLite's
 * statement cache keeps them.
 */
function* partialBatches(columns: string[], rows: Array<Record<string, unknown>>): Generator<InsertBatch> {
	if (rows.length >= MAX_ROWS_PER_INSERT) {
		yield { columns, rows };
		return;
	}
	for (let start = 0; start < rows.length; ) {
		const size = 2 ** Math.floor(Math.log2(rows.length - start));
		yield { columns, rows: rows.slice(start, start + size) };
		start += size;
	}
}

/**
 * A multi-row INSERT written directly instead of with insertInto().values(): building
 * Kysely's query tree costs about as much as SQLite's own work for 100,000 wide rows, and
 * this is the import's hot path.
 *
 * A text column with the same value in every row of the batch (an import's source, snapshot
 * and time) is bound once, and every row refers to that parameter: binding a string costs
 * SQLite several times what binding a number does, and an import's rows repeat a quarter of
 * their strings. SQLite names those parameters ($r0...), because its numbered parameters
 * (?NNN) make node:sqlite's binding of the unnamed ones slow down with their count; a plain
 * object as the first parameter carries their values (node:sqlite's named parameters).
 */
function compileInsert(backend: VaultBackend, table: string, batch: InsertBatch): CompiledQuery {
	const { columns, rows } = batch;
	const repeated = columns.map((column) => isRepeatedText(rows, column));
	const parameters: unknown[] = [];
	const shared = columns.filter((_, c) => repeated[c]).map((column) => rows[0][column]);
	if (shared.length > 0 && backend === 'sqlite') {
		parameters.push(Object.fromEntries(shared.map((value, k) => [sqliteSharedName(k), value])));
	} else {
		parameters.push(...shared);
	}
	const varying = columns.flatMap((_, c) => (repeated[c] ? [] : [c]));
	for (const row of rows) {
		// A row's values in column order, without a lookup by name per value (twice as fast);
		// a row that has a column left out (undefined) does not line up, and is read by name.
		const values = Object.values(row);
		if (values.length === columns.length) for (const c of varying) parameters.push(values[c]);
		else for (const c of varying) parameters.push(row[columns[c]]);
	}
	return CompiledQuery.raw(insertText(backend, table, columns, repeated, rows.length), parameters);
}

/** The name of SQLite's k-th shared parameter, in the statement text and in the object of values. */
const sqliteSharedName = (k: number) => `$r${k}`;

function isRepeatedText(rows: ReadonlyArray<Record<string, unknown>>, column: string): boolean {
	const first = rows[0][column];
	if (rows.length < 2 || typeof first !== 'string') return false;
	for (let r = 1; r < rows.length; r++) if (rows[r][column] !== first) return false;
	return true;
}

/** Statement texts by backend, table, columns, repeated columns and row count: every full batch of a table has the same. */
const insertTexts = new Map<string, string>();
const MAX_INSERT_TEXTS = 200;

function insertText(backend: VaultBackend, table: string, columns: readonly string[], repeated: readonly boolean[], rows: number): string {
	const key = `${backend}\u0000${table}\u0000${columns.join('\u0000')}\u0000${repeated.map(Number).join('')}\u0000${rows}`;
	let text = insertTexts.get(key);
	if (text === undefined) {
		// Shared parameters first: PostgreSQL's $1.., then each row's own; SQLite's $r0.. and ?.
		const sharedNames: string[] = [];
		let next = 0;
		for (let c = 0; c < columns.length; c++) {
			if (repeated[c]) sharedNames[c] = backend === 'postgres' ? `$${++next}` : sqliteSharedName(next++);
		}
		const tuples: string[] = [];
		let own = next;
		for (let r = 0; r < rows; r++) {
			const placeholders = columns.map((_, c) => sharedNames[c] ?? (backend === 'postgres' ? `$${++own}` : '?'));
			tuples.push(`(${placeholders.join(',')})`);
		}
		text = `${insertVerb[backend]} ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(',')}) values ${tuples.join(',')}`;
		if (insertTexts.size >= MAX_INSERT_TEXTS) insertTexts.clear();
		insertTexts.set(key, text);
	}
	return text;
}

/**
 * SQLite's FAIL stops a statement at a rejected row without undoing the rows before it, so it
 * keeps no statement journal: with one (the default, ABORT), every page a multi-row insert
 * spills from the cache is written twice. insertMany always runs in a transaction that a failed
 * statement rolls back whole, so nothing of it is left either way.
 */
const insertVerb: Record<VaultBackend, string> = { sqlite: 'insert or fail into', postgres: 'insert into' };

function quoteIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}
