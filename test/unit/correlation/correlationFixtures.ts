import type { CorrelationReport } from '../../../lib/correlation';
import { runImport, type ImportOptions } from '../../../lib/import';
import type { Vault } from '../../../lib/vault/types';

/** One HR row per contract, with the employee number the target correlates by. */
export interface StaffRow {
	employeeId: string;
	givenName: string;
	familyName: string;
	employeeNumber?: string;
	contractId: string;
	startDate?: string;
	endDate?: string;
	fte?: number;
}

export const AS_OF = '2026-01-05';

export const staff = (employeeId: string, givenName: string, familyName: string, fields: Partial<StaffRow> = {}): StaffRow => ({
	employeeId,
	givenName,
	familyName,
	contractId: `${employeeId}-C1`,
	startDate: '2024-01-01',
	fte: 1,
	...fields,
});

const field = (path: string) => ({ type: 'field' as const, path });

const OPTIONS: ImportOptions = {
	source: 'HR',
	rowShape: 'contract',
	asOf: AS_OF,
	// Tests remove persons on purpose: no threshold holds the import.
	thresholds: {},
	mapping: {
		person: { externalId: field('employeeId'), givenName: field('givenName'), familyName: field('familyName') },
		personCustom: { employeeNumber: field('employeeNumber') },
		contract: { externalId: field('contractId'), startDate: field('startDate'), endDate: field('endDate'), fte: field('fte') },
	},
};

/** A full import of these rows from source 'HR'; persons missing from it leave. */
export async function importStaff(vault: Vault, rows: StaffRow[]): Promise<void> {
	const result = await runImport(vault, OPTIONS, rows);
	if (result.status !== 'applied') throw new Error(`The test import was ${result.status}: ${result.holdReason ?? ''}`);
}

/** The vault id of the person with this employee id. */
export async function personIdOf(vault: Vault, externalId: string): Promise<string> {
	const row = await vault.db.selectFrom('persons').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow();
	return row.id;
}

/** The report's lists as short, readable lines: who goes with which account, and how. */
export function brief(report: CorrelationReport) {
	return {
		correlated: report.correlated.map((e) => `${e.person.externalId} ${e.how} ${e.account.ref}`).sort(),
		personsWithoutAccount: report.personsWithoutAccount.map((e) => e.person.externalId).sort(),
		personsWithoutValue: report.personsWithoutValue.map((e) => e.person.externalId).sort(),
		accountsWithoutPerson: report.accountsWithoutPerson.map((e) => e.account.ref).sort(),
		personsWithSeveralAccounts: report.personsWithSeveralAccounts.map((e) => `${e.person.externalId}: ${e.accounts.map((a) => a.ref).join(', ')}`).sort(),
		linkedAccountMissing: report.linkedAccountMissing.map((e) => `${e.person.externalId} ${e.accountRef}`).sort(),
	};
}

/** RFC 4180 parser, enough to read the report's CSV back. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}
