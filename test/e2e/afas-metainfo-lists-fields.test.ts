import { runInN8n } from '../harness';
import { hrEmployeeRows, HR_EMPLOYEE_FIELDS } from '../emulators/afas/hrEmployees';
import { startAfasEmulator, type AfasEmulator } from '../emulators/afas';
import { AFAS_NODE, afasCredential, afasWorkflow, byName } from '../emulators/afas/workflow';

const TOKEN = '9F8E7D6C5B4A39281706F5E4D3C2B1A09F8E7D6C5B4A39281706F5E4D3C2B1A0';

describe('AFAS Profit node: Get Metainfo', () => {
	let afas: AfasEmulator;
	beforeAll(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: { HrEmployees: { description: 'Medewerkers met contracten', fields: HR_EMPLOYEE_FIELDS, rows: hrEmployeeRows(3) } },
		});
	});
	afterAll(async () => await afas.close());

	test('outputs the GetConnector’s name, description and every field with its type', async () => {
		const result = await runInN8n(afasWorkflow({ operation: 'getMetaInfo', connector: byName('HrEmployees') }), [
			afasCredential(afas.baseUrl, TOKEN),
		]);

		expect(result.status).toBe('success');
		const [meta] = result.json(AFAS_NODE);
		expect(meta).toMatchObject({ name: 'HrEmployees', description: 'Medewerkers met contracten' });
		const fields = meta.fields as Array<{ id: string; dataType: string }>;
		expect(fields.map((f) => [f.id, f.dataType])).toEqual(HR_EMPLOYEE_FIELDS.map((f) => [f.id, f.dataType]));
		expect(afas.requests.map((r) => r.path)).toEqual(['/ProfitRestServices/metainfo/get/HrEmployees']);
	});
});
