import { Kysely, sql, type Transaction } from 'kysely';
import { describeVaultConfig, validateVaultConfig } from './config';
import { insertStatements } from './insertStatements';
import { MIGRATION_TABLE, migrateToLatest } from './migrations';
import { createPostgresDialect } from './postgres/dialect';
import type { AuditEntry, PlanActionRow, VaultSchema, VaultTable } from './schema';
import { NodeSqliteDialect } from './sqlite/dialect';
import type { ClaimRequest, InsertRow, Vault, VaultBackend, VaultConfig, VaultDb, VaultStatus } from './types';

export interface OpenVaultOptions {
	/** Called with the migrations this open applied (empty when the schema was current). */
	onMigrated?: (applied: string[]) => void;
}

/** Tables whose row counts status() reports. */
const COUNTED_TABLES = ['persons', 'contracts', 'imports', 'snapshots', 'plans', 'plan_actions', 'accounts', 'audit_log'] as const;

/** Opens (and creates or upgrades) the vault described by config. Close it when done. */
export async function openVault(config: VaultConfig, options: OpenVaultOptions = {}): Promise<Vault> {
	validateVaultConfig(config);
	const location = describeVaultConfig(config);
	const db = new Kysely<VaultSchema>({
		dialect: config.backend === 'sqlite' ? new NodeSqliteDialect(config.path) : createPostgresDialect(config),
	});
	try {
		const applied = await migrateToLatest(db, config.backend);
		options.onMigrated?.(applied);
	} catch (error) {
		await db.destroy().catch(() => undefined);
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Cannot open the vault at ${location}: ${reason}`, { cause: error });
	}
	return new KyselyVault(config.backend, location, db);
}

/**
 * Opens an existing SQLite vault to read, without migrating: for a worker thread reading
 * alongside a transaction of this process (a migration would wait for that transaction's lock).
 */
export function openSqliteVaultReader(file: string): Vault {
	return new KyselyVault('sqlite', file, new Kysely<VaultSchema>({ dialect: new NodeSqliteDialect(file) }));
}

class KyselyVault implements Vault {
	constructor(
		readonly backend: VaultBackend,
		readonly location: string,
		readonly db: Kysely<VaultSchema>,
	) {}

	transaction<T>(fn: (trx: Transaction<VaultSchema>) => Promise<T>): Promise<T> {
		// The SQLite driver opens every transaction with `begin immediate`.
		return this.db.transaction().execute(fn);
	}

	async insertMany<T extends VaultTable>(db: VaultDb, table: T, rows: ReadonlyArray<InsertRow<T>>): Promise<void> {
		if (rows.length === 0) return;
		// All or nothing: a failed chunk must not leave the earlier chunks behind.
		if (!db.isTransaction) return this.transaction((trx) => this.insertMany(trx, table, rows));
		for (const statement of insertStatements(this.backend, table, rows)) await db.executeQuery(statement);
	}

	async claimActions(request: ClaimRequest): Promise<PlanActionRow[]> {
		if (!Number.isInteger(request.limit) || request.limit < 1) {
			throw new Error(`claimActions limit must be a positive whole number, got ${request.limit}`);
		}
		const now = new Date();
		const claimedAt = now.toISOString();
		const staleBefore = new Date(now.getTime() - request.staleAfterMs).toISOString();
		const claim = (db: VaultDb) => {
			let due = db
				.selectFrom('plan_actions')
				.select('id')
				.where('plan_id', '=', request.planId)
				.where('target', '=', request.target)
				.where('due_date', '<=', request.dueBy)
				.where((eb) =>
					eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', staleBefore)])]),
				)
				.orderBy('seq')
				.limit(request.limit);
			if (request.personIds) due = due.where('person_id', 'in', request.personIds.length ? [...request.personIds] : ['']);
			if (request.actions) due = due.where('action', 'in', request.actions.length ? [...request.actions] : ['']);
			// PostgreSQL: concurrent claimers skip each other's rows instead of waiting for them.
			if (this.backend === 'postgres') due = due.forUpdate().skipLocked();
			return db
				.updateTable('plan_actions')
				.set((eb) => ({
					status: 'claimed',
					claimed_by: request.worker,
					claimed_at: claimedAt,
					attempts: eb('attempts', '+', 1),
					updated_at: claimedAt,
				}))
				.where('id', 'in', due)
				.returningAll()
				.execute();
		};
		// SQLite: the immediate transaction holds the write lock from the select to the update.
		const rows = this.backend === 'postgres' ? await claim(this.db) : await this.transaction(claim);
		return rows.sort((a, b) => a.seq - b.seq);
	}

	async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
		const now = new Date();
		const nowIso = now.toISOString();
		const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
		// One upsert: insert when free; take over only when the holder is us (extend) or expired.
		// The conflict check and the update happen atomically on both backends, so two
		// processes racing for a free lock cannot both win.
		const taken = await this.transaction((trx) =>
			trx
				.insertInto('locks')
				.values({ name, owner, acquired_at: nowIso, expires_at: expiresAt })
				.onConflict((oc) =>
					oc
						.column('name')
						.doUpdateSet((eb) => ({
							owner,
							acquired_at: eb.case().when('locks.owner', '=', owner).then(eb.ref('locks.acquired_at')).else(nowIso).end(),
							expires_at: expiresAt,
						}))
						.where((eb) => eb.or([eb('locks.owner', '=', owner), eb('locks.expires_at', '<=', nowIso)])),
				)
				.returning('name')
				.executeTakeFirst(),
		);
		return taken !== undefined;
	}

	async releaseLock(name: string, owner: string): Promise<void> {
		await this.db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).execute();
	}

	async appendAudit(db: VaultDb, entries: ReadonlyArray<AuditEntry>): Promise<void> {
		const at = new Date().toISOString();
		const rows = entries.map((entry) => ({
			at: entry.at ?? at,
			person_id: entry.person_id ?? null,
			target: entry.target ?? null,
			plan_id: entry.plan_id ?? null,
			action_id: entry.action_id ?? null,
			action: entry.action,
			message: entry.message,
			is_error: entry.is_error ? (1 as const) : (0 as const),
			before: toJsonText(entry.before),
			after: toJsonText(entry.after),
		}));
		await this.insertMany(db, 'audit_log', rows);
	}

	async status(): Promise<VaultStatus> {
		const counts: Record<string, number> = {};
		for (const table of COUNTED_TABLES) {
			const { n } = await this.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow();
			counts[table] = Number(n);
		}
		const latest = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name desc limit 1`.execute(
			this.db,
		);
		return { backend: this.backend, location: this.location, schemaVersion: latest.rows[0]?.name ?? '', counts };
	}

	async close(): Promise<void> {
		await this.db.destroy();
	}
}

function toJsonText(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}
