import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';

import { POPULATION_MAPPING } from '../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1 } from '../../bench/population';
import type { WorkflowJson } from '../../cli/runWorkflow';
import { publish, saveDraft } from '../../lib/rules';
import { openVault } from '../../lib/vault';
import { type AfasEmulator, type AfasRow, startAfasEmulator } from '../emulators/afas';
import { afasCredential, byName } from '../emulators/afas/workflow';
import { runInN8n, sqliteVaultCredential } from '../harness';
import { POPULATION_RULES } from '../unit/evaluation/populationRules';

const TOKEN = 'evaluate-token';
const PERSONS = 60;
const vaultCredential = { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } };
const asAfasRows = (rows: Iterable<object>): AfasRow[] => [...rows].map((row) => JSON.parse(JSON.stringify(row)) as AfasRow);

const node = (name: string, type: string, x: number, parameters: INode['parameters'], extra: Partial<INode> = {}): INode => ({
	id: name,
	name,
	type: `n8n-nodes-provisioning.${type}`,
	typeVersion: 1,
	position: [x, 300],
	parameters,
	credentials: vaultCredential,
	...extra,
});

const afasNode = (name: string, connector: string, x: number): INode => ({
	...node(name, 'afasProfit', x, { resource: 'getConnector', operation: 'getAll', connector: byName(connector), returnAll: true }),
	executeOnce: true,
	credentials: { afasProfitApi: { id: 'afas-test', name: 'AFAS Profit API' } },
});

const evaluateNode = (x: number, extra: Record<string, unknown> = {}): INode =>
	node('Evaluate', 'provisioningEvaluate', x, { resource: 'plan', operation: 'evaluate', asOf: POPULATION_DAY1, mode: 'full', maxItems: 5, ...extra });

describe('Provisioning Import → Person Aggregation → Provisioning Evaluate in n8n’s engine', () => {
	const population = generatePopulation({ persons: PERSONS, seed: 3, day: 1 });
	let afas: AfasEmulator;
	let file: string;
	beforeAll(async () => {
		afas = await startAfasEmulator({
			token: TOKEN,
			connectors: {
				HR_Afdelingen: { description: 'departments', fields: [], rows: asAfasRows(population.departments) },
				HR_Medewerkers: { description: 'employees', fields: [], rows: asAfasRows(population.primary.rows) },
			},
		});
	});
	afterAll(async () => await afas.close());
	beforeEach(async () => {
		file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evaluate-')), 'vault.sqlite');
		const vault = await openVault({ backend: 'sqlite', path: file });
		try {
			await saveDraft(vault, POPULATION_RULES);
			await publish(vault);
		} finally {
			await vault.close();
		}
	});

	const pipeline = (evaluate: INode, after: INode[] = [], afterConnections: WorkflowJson['connections'] = {}): WorkflowJson => ({
		name: 'Evaluate',
		nodes: [
			afasNode('AFAS Departments', 'HR_Afdelingen', 0),
			afasNode('AFAS Employees', 'HR_Medewerkers', 200),
			node('Import HR', 'provisioningImport', 400, {
				resource: 'import',
				operation: 'import',
				source: 'HR',
				rowShape: 'contract',
				mode: 'full',
				mappingSource: 'json',
				mappingJson: JSON.stringify(POPULATION_MAPPING),
				options: { asOf: POPULATION_DAY1, maxChanges: 0 },
			}),
			node('Aggregate', 'personAggregation', 600, { resource: 'aggregation', operation: 'run', options: { maxItems: 0 } }),
			evaluate,
			...after,
		],
		connections: {
			'AFAS Departments': { main: [[{ node: 'AFAS Employees', type: 'main', index: 0 }, { node: 'Import HR', type: 'main', index: 1 }]] },
			'AFAS Employees': { main: [[{ node: 'Import HR', type: 'main', index: 0 }]] },
			'Import HR': { main: [[{ node: 'Aggregate', type: 'main', index: 0 }], []] },
			Aggregate: { main: [[{ node: 'Evaluate', type: 'main', index: 0 }]] },
			...afterConnections,
		},
		settings: { executionOrder: 'v1' },
	});

	test('the plan comes out of the Ready output: a summary with the plan id, then the first actions', async () => {
		const result = await runInN8n(pipeline(evaluateNode(800)), [sqliteVaultCredential(file), afasCredential(afas.baseUrl, TOKEN)]);

		expect(result.error).toBeUndefined();
		const [summary, ...actions] = result.json('Evaluate', 0);
		expect(result.json('Evaluate', 1)).toEqual([]);
		expect(summary).toMatchObject({ kind: 'summary', status: 'ready', asOf: POPULATION_DAY1, ruleSetVersion: 1, preview: false, actionsShown: 5 });
		expect(actions).toHaveLength(5);
		expect(actions.every((a) => a.kind === 'action' && a.planId === summary.planId && a.action === 'create')).toBe(true);
		expect(actions[0]).toEqual(
			expect.objectContaining({ target: expect.any(String), personName: expect.any(String), reason: expect.stringMatching(/^rule '.+' via contract /) }),
		);

		const vault = await openVault({ backend: 'sqlite', path: file });
		try {
			const rows = await vault.db.selectFrom('plan_actions').select(['target', 'action']).where('plan_id', '=', String(summary.planId)).execute();
			expect(summary.totalActions).toBe(rows.length);
			const counts: Record<string, Record<string, number>> = {};
			for (const row of rows) counts[row.target] = { ...counts[row.target], [row.action]: (counts[row.target]?.[row.action] ?? 0) + 1 };
			expect(summary.actions).toEqual(counts);
			// A fresh vault: every employee's account is still to be created.
			expect(counts.activeDirectory.create).toBeGreaterThan(PERSONS / 2);
			expect(counts.activeDirectory.create).toBeLessThanOrEqual(Number(summary.persons));
			const plan = await vault.db.selectFrom('plans').select('status').where('id', '=', String(summary.planId)).executeTakeFirstOrThrow();
			expect(plan.status).toBe('ready');
		} finally {
			await vault.close();
		}
	});

	test('a plan over a threshold leaves on the Blocked output; Approve Plan releases it and Get Plan shows it', async () => {
		const workflow = pipeline(
			evaluateNode(800, { thresholds: { threshold: [{ target: 'activeDirectory', action: 'create', max: 10, maxPercent: '' }] } }),
			[
				node('Approve', 'provisioningEvaluate', 1000, { resource: 'plan', operation: 'approvePlan', planId: '={{ $json.planId }}', approvedBy: 'hr-admin' }),
				node('Get Plan', 'provisioningEvaluate', 1200, { resource: 'plan', operation: 'getPlan', planId: '={{ $json.planId }}', maxItems: 3 }),
			],
			{
				Evaluate: { main: [[], [{ node: 'Approve', type: 'main', index: 0 }]] },
				Approve: { main: [[{ node: 'Get Plan', type: 'main', index: 0 }]] },
			},
		);
		const result = await runInN8n(workflow, [sqliteVaultCredential(file), afasCredential(afas.baseUrl, TOKEN)]);

		expect(result.error).toBeUndefined();
		expect(result.json('Evaluate', 0)).toEqual([]);
		const blocked = result.json('Evaluate', 1);
		expect(blocked).toHaveLength(1); // the summary only
		expect(blocked[0]).toMatchObject({ kind: 'summary', status: 'blocked' });
		expect(blocked[0].thresholds).toEqual([expect.objectContaining({ target: 'activeDirectory', action: 'create', max: 10 })]);

		expect(result.json('Approve')).toEqual([expect.objectContaining({ planId: blocked[0].planId, status: 'approved', approvedBy: 'hr-admin' })]);
		const [plan, ...actions] = result.json('Get Plan');
		expect(plan).toMatchObject({ planId: blocked[0].planId, status: 'approved', totalActions: blocked[0].totalActions });
		expect(actions.map((a) => a.seq)).toEqual([...actions.map((a) => a.seq as number)].sort((a, b) => a - b));
		expect(actions).toHaveLength(3);
	});

	test('an unknown rule set version fails the run with a message that lists the versions', async () => {
		const result = await runInN8n(pipeline(evaluateNode(800, { ruleSet: 'version', ruleSetVersion: 9 })), [
			sqliteVaultCredential(file),
			afasCredential(afas.baseUrl, TOKEN),
		]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Rule set version 9 does not exist. Versions: 1.');
	});

	test('Get Plan with Continue On Fail turns an unknown plan id into an error item and goes on', async () => {
		const getPlan = node('Unknown Plan', 'provisioningEvaluate', 1000, { resource: 'plan', operation: 'getPlan', planId: 'no-such-plan', maxItems: 0 }, {
			onError: 'continueRegularOutput',
		});
		const workflow = pipeline(evaluateNode(800), [getPlan], { Evaluate: { main: [[{ node: 'Unknown Plan', type: 'main', index: 0 }], []] } });
		const result = await runInN8n(workflow, [sqliteVaultCredential(file), afasCredential(afas.baseUrl, TOKEN)]);

		expect(result.status).toBe('success');
		const output = result.json('Unknown Plan');
		expect(output).toHaveLength(result.json('Evaluate').length); // one error item per input item
		expect(output[0]).toEqual({ error: "Plan 'no-such-plan' does not exist in this vault" });
	});
});
