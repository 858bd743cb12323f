import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

import { grantSignature } from '../grantSignature';
import { Checkpointer } from './checkpointer';

/** How long a write waits for another writer (process or vault) before "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/** Where the log is checkpointed on its own thread: SQLite checkpoints after 1,000 pages (4 MB of its default pages). */
const LARGE_LOG_BYTES = 4 * 1024 * 1024;
/** Pauses between attempts while the database is locked, as SQLite's own busy handler does. */
const BUSY_BACKOFF_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/**
 * Kysely driver over Node's built-in SQLite (`node:sqlite`): nothing to compile or install.
 * One connection per vault; a mutex hands it to one query or transaction at a time, because
 * SQLite's transactions belong to the connection and must not interleave.
 *
 * Waiting for a lock held by another connection is done here, asynchronously, and not with
 * SQLite's busy_timeout: node:sqlite is synchronous, so busy_timeout would freeze the whole
 * event loop (all of n8n) while it waits, and when the lock holder is another vault in the
 * same process, that holder could never get on to commit: both would stall until the timeout.
 */
export class NodeSqliteDriver implements Driver {
	private database?: DatabaseSync;
	private connection?: NodeSqliteConnection;
	private checkpointer?: Checkpointer;
	private readonly mutex = new Mutex();

	constructor(private readonly filePath: string) {}

	async init(): Promise<void> {
		const inMemory = this.filePath === ':memory:';
		if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(this.filePath)), { recursive: true });
		const database = new DatabaseSync(this.filePath);
		try {
			// Fail at once when locked (the connection retries without blocking), never block the thread.
			database.exec('pragma busy_timeout = 0');
			// Person records are about 1 KB: 8 KB pages hold more of them per page than SQLite's
			// default 4 KB (an import of 100,000 persons about 10% faster). Only a new, empty file
			// takes it; an existing vault keeps the page size it was made with.
			database.exec('pragma page_size = 8192');
			// Switching a fresh file to WAL needs a lock another process may hold at that moment.
			if (!inMemory) await whenUnlocked(() => database.exec('pragma journal_mode = wal'));
			database.exec('pragma synchronous = normal');
			// No foreign keys in the schema: rows of one import arrive in any order.
			database.exec('pragma foreign_keys = off');
			// The triggers that keep holdings call it (PostgreSQL has it as a SQL function).
			database.function('grant_signature', { deterministic: true }, (target, key) => BigInt(grantSignature(String(target), String(key))));
			if (!inMemory) {
				// Checkpoints happen on the checkpointer's thread (see checkpointLargeLog), not inside our commits.
				database.exec('pragma wal_autocheckpoint = 0');
				// After a large import the log shrinks back once it has been checkpointed.
				database.exec(`pragma journal_size_limit = ${64 * 1024 * 1024}`);
			}
		} catch (error) {
			database.close();
			throw error;
		}
		this.database = database;
		this.connection = new NodeSqliteConnection(database);
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		await this.mutex.lock();
		if (!this.connection) {
			this.mutex.unlock();
			throw new Error('The SQLite vault is closed');
		}
		return this.connection;
	}

	async releaseConnection(): Promise<void> {
		this.mutex.unlock();
	}

	// `immediate` takes the write lock at the start, waiting (whenUnlocked) while another
	// writer has it. A plain (deferred) transaction that reads and then writes would fail with
	// SQLITE_BUSY midway when another writer got in between, and that cannot be retried.
	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
		this.checkpointLargeLog();
	}

	/**
	 * Starts the checkpoint thread once the log has grown past SQLite's own checkpoint size. Most
	 * node runs write a little and close the vault, which checkpoints: they never start a thread.
	 */
	private checkpointLargeLog(): void {
		if (this.checkpointer || !this.database || this.filePath === ':memory:') return;
		const file = path.resolve(this.filePath);
		const logBytes = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
		if (logBytes < LARGE_LOG_BYTES) return;
		// Should that thread fail, SQLite checkpoints inside our commits again, as by default.
		this.checkpointer = new Checkpointer(file, () => this.database?.exec('pragma wal_autocheckpoint = 1000'));
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteIdentifier(name)}`));
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`release ${quoteIdentifier(name)}`));
	}

	async destroy(): Promise<void> {
		const database = this.database;
		this.database = undefined;
		this.connection = undefined;
		// Its connection goes first: then ours is the last one, and closing it checkpoints the
		// log and removes it.
		await this.checkpointer?.stop();
		this.checkpointer = undefined;
		database?.close();
	}
}

/** Prepared statements kept per connection; preparing a 500-row INSERT costs more than running it. */
const STATEMENT_CACHE_SIZE = 100;

class NodeSqliteConnection implements DatabaseConnection {
	private readonly statements = new Map<string, StatementSync>();

	constructor(private readonly database: DatabaseSync) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const run = (): QueryResult<R> => {
			const statement = this.prepareCached(query.sql);
			const parameters = query.parameters as SQLInputValue[];
			const columns = resultColumns(statement, query.sql);
			if (columns) return { rows: statement.all(...parameters).map((row) => toPlainRow<R>(columns, row)) };
			const { changes, lastInsertRowid } = statement.run(...parameters);
			return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
		};
		// Inside our transaction we hold the write lock (begin immediate), so "locked" cannot
		// happen there; outside one, a statement refused for a lock had no effect and is retried.
		// (isTransaction is missing before Node 22.16: then every statement may be retried.)
		return this.database.isTransaction ? run() : whenUnlocked(run);
	}

	async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		// Not from the cache: a query run while this stream is open would reset its statement.
		const statement = prepare(this.database, query.sql);
		const columns = resultColumns(statement, query.sql);
		if (!columns) throw new Error('The SQLite vault can only stream queries that return rows');
		for (const row of statement.iterate(...(query.parameters as SQLInputValue[]))) {
			yield { rows: [toPlainRow<R>(columns, row)] };
		}
	}

	private prepareCached(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (statement) {
			// Move to the back: the Map's insertion order is the least-recently-used order.
			this.statements.delete(sql);
		} else {
			statement = prepare(this.database, sql);
			if (this.statements.size >= STATEMENT_CACHE_SIZE) {
				this.statements.delete(this.statements.keys().next().value as string);
			}
		}
		this.statements.set(sql, statement);
		return statement;
	}
}

/** Runs fn, retrying while another connection holds the write lock, for up to SQLITE_BUSY_TIMEOUT_MS. */
async function whenUnlocked<T>(fn: () => T): Promise<T> {
	const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
	for (let attempt = 0; ; attempt++) {
		try {
			return fn();
		} catch (error) {
			if (!isBusy(error)) throw error;
			if (Date.now() >= deadline) {
				throw new Error(`database is locked: another writer held the SQLite vault for over ${SQLITE_BUSY_TIMEOUT_MS / 1000} s`, { cause: error });
			}
			await new Promise((resolve) => setTimeout(resolve, BUSY_BACKOFF_MS[Math.min(attempt, BUSY_BACKOFF_MS.length - 1)]));
		}
	}
}

/** SQLITE_BUSY and its extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT). */
function isBusy(error: unknown): boolean {
	const code = (error as { errcode?: unknown } | null)?.errcode;
	return typeof code === 'number' && (code & 0xff) === 5;
}

/**
 * Rows come as arrays where node:sqlite can (Node 22.16): its row objects have a null
 * prototype and slow (dictionary) properties, and copying them into plain objects cost more
 * than the query itself for large reads. Built from arrays (toPlainRow), they cost about half.
 */
function prepare(database: DatabaseSync, sql: string): StatementSync {
	const statement = database.prepare(sql);
	if (typeof statement.setReturnArrays === 'function') statement.setReturnArrays(true);
	return statement;
}

/** Column names per prepared statement: asking the statement allocates them anew on every run. */
const columnsOf = new WeakMap<StatementSync, string[] | null>();

/** The names of the columns a statement returns; null when it returns no rows. */
function resultColumns(statement: StatementSync, sql: string): string[] | null {
	let columns = columnsOf.get(statement);
	if (columns === undefined) columnsOf.set(statement, (columns = readColumns(statement, sql)));
	return columns;
}

function readColumns(statement: StatementSync, sql: string): string[] | null {
	// columns() needs Node 22.16; before that, recognise row-returning statements by their text.
	if (typeof statement.columns === 'function') {
		const columns = statement.columns();
		return columns.length > 0 ? columns.map((column) => column.name) : null;
	}
	return /^\s*(select|with|pragma|values)\b|\breturning\b/i.test(sql) ? [] : null;
}

/** A row as the plain object pg returns (a later column of the same name wins, as in node:sqlite's objects). */
function toPlainRow<R>(columns: readonly string[], row: unknown): R {
	if (!Array.isArray(row)) return { ...(row as object) } as R;
	const plain: Record<string, unknown> = {};
	for (let i = 0; i < columns.length; i++) plain[columns[i]] = row[i];
	return plain as R;
}

function quoteIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

/** Hands the single connection to one holder at a time, first come first served. */
class Mutex {
	private tail: Promise<void> = Promise.resolve();
	private release?: () => void;

	async lock(): Promise<void> {
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => (release = resolve));
		await previous;
		this.release = release;
	}

	unlock(): void {
		const release = this.release;
		this.release = undefined;
		release?.();
	}
}
