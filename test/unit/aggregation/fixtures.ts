import { randomUUID } from 'node:crypto';

import { contractRow } from '../../../lib/import/importQueries';
import type { Contract, Person } from '../../../lib/model/person';
import { openVault } from '../../../lib/vault';
import type { ContractsTable, PersonsTable } from '../../../lib/vault/schema';
import type { Vault } from '../../../lib/vault/types';
import { freshPostgresDatabase } from '../../support/postgres';

/** A person as a test writes it; the import stage would store the same rows. */
export interface TestPerson {
	source: string;
	externalId: string;
	id?: string;
	given?: string;
	family?: string;
	birthDate?: string;
	email?: string;
	phone?: string;
	nationalId?: string;
	status?: 'active' | 'gone';
	mergedInto?: string;
	custom?: Record<string, unknown>;
	contracts?: Contract[];
}

export async function memoryVault(): Promise<Vault> {
	return await openVault({ backend: 'sqlite', path: ':memory:' });
}

/** SQLite always; PostgreSQL too when TEST_POSTGRES_URL names a server (CI's PostgreSQL lane). */
export const TEST_BACKENDS: ReadonlyArray<'sqlite' | 'postgres'> = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A new empty vault on the backend; dispose closes it (and drops the PostgreSQL database). */
export async function openTestVault(backend: 'sqlite' | 'postgres'): Promise<{ vault: Vault; dispose: () => Promise<void> }> {
	if (backend === 'sqlite') {
		const vault = await memoryVault();
		return { vault, dispose: () => vault.close() };
	}
	const { url, dispose } = await freshPostgresDatabase();
	const vault = await openVault({
		backend: 'postgres',
		host: url.hostname,
		port: Number(url.port),
		database: url.pathname.slice(1),
		user: decodeURIComponent(url.username),
		ssl: 'disable',
	});
	return {
		vault,
		dispose: async () => {
			await vault.close();
			await dispose();
		},
	};
}

/** Creates the sources (lower priority number wins) and returns their ids by name. */
export async function addSources(vault: Vault, sources: Record<string, number>): Promise<Map<string, string>> {
	const now = new Date().toISOString();
	const rows = Object.entries(sources).map(([name, priority]) => ({ id: randomUUID(), name, priority, settings: null, created_at: now }));
	await vault.insertMany(vault.db, 'sources', rows);
	return new Map(rows.map((row) => [row.name, row.id]));
}

/** Inserts persons (and their contracts) straight into the vault; returns their ids in order. Sources must exist. */
export async function addPersons(vault: Vault, persons: readonly TestPerson[]): Promise<string[]> {
	const sources = new Map((await vault.db.selectFrom('sources').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
	const now = new Date().toISOString();
	const personRows: PersonsTable[] = [];
	const contractRows: ContractsTable[] = [];
	for (const p of persons) {
		const sourceId = sources.get(p.source);
		if (!sourceId) throw new Error(`Test source '${p.source}' was not created`);
		const id = p.id ?? randomUUID();
		const display = [p.given, p.family].filter(Boolean).join(' ');
		const person: Person = {
			externalId: p.externalId,
			source: p.source,
			name: { given: p.given, family: p.family, display },
			birthDate: p.birthDate,
			nationalId: p.nationalId,
			email: p.email,
			phone: p.phone,
			custom: p.custom ?? {},
			contracts: p.contracts ?? [],
			primaryContractId: p.contracts?.[0]?.externalId,
		};
		const data = JSON.stringify(person);
		personRows.push({
			id,
			source_id: sourceId,
			external_id: p.externalId,
			merged_into: p.mergedInto ?? null,
			display_name: display,
			given_name: p.given ?? '',
			family_name: p.family ?? '',
			birth_date: p.birthDate ?? null,
			email: p.email ?? null,
			phone: p.phone ?? null,
			national_id: p.nationalId ?? null,
			data,
			input_h1: null,
			input_h2: null,
			input_rows: null,
			blocked_reason: null,
			status: p.status ?? 'active',
			first_seen_snapshot: 'snapshot-1',
			last_seen_snapshot: 'snapshot-1',
			updated_at: now,
		});
		for (const contract of p.contracts ?? []) {
			contractRows.push(contractRow(id, sourceId, contract, p.contracts?.[0]?.externalId)); // the rows the import writes
		}
	}
	await vault.transaction(async (trx) => {
		await vault.insertMany(trx, 'persons', personRows);
		await vault.insertMany(trx, 'contracts', contractRows);
	});
	return personRows.map((row) => row.id);
}

/** merged_into of each person id, as aggregation left it. */
export async function mergedInto(vault: Vault, ids: readonly string[]): Promise<Array<string | null>> {
	const rows = await vault.db.selectFrom('persons').select(['id', 'merged_into']).where('id', 'in', ids).execute();
	const byId = new Map(rows.map((row) => [row.id, row.merged_into]));
	return ids.map((id) => byId.get(id) ?? null);
}
