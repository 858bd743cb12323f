import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';

import type { WorkflowJson } from '../../cli/runWorkflow';
import { type AfasEmulator, type AfasRow, startAfasEmulator } from '../emulators/afas';
import { afasCredential, byName } from '../emulators/afas/workflow';
import { runInN8n, sqliteVaultCredential } from '../harness';

const TOKEN = 'held-token';
const employees = (n: number): AfasRow[] =>
	Array.from({ length: n }, (_, i) => ({ Medewerker: `E${1000 + i}`, Roepnaam: 'Sam', Achternaam: `Jansen ${i}`, Contract: `C${i}`, Begindatum: '2025-01-01' }));

const mappingJson = JSON.stringify({
	person: {
		externalId: { type: 'field', path: 'Medewerker' },
		givenName: { type: 'field', path: 'Roepnaam' },
		familyName: { type: 'field', path: 'Achternaam' },
	},
	contract: { externalId: { type: 'field', path: 'Contract' }, startDate: { type: 'field', path: 'Begindatum' } },
});

function workflow(connector: string): WorkflowJson {
	const vault = { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } };
	const nodes: INode[] = [
		{
			id: 'afas',
			name: 'AFAS',
			type: 'n8n-nodes-provisioning.afasProfit',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'getConnector', operation: 'getAll', connector: byName(connector), returnAll: true },
			credentials: { afasProfitApi: { id: 'afas-test', name: 'AFAS Profit API' } },
		},
		{
			id: 'import',
			name: 'Import',
			type: 'n8n-nodes-provisioning.provisioningImport',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'import', operation: 'import', source: 'AFAS', mappingSource: 'json', mappingJson, options: { asOf: '2026-01-05' } },
			credentials: vault,
		},
		{
			id: 'approve',
			name: 'Approve',
			type: 'n8n-nodes-provisioning.provisioningImport',
			typeVersion: 1,
			position: [400, 100],
			parameters: { resource: 'import', operation: 'approve', importId: '={{ $json.importId }}' },
			credentials: vault,
		},
	];
	return {
		nodes,
		connections: {
			AFAS: { main: [[{ node: 'Import', type: 'main', index: 0 }]] },
			Import: { main: [[], [{ node: 'Approve', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe('Provisioning Import: Held output and approval in a workflow', () => {
	let afas: AfasEmulator;
	beforeAll(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: { Full: { description: 'all', fields: [], rows: employees(40) }, Truncated: { description: 'cut', fields: [], rows: employees(10) } },
		});
	});
	afterAll(async () => await afas.close());

	test('a truncated export is held (nothing applied), then the Approve node applies it', async () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'held-')), 'vault.sqlite');
		const credentials = [sqliteVaultCredential(file), afasCredential(afas.baseUrl, TOKEN)];

		const first = await runInN8n(workflow('Full'), credentials);
		expect(first.json('Import')[0]).toMatchObject({ status: 'applied', joiners: 40 });
		expect(first.json('Import', 1)).toEqual([]);
		expect(first.nodes.Approve).toBeUndefined();

		const second = await runInN8n(workflow('Truncated'), credentials);
		expect(second.json('Import', 0)).toEqual([]);
		const [held] = second.json('Import', 1);
		expect(held).toMatchObject({ status: 'held', holdReason: '30 persons removed (75%) exceeds the limit of 10%' });
		const [approved] = second.json('Approve');
		expect(approved).toMatchObject({ importId: held.importId, status: 'applied', leavers: 30, unchanged: 10 });
	});
});
