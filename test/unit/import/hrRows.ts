import type { ImportOptions } from '../../../lib/import';

/** One HR row per contract, as a small HR export would give it. */
export interface HrRow {
	employeeId?: string;
	givenName?: string;
	familyName?: string;
	birthDate?: string;
	email?: string;
	contractId?: string;
	startDate?: string;
	endDate?: string;
	jobTitle?: string;
	departmentCode?: string;
	departmentName?: string;
	managerId?: string;
	fte?: number | string;
}

export const row = (employeeId: string, fields: Partial<HrRow> = {}): HrRow => ({
	employeeId,
	givenName: `Given${employeeId}`,
	familyName: `Family${employeeId}`,
	birthDate: '1990-01-01',
	email: `${employeeId}@example.test`,
	contractId: `${employeeId}-C1`,
	startDate: '2025-01-01',
	jobTitle: 'Clerk',
	departmentCode: 'OPS',
	departmentName: 'Operations',
	fte: 1,
	...fields,
});

const field = (path: string) => ({ type: 'field' as const, path });

export const AS_OF = '2026-01-05';

export const importOptions = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
	source: 'HR',
	rowShape: 'contract',
	asOf: AS_OF,
	mapping: {
		person: {
			externalId: field('employeeId'),
			givenName: field('givenName'),
			familyName: field('familyName'),
			birthDate: field('birthDate'),
			email: field('email'),
		},
		contract: {
			externalId: field('contractId'),
			startDate: field('startDate'),
			endDate: field('endDate'),
			title: field('jobTitle'),
			departmentCode: field('departmentCode'),
			departmentName: field('departmentName'),
			managerExternalId: field('managerId'),
			fte: field('fte'),
		},
	},
	...overrides,
});

/** n persons E001..En, one contract each. */
export const staff = (n: number, fields: Partial<HrRow> = {}): HrRow[] =>
	Array.from({ length: n }, (_, i) => row(`E${String(i + 1).padStart(3, '0')}`, fields));
