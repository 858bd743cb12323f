import type { Kysely, Transaction } from 'kysely';
import type { VaultSchema, PlanActionRow, AuditEntry } from './schema';

export type VaultBackend = 'sqlite' | 'postgres';

export interface SqliteVaultConfig {
	backend: 'sqlite';
	/** A file path, or ':memory:' for tests. */
	path: string;
}

export interface PostgresVaultConfig {
	backend: 'postgres';
	host: string;
	port?: number;
	database: string;
	user: string;
	password?: string;
	/** 'disable': plain TCP; 'require': TLS with certificate verification (the default when TLS is on); 'no-verify': TLS without verification. */
	ssl?: 'disable' | 'require' | 'no-verify';
	/** PEM CA certificate to verify the server against. */
	caCertificate?: string;
	maxConnections?: number;
}

export type VaultConfig = SqliteVaultConfig | PostgresVaultConfig;

/** Kysely handle for plain queries, or the transaction a write runs in. */
export type VaultDb = Kysely<VaultSchema> | Transaction<VaultSchema>;

export interface ClaimRequest {
	planId: string;
	target: string;
	/** Who claims: an execution or process id, recorded on each action. */
	worker: string;
	limit: number;
	/** Only actions due on or before this date (YYYY-MM-DD). */
	dueBy: string;
	/** Claims older than this are treated as abandoned (their worker died) and can be claimed again. */
	staleAfterMs: number;
	/** Only the actions of these persons (plan_actions.person_id). */
	personIds?: readonly string[];
	/** Only these action kinds, e.g. ['delete'] for a leaver clean-up. */
	actions?: readonly string[];
}

export interface VaultStatus {
	backend: VaultBackend;
	location: string;
	schemaVersion: string;
	counts: Record<string, number>;
}

export interface Vault {
	readonly backend: VaultBackend;
	/** Where the vault lives, safe to show: file path or host/database, never a password. */
	readonly location: string;
	readonly db: Kysely<VaultSchema>;
	/** Runs fn in one transaction; on SQLite it takes the write lock up front so two processes never deadlock. */
	transaction<T>(fn: (trx: Transaction<VaultSchema>) => Promise<T>): Promise<T>;
	/** Inserts rows in as few statements as the backend's parameter limit allows. */
	insertMany<T extends keyof VaultSchema & string>(db: VaultDb, table: T, rows: ReadonlyArray<InsertRow<T>>): Promise<void>;
	/** Claims due pending (or abandoned) actions for one target; no action is handed to two workers. */
	claimActions(request: ClaimRequest): Promise<PlanActionRow[]>;
	/** Takes a named lock for ttlMs; false when another owner holds an unexpired one. */
	acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
	releaseLock(name: string, owner: string): Promise<void>;
	appendAudit(db: VaultDb, entries: ReadonlyArray<AuditEntry>): Promise<void>;
	status(): Promise<VaultStatus>;
	close(): Promise<void>;
}

export type InsertRow<T extends keyof VaultSchema> = import('kysely').Insertable<VaultSchema[T]>;
