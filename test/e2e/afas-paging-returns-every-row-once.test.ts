import { runInN8n } from '../harness';
import { hrEmployeeRows, HR_EMPLOYEE_FIELDS } from '../emulators/afas/hrEmployees';
import { startAfasEmulator, type AfasEmulator } from '../emulators/afas';
import { AFAS_NODE, afasCredential, afasWorkflow, byName } from '../emulators/afas/workflow';

const TOKEN = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';
const ROWS = hrEmployeeRows(2345);
const key = (row: Record<string, unknown>) => `${row.Medewerker}-${row.Contract_id}`;

describe('AFAS Profit node: reading a GetConnector page by page', () => {
	let afas: AfasEmulator;
	beforeEach(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: { HrEmployees: { description: 'Medewerkers met contracten', fields: HR_EMPLOYEE_FIELDS, rows: ROWS } },
		});
	});
	afterEach(async () => await afas.close());

	test('Return All reads 2,345 rows in pages of 1,000 and outputs every row exactly once', async () => {
		const result = await runInN8n(
			afasWorkflow({
				connector: byName('HrEmployees'),
				returnAll: true,
				sort: { field: [{ field: 'Medewerker' }, { field: 'Contract_id' }] },
			}),
			[afasCredential(afas.baseUrl, TOKEN)],
		);

		expect(result.status).toBe('success');
		const rows = result.json(AFAS_NODE);
		expect(rows).toHaveLength(ROWS.length);
		expect(new Set(rows.map(key)).size).toBe(ROWS.length);
		expect(rows[0]).toEqual(ROWS[0]); // the row as AFAS sent it, field for field
		expect(afas.rowRequests('HrEmployees').map((r) => [r.query.skip, r.query.take])).toEqual([
			['0', '1000'],
			['1000', '1000'],
			['2000', '1000'],
		]);
		const pairs = result.nodes[AFAS_NODE].outputs[0].map((item) => item.pairedItem);
		expect(pairs.every((pair) => (pair as { item: number }).item === 0)).toBe(true);
	});

	test('a server that serves fewer rows than asked does not cut the result short', async () => {
		await afas.close();
		afas = await startAfasEmulator({
			token: TOKEN,
			maxTake: 400,
			connectors: { HrEmployees: { description: 'Medewerkers', fields: HR_EMPLOYEE_FIELDS, rows: ROWS } },
		});
		const result = await runInN8n(
			afasWorkflow({ connector: byName('HrEmployees'), returnAll: true, sort: { field: [{ field: 'Medewerker' }, { field: 'Contract_id' }] } }),
			[afasCredential(afas.baseUrl, TOKEN)],
		);

		expect(result.status).toBe('success');
		const rows = result.json(AFAS_NODE);
		expect(new Set(rows.map(key)).size).toBe(ROWS.length);
		expect(rows).toHaveLength(ROWS.length);
		expect(afas.rowRequests('HrEmployees').map((r) => r.query.skip)).toEqual(['0', '400', '800', '1200', '1600', '2000']);
	});

	test('Limit stops after that many rows and asks AFAS for no more than it needs', async () => {
		const result = await runInN8n(
			afasWorkflow({ connector: byName('HrEmployees'), returnAll: false, limit: 1234, options: { pageSize: 500 } }),
			[afasCredential(afas.baseUrl, TOKEN)],
		);

		expect(result.status).toBe('success');
		expect(result.json(AFAS_NODE).map(key)).toEqual(ROWS.slice(0, 1234).map(key));
		expect(afas.rowRequests('HrEmployees').map((r) => [r.query.skip, r.query.take])).toEqual([
			['0', '500'],
			['500', '500'],
			['1000', '234'],
		]);
	});

	test('a result that fits one page takes one request', async () => {
		const result = await runInN8n(afasWorkflow({ connector: byName('HrEmployees'), returnAll: false, limit: 10 }), [
			afasCredential(afas.baseUrl, TOKEN),
		]);
		expect(result.json(AFAS_NODE)).toHaveLength(10);
		expect(afas.rowRequests('HrEmployees')).toHaveLength(1);
	});
});
