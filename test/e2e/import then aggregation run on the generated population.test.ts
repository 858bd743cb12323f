import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';

import { POPULATION_MAPPING } from '../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1 } from '../../bench/population';
import type { WorkflowJson } from '../../cli/runWorkflow';
import { openVault } from '../../lib/vault';
import { type AfasEmulator, type AfasRow, startAfasEmulator } from '../emulators/afas';
import { afasCredential, byName } from '../emulators/afas/workflow';
import { runInN8n, sqliteVaultCredential } from '../harness';

const TOKEN = 'population-token';
const PERSONS = 1000;

const asAfasRows = (rows: Iterable<object>): AfasRow[] => [...rows].map((row) => JSON.parse(JSON.stringify(row)) as AfasRow);
const connector = (rows: AfasRow[]) => ({ description: 'generated', fields: [], rows });

const vaultCredential = { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } };
const afasNode = (name: string, connectorName: string, x: number): INode => ({
	id: name,
	name,
	type: 'n8n-nodes-provisioning.afasProfit',
	typeVersion: 1,
	position: [x, 300],
	executeOnce: true, // one request however many items arrive
	parameters: { resource: 'getConnector', operation: 'getAll', connector: byName(connectorName), returnAll: true },
	credentials: { afasProfitApi: { id: 'afas-test', name: 'AFAS Profit API' } },
});
const importNode = (name: string, source: string, x: number): INode => ({
	id: name,
	name,
	type: 'n8n-nodes-provisioning.provisioningImport',
	typeVersion: 1,
	position: [x, 300],
	parameters: {
		resource: 'import',
		operation: 'import',
		source,
		rowShape: 'contract',
		mode: 'full',
		mappingSource: 'json',
		mappingJson: JSON.stringify(POPULATION_MAPPING),
		options: { asOf: POPULATION_DAY1, maxChanges: 5 },
	},
	credentials: vaultCredential,
});

describe('AFAS → Provisioning Import (HR, Payroll) → Person Aggregation on a generated population', () => {
	const population = generatePopulation({ persons: PERSONS, seed: 7, day: 1 });
	let afas: AfasEmulator;
	beforeAll(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: {
				HR_Afdelingen: connector(asAfasRows(population.departments)),
				HR_Medewerkers: connector(asAfasRows(population.primary.rows)),
				Payroll_Medewerkers: connector(asAfasRows(population.secondary.rows)),
			},
		});
	});
	afterAll(async () => await afas.close());

	test('imports both sources, then merges exactly the persons both sources share', async () => {
		const workflow: WorkflowJson = {
			name: 'JML import',
			nodes: [
				afasNode('AFAS Departments', 'HR_Afdelingen', 0),
				afasNode('AFAS Employees', 'HR_Medewerkers', 200),
				importNode('Import HR', 'HR', 400),
				afasNode('AFAS Payroll', 'Payroll_Medewerkers', 600),
				importNode('Import Payroll', 'Payroll', 800),
				{
					id: 'agg',
					name: 'Aggregate Persons',
					type: 'n8n-nodes-provisioning.personAggregation',
					typeVersion: 1,
					position: [1000, 300],
					parameters: { resource: 'aggregation', operation: 'run' },
					credentials: vaultCredential,
				},
			],
			connections: {
				'AFAS Departments': { main: [[{ node: 'AFAS Employees', type: 'main', index: 0 }, { node: 'Import HR', type: 'main', index: 1 }]] },
				'AFAS Employees': { main: [[{ node: 'Import HR', type: 'main', index: 0 }]] },
				'Import HR': { main: [[{ node: 'AFAS Payroll', type: 'main', index: 0 }], []] },
				'AFAS Payroll': { main: [[{ node: 'Import Payroll', type: 'main', index: 0 }]] },
				'Import Payroll': { main: [[{ node: 'Aggregate Persons', type: 'main', index: 0 }], []] },
			},
			settings: { executionOrder: 'v1' },
		};
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'population-')), 'vault.sqlite');
		const result = await runInN8n(workflow, [sqliteVaultCredential(file), afasCredential(afas.baseUrl, TOKEN)]);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.json('AFAS Employees')).toHaveLength(population.primary.contracts);

		const [hr] = result.json('Import HR');
		const active = PERSONS - population.stats.leftBeforeDay1.length;
		expect(hr).toMatchObject({ status: 'applied', source: 'HR', persons: PERSONS, joiners: active, blocked: 0, issueCount: 0 });
		expect(result.json('Import HR')).toHaveLength(1 + 5); // summary + capped change items

		const [payroll] = result.json('Import Payroll');
		expect(payroll).toMatchObject({ status: 'applied', source: 'Payroll', persons: population.secondary.persons });

		const [aggregation] = result.json('Aggregate Persons');
		expect(aggregation.merged).toBe(population.stats.overlapPairs.length);

		// Every overlapping pair ends up as one person: the Payroll record merged into its HR twin.
		const vault = await openVault({ backend: 'sqlite', path: file });
		try {
			const rows = await vault.db
				.selectFrom('persons as p')
				.innerJoin('sources as s', 's.id', 'p.source_id')
				.leftJoin('persons as survivor', 'survivor.id', 'p.merged_into')
				.select(['p.external_id as externalId', 'survivor.external_id as survivor'])
				.where('s.name', '=', 'Payroll')
				.where('p.merged_into', 'is not', null)
				.execute();
			const merged = Object.fromEntries(rows.map((row) => [row.externalId, row.survivor]));
			expect(merged).toEqual(Object.fromEntries(population.stats.overlapPairs.map((pair) => [pair.secondary, pair.primary])));
			const departments = await vault.db
				.selectFrom('departments as d')
				.innerJoin('sources as s', 's.id', 'd.source_id')
				.select(['d.code', 'd.manager_external_id'])
				.where('s.name', '=', 'HR')
				.execute();
			expect(departments).toHaveLength(population.departments.length);
			expect(departments.filter((department) => department.manager_external_id)).toHaveLength(
				population.departments.filter((department) => department.managerId).length,
			);
		} finally {
			await vault.close();
		}
	});
});
