import {
	SqliteAdapter,
	SqliteIntrospector,
	SqliteQueryCompiler,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
} from 'kysely';
import { NodeSqliteDriver } from './driver';

/**
 * SQLite runs DDL inside transactions like any other statement. Saying so makes Kysely's
 * Migrator wrap each migration run in one transaction, which our driver opens with
 * `begin immediate`: a second process opening the same fresh file waits for the first to
 * finish migrating, then finds every migration applied.
 */
class VaultSqliteAdapter extends SqliteAdapter {
	override get supportsTransactionalDdl(): boolean {
		return true;
	}
}

/** Kysely dialect for Node's built-in `node:sqlite`, reusing Kysely's SQLite SQL and introspection. */
export class NodeSqliteDialect implements Dialect {
	/** @param filePath a database file (its folder is created when missing), or ':memory:'. */
	constructor(private readonly filePath: string) {}

	createDriver(): Driver {
		return new NodeSqliteDriver(this.filePath);
	}

	createQueryCompiler(): QueryCompiler {
		return new SqliteQueryCompiler();
	}

	createAdapter(): DialectAdapter {
		return new VaultSqliteAdapter();
	}

	createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new SqliteIntrospector(db);
	}
}
