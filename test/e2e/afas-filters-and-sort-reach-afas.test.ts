import { runInN8n } from '../harness';
import { hrEmployeeRows, HR_EMPLOYEE_FIELDS } from '../emulators/afas/hrEmployees';
import { startAfasEmulator, type AfasEmulator, type AfasRow } from '../emulators/afas';
import { AFAS_NODE, afasCredential, afasWorkflow, byName } from '../emulators/afas/workflow';

const TOKEN = 'F00DBABE0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01234567';
const ROWS = hrEmployeeRows(600);
const key = (row: Record<string, unknown>) => `${row.Medewerker}-${row.Contract_id}`;
// Two departments whose names hold the separators of AFAS's compact filter syntax.
const DEPARTMENTS: AfasRow[] = [
	{ Code: 'RD', Naam: 'Onderzoek, Ontwikkeling' },
	{ Code: 'OPS', Naam: 'Beheer; Support' },
	{ Code: 'FIN', Naam: 'Financiën' },
];

describe('AFAS Profit node: filters and sort order reach AFAS as AFAS expects them', () => {
	let afas: AfasEmulator;
	beforeAll(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: {
				HrEmployees: { description: 'Medewerkers met contracten', fields: HR_EMPLOYEE_FIELDS, rows: ROWS },
				HrDepartments: {
					description: 'Afdelingen',
					fields: [
						{ id: 'Code', dataType: 'string', label: 'Code', length: 15 },
						{ id: 'Naam', dataType: 'string', label: 'Naam', length: 50 },
					],
					rows: DEPARTMENTS,
				},
			},
		});
	});
	afterAll(async () => await afas.close());
	beforeEach(() => afas.requests.splice(0));

	const run = async (parameters: Record<string, unknown>) => {
		const result = await runInN8n(afasWorkflow({ connector: byName('HrEmployees'), returnAll: true, ...parameters }), [
			afasCredential(afas.baseUrl, TOKEN),
		]);
		expect(result.error).toBeUndefined();
		return result.json(AFAS_NODE);
	};

	test('one equals filter is sent as filterfieldids, filtervalues and operatortypes', async () => {
		const rows = await run({ filters: { filter: [{ field: 'Afdeling_code', operator: 1, value: 'ICT' }] } });

		expect(afas.rowRequests('HrEmployees')[0].query).toMatchObject({ filterfieldids: 'Afdeling_code', filtervalues: 'ICT', operatortypes: '1' });
		const expected = ROWS.filter((r) => r.Afdeling_code === 'ICT');
		expect(expected.length).toBeGreaterThan(0);
		expect(rows.map(key)).toEqual(expected.map(key));
	});

	test('equals, contains and a date on or after are AND-ed, comma-separated', async () => {
		const rows = await run({
			filters: {
				filter: [
					{ field: 'Afdeling_code', operator: 1, value: 'ICT' },
					{ field: 'Achternaam', operator: 6, value: 'berg' },
					{ field: 'Begindatum_contract', operator: 2, value: '2020-01-01' },
				],
			},
		});

		expect(afas.rowRequests('HrEmployees')[0].query).toMatchObject({
			filterfieldids: 'Afdeling_code,Achternaam,Begindatum_contract',
			filtervalues: 'ICT,berg,2020-01-01',
			operatortypes: '1,6,2',
		});
		const expected = ROWS.filter(
			(r) =>
				r.Afdeling_code === 'ICT' &&
				String(r.Achternaam).toLowerCase().includes('berg') &&
				String(r.Begindatum_contract).slice(0, 10) >= '2020-01-01',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(rows.map(key)).toEqual(expected.map(key));
	});

	test('"is empty" sends an empty value in its place', async () => {
		const rows = await run({
			filters: {
				filter: [
					{ field: 'Einddatum_contract', operator: 8, value: 'ignored' },
					{ field: 'Afdeling_code', operator: 1, value: 'HR' },
				],
			},
		});

		expect(afas.rowRequests('HrEmployees')[0].query).toMatchObject({ filtervalues: ',HR', operatortypes: '8,1' });
		const expected = ROWS.filter((r) => r.Einddatum_contract === null && r.Afdeling_code === 'HR');
		expect(expected.length).toBeGreaterThan(0);
		expect(rows.map(key)).toEqual(expected.map(key));
	});

	test('a value with a comma or semicolon goes as a JSON filter and still matches exactly', async () => {
		for (const department of DEPARTMENTS.slice(0, 2)) {
			afas.requests.splice(0);
			const result = await runInN8n(
				afasWorkflow({ connector: byName('HrDepartments'), returnAll: true, filters: { filter: [{ field: 'Naam', operator: 1, value: department.Naam }] } }),
				[afasCredential(afas.baseUrl, TOKEN)],
			);

			expect(result.json(AFAS_NODE)).toEqual([department]);
			const query = afas.rowRequests('HrDepartments')[0].query;
			expect(query.filterfieldids).toBeUndefined();
			expect(JSON.parse(query.filterjson)).toEqual({
				Filters: { Filter: [{ '@FilterId': 'Filter 1', Field: [{ '@FieldId': 'Naam', '@OperatorType': '1', '#text': department.Naam }] }] },
			});
		}
	});

	test('sort fields go as orderbyfieldids, a minus for descending', async () => {
		const rows = await run({ sort: { field: [{ field: 'Geboortedatum', descending: true }, { field: 'Medewerker' }, { field: 'Contract_id' }] } });

		expect(afas.rowRequests('HrEmployees')[0].query.orderbyfieldids).toBe('-Geboortedatum,Medewerker,Contract_id');
		const expected = [...ROWS].sort(
			(a, b) =>
				String(b.Geboortedatum).localeCompare(String(a.Geboortedatum)) ||
				String(a.Medewerker).localeCompare(String(b.Medewerker)) ||
				Number(a.Contract_id) - Number(b.Contract_id),
		);
		expect(rows.map(key)).toEqual(expected.map(key));
	});

	test('a filter without a field stops the node with a message naming the filter', async () => {
		const result = await runInN8n(
			afasWorkflow({
				connector: byName('HrEmployees'),
				filters: { filter: [{ field: 'Afdeling_code', operator: 1, value: 'ICT' }, { field: ' ', operator: 1, value: 'x' }] },
			}),
			[afasCredential(afas.baseUrl, TOKEN)],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Filter 2 has no field');
		expect(afas.rowRequests('HrEmployees')).toHaveLength(0);
	});
});
