import type { ICredentialTestFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { credentialTest, listSearch } from '../../../nodes/AfasProfit/methods';
import { AfasClient, afasAuthorization, afasBaseUrl, afasConnection, filterParams } from '../../../nodes/AfasProfit/transport/afas';
import { hrEmployeeRows, HR_EMPLOYEE_FIELDS } from '../../emulators/afas/hrEmployees';
import { startAfasEmulator, type AfasEmulator } from '../../emulators/afas';

const TOKEN = '1111222233334444555566667777888899990000AAAABBBBCCCCDDDDEEEEFFFF';

describe('AFAS Profit credential: addresses and the token header', () => {
	test('the header matches the example in AFAS’s REST documentation', () => {
		// help.afas.nl "REST API voor ontwikkelaars", example token conversion.
		expect(afasAuthorization('54740093832496081845474abcdefghijklmnopq740093832496081841234127')).toBe(
			'AfasToken PHRva2VuPjx2ZXJzaW9uPjE8L3ZlcnNpb24+PGRhdGE+NTQ3NDAwOTM4MzI0OTYwODE4NDU0NzRhYmNkZWZnaGlqa2xtbm9wcTc0MDA5MzgzMjQ5NjA4MTg0MTIzNDEyNzwvZGF0YT48L3Rva2VuPg==',
		);
	});

	test('a pasted complete <token>, even with line breaks, gives the same header as its data alone', () => {
		expect(afasAuthorization(`<token><version>1</version><data>${TOKEN}</data></token>`)).toBe(afasAuthorization(TOKEN));
		expect(afasAuthorization(`<token>\n  <version>1</version>\n  <data> ${TOKEN}\n</data>\n</token>\n`)).toBe(afasAuthorization(TOKEN));
	});

	test.each([
		['production', 'https://12345.rest.afas.online/ProfitRestServices'],
		['test', 'https://12345.resttest.afas.online/ProfitRestServices'],
		['accept', 'https://12345.restaccept.afas.online/ProfitRestServices'],
	] as const)('environment type %s uses %s', (environmentType, expected) => {
		expect(afasBaseUrl({ environmentNumber: ' 12345 ', environmentType })).toBe(expected);
	});

	test('a base URL replaces the computed address', () => {
		expect(afasBaseUrl({ environmentNumber: '12345', baseUrl: 'https://profit.example.com/ProfitRestServices/' })).toBe(
			'https://profit.example.com/ProfitRestServices',
		);
	});

	test('an environment number that is not a number is refused with a hint', () => {
		expect(() => afasBaseUrl({ environmentNumber: 'O12345AA' })).toThrow('The AFAS environment number "O12345AA" is not a number');
	});

	test('a missing token is refused before anything is sent', () => {
		expect(() => afasConnection({ environmentNumber: '12345', token: '  ' })).toThrow('The AFAS Profit API credential has no token');
	});

	test('operators 8 and 9 send an empty value; the others send theirs', () => {
		expect(
			filterParams([
				{ field: 'Voorvoegsel', operator: 9, value: 'x' },
				{ field: 'Roepnaam', operator: 10, value: 'Jan' },
			]),
		).toEqual({ filterfieldids: 'Voorvoegsel,Roepnaam', filtervalues: ',Jan', operatortypes: '9,10' });
	});

	test('a host that does not exist is reported as a wrong environment, not as a raw DNS error', async () => {
		const client = new AfasClient(afasConnection({ environmentNumber: '99999', token: TOKEN }), async () => {
			throw Object.assign(new Error('getaddrinfo ENOTFOUND 99999.rest.afas.online'), { code: 'ENOTFOUND' });
		});
		await expect(client.getRows('HrEmployees')).rejects.toMatchObject({
			message: 'Cannot find the AFAS environment at 99999.rest.afas.online',
			description: expect.stringContaining('environment number'),
		});
	});
});

describe('AFAS Profit credential test and connector list against the emulator', () => {
	let afas: AfasEmulator;
	beforeAll(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: {
				HrEmployees: { description: 'Medewerkers met contracten', fields: HR_EMPLOYEE_FIELDS, rows: hrEmployeeRows(5) },
				HrDepartments: { description: 'Afdelingen', fields: [{ id: 'Code', dataType: 'string', label: 'Code', length: 15 }], rows: [] },
			},
		});
	});
	afterAll(async () => await afas.close());

	const test_ = (data: Record<string, string>) =>
		credentialTest.afasProfitApiTest.call({} as ICredentialTestFunctions, {
			id: 'c',
			name: 'AFAS',
			type: 'afasProfitApi',
			data: { environmentNumber: '12345', environmentType: 'production', baseUrl: afas.baseUrl, ...data },
		});

	test('a good token and test connector: OK after reading one row', async () => {
		afas.requests.splice(0);
		await expect(test_({ token: TOKEN, testConnector: 'HrEmployees' })).resolves.toEqual({
			status: 'OK',
			message: "Connected: GetConnector 'HrEmployees' answered with 1 row(s)",
		});
		expect(afas.requests.map((r) => r.query)).toEqual([{ skip: '0', take: '1' }]);
	});

	test('without a test connector it lists the GetConnectors the token may use', async () => {
		await expect(test_({ token: TOKEN })).resolves.toEqual({ status: 'OK', message: 'Connected: the token may use 2 GetConnector(s)' });
	});

	test('a wrong token: an error about the token that does not contain it', async () => {
		const result = await test_({ token: 'WRONG0123456789' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('401 Unauthorized');
		expect(result.message).toContain('token');
		expect(result.message).not.toContain('WRONG0123456789');
	});

	test('nothing listening: connection refused, naming the host', async () => {
		const closed = await startAfasEmulator({ token: TOKEN, connectors: {} });
		const baseUrl = closed.baseUrl;
		await closed.close();
		const result = await test_({ token: TOKEN, baseUrl });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining(`${new URL(baseUrl).host} refused the connection`) });
	});

	test('the connector list offers the GetConnectors from /metainfo, filtered by what is typed', async () => {
		const node = { name: 'AFAS Profit', type: 'n8n-nodes-provisioning.afasProfit' } as INode;
		const context = {
			getNode: () => node,
			getCredentials: async () => ({ baseUrl: afas.baseUrl, token: TOKEN }),
			helpers: {
				httpRequest: async (options: { url: string; headers: Record<string, string> }) => {
					const response = await fetch(options.url, { headers: options.headers });
					return { statusCode: response.status, headers: {}, body: await response.json() };
				},
			},
		} as unknown as ILoadOptionsFunctions;

		await expect(listSearch.searchGetConnectors.call(context)).resolves.toEqual({
			results: [
				{ name: 'HrDepartments (Afdelingen)', value: 'HrDepartments' },
				{ name: 'HrEmployees (Medewerkers met contracten)', value: 'HrEmployees' },
			],
		});
		await expect(listSearch.searchGetConnectors.call(context, 'medew')).resolves.toEqual({
			results: [{ name: 'HrEmployees (Medewerkers met contracten)', value: 'HrEmployees' }],
		});
	});
});
