import { runInN8n } from '../harness';
import { hrEmployeeRows, HR_EMPLOYEE_FIELDS } from '../emulators/afas/hrEmployees';
import { afasAuthorization, startAfasEmulator, type AfasEmulator } from '../emulators/afas';
import { AFAS_NODE, afasCredential, afasWorkflow, byName } from '../emulators/afas/workflow';

const TOKEN = '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
const WRONG_TOKEN = 'DEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF';
const ROWS = hrEmployeeRows(120);

describe('AFAS Profit node: failures say what went wrong and never show the token', () => {
	let afas: AfasEmulator;
	beforeEach(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: { HrEmployees: { description: 'Medewerkers met contracten', fields: HR_EMPLOYEE_FIELDS, rows: ROWS } },
		});
	});
	afterEach(async () => await afas.close());

	test('a wrong token fails the node with a 401 message about the token, without the token in it', async () => {
		const result = await runInN8n(afasWorkflow({ connector: byName('HrEmployees'), returnAll: true }), [
			afasCredential(afas.baseUrl, WRONG_TOKEN),
		]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain("AFAS refused the request for GetConnector 'HrEmployees' (401 Unauthorized)");
		expect(result.error?.description).toContain('token');
		const everything = JSON.stringify(result.run);
		for (const secret of [WRONG_TOKEN, afasAuthorization(WRONG_TOKEN).split(' ')[1], 'AfasToken']) {
			expect(everything).not.toContain(secret);
		}
		expect(afas.requests[0].authorization).toBe(afasAuthorization(WRONG_TOKEN)); // it did reach AFAS
	});

	test('an unknown GetConnector names the connector and repeats what AFAS said', async () => {
		const result = await runInN8n(afasWorkflow({ connector: byName('HrMedewerkers'), returnAll: true }), [
			afasCredential(afas.baseUrl, TOKEN),
		]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain("GetConnector 'HrMedewerkers'");
		expect(result.error?.message).toContain('GetConnector niet ondersteund voor deze app');
		expect(result.error?.description).toContain('added to the app connector');
	});

	test('a filter on a field the GetConnector lacks shows AFAS’s message and the Profit log reference', async () => {
		const result = await runInN8n(
			afasWorkflow({ connector: byName('HrEmployees'), returnAll: true, filters: { filter: [{ field: 'Kostenplaats', operator: 1, value: '100' }] } }),
			[afasCredential(afas.baseUrl, TOKEN)],
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain("Connector-veld 'Kostenplaats' niet gevonden");
		expect(result.error?.description).toMatch(/Profit log reference: [0-9A-F]{32}/);
	});

	test('a 503 from AFAS is retried after the time AFAS asks for, and the run succeeds', async () => {
		afas.failNext({ status: 503, times: 1, retryAfter: 0 });
		const result = await runInN8n(afasWorkflow({ connector: byName('HrEmployees'), returnAll: true }), [
			afasCredential(afas.baseUrl, TOKEN),
		]);

		expect(result.status).toBe('success');
		expect(result.json(AFAS_NODE)).toHaveLength(ROWS.length);
		expect(afas.rowRequests('HrEmployees').map((r) => [r.query.skip, r.status])).toEqual([
			['0', 503],
			['0', 200],
		]);
	});

	test('with "continue on fail" the error becomes an output item paired to its input', async () => {
		const result = await runInN8n(afasWorkflow({ connector: byName('HrEmployees'), returnAll: true }, { continueOnFail: true }), [
			afasCredential(afas.baseUrl, WRONG_TOKEN),
		]);

		expect(result.status).toBe('success');
		const [item] = result.nodes[AFAS_NODE].outputs[0];
		expect(item.json.error).toContain('401 Unauthorized');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('nothing listening at the base URL gives a connection-refused message naming the host', async () => {
		const baseUrl = afas.baseUrl;
		await afas.close();
		afas = await startAfasEmulator({ token: TOKEN, connectors: {} }); // for afterEach
		const result = await runInN8n(afasWorkflow({ connector: byName('HrEmployees'), returnAll: true }), [afasCredential(baseUrl, TOKEN)]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`${new URL(baseUrl).host} refused the connection`);
	});
});
