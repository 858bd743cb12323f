import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';

import { openVault } from '../../../lib/vault';
import { runInN8n, sqliteVaultCredential } from '../../harness';
import { seedReportVault } from './reportFixtures';

const reportNode = (parameters: INode['parameters'], extra: Partial<INode> = {}): INode => ({
	id: 'report',
	name: 'Report',
	type: 'n8n-nodes-provisioning.provisioningEvaluate',
	typeVersion: 1,
	position: [0, 0],
	parameters: { resource: 'plan', operation: 'report', ...parameters },
	credentials: { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } },
	...extra,
});

describe('Provisioning Evaluate › Get Report in n8n’s engine', () => {
	let file: string;
	let actionCount: number;
	beforeAll(async () => {
		file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'vault.sqlite');
		const vault = await openVault({ backend: 'sqlite', path: file });
		try {
			actionCount = (await seedReportVault(vault)).length;
		} finally {
			await vault.close();
		}
	});

	test('outputs the plan as an HTML file and its actions as a CSV file', async () => {
		const result = await runInN8n({ nodes: [reportNode({ planId: 'plan-v2', maxRows: 100 })], connections: {} }, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		const [item] = result.nodes.Report.outputs[0];
		expect(item.json).toEqual({ planId: 'plan-v2', actions: actionCount });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.report).toMatchObject({ fileName: 'evaluation-plan-v2.html', mimeType: 'text/html' });
		expect(item.binary?.csv).toMatchObject({ fileName: 'evaluation-plan-v2.csv', mimeType: 'text/csv' });
		const html = Buffer.from(item.binary?.report.data as string, 'base64').toString('utf8');
		expect(html).toContain('<h1>Evaluation report: plan plan-v2</h1>');
		expect(html).not.toContain('<script>alert(1)</script>');
		const csv = Buffer.from(item.binary?.csv.data as string, 'base64').toString('utf8');
		expect(csv.startsWith('Person,External ID,Target,Action,Entitlement,Reason,Due date,Status\r\n')).toBe(true);
	});

	test('an unknown plan with Continue On Fail gives an item saying which plan is missing', async () => {
		const result = await runInN8n({ nodes: [reportNode({ planId: 'no-such-plan' }, { onError: 'continueRegularOutput' })], connections: {} }, [
			sqliteVaultCredential(file),
		]);

		expect(result.status).toBe('success');
		expect(result.json('Report')).toEqual([{ error: "Plan 'no-such-plan' does not exist in this vault" }]);
	});
});
