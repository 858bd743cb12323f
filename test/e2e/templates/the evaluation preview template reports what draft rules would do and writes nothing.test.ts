import { POPULATION_DAY1 } from '../../../bench/population';
import { evaluate } from '../../../lib/evaluation';
import { saveDraft } from '../../../lib/rules';
import { openVault } from '../../../lib/vault';
import { runInN8n } from '../../harness';
import { describeWithBuiltInNodes } from '../../support/builtInNodes';
import { POPULATION_RULES } from '../../unit/evaluation/populationRules';
import { day1Rows, importWithTemplateNodes, nodeOf, template, vaultCredential, vaultWithRules } from './setup';

/** The published rules plus one: everyone gets the VPN group. */
const DRAFT = {
	rules: [
		...POPULATION_RULES.rules,
		{
			name: 'VPN for everyone',
			enabled: true,
			condition: { match: 'and' as const, conditions: [] },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [{ type: 'permission' as const, target: 'activeDirectory', name: 'VPN-Users' }],
		},
	],
};

describeWithBuiltInNodes('the evaluation preview template (workflows/evaluation-preview.json)', (builtInNodesDir) => {
	test('evaluating the draft rules gives an HTML report and a CSV of a preview plan; the published plan and the vault’s accounts stay as they were', async () => {
		const vaultFile = await vaultWithRules('preview');
		await importWithTemplateNodes(vaultFile, day1Rows());
		let publishedPlanId: string;
		let vault = await openVault({ backend: 'sqlite', path: vaultFile });
		try {
			publishedPlanId = (await evaluate(vault, { asOf: POPULATION_DAY1 })).planId;
			await saveDraft(vault, DRAFT);
		} finally {
			await vault.close();
		}

		const workflow = template('evaluation-preview.json');
		nodeOf(workflow, 'Evaluate Draft Rules').parameters.asOf = POPULATION_DAY1; // the population's dates are fixed
		const result = await runInN8n(workflow, [vaultCredential(vaultFile)], { builtInNodesDir });

		expect(result.error).toBeUndefined();
		const [plan] = result.json('Evaluate Draft Rules', 0);
		expect(plan).toMatchObject({ kind: 'summary', preview: true, ruleSetStatus: 'draft', superseded: [] });
		const reports = result.nodes['Get Report'].outputs[0];
		expect(reports).toHaveLength(1);
		expect(reports[0].json).toMatchObject({ planId: plan.planId, actions: plan.totalActions });
		const html = Buffer.from(reports[0].binary!.report.data, 'base64').toString('utf8');
		const csv = Buffer.from(reports[0].binary!.csv.data, 'base64').toString('utf8');
		expect(reports[0].binary!.report).toMatchObject({ mimeType: 'text/html', fileName: `evaluation-${String(plan.planId)}.html` });
		expect(html).toContain(String(plan.planId));
		expect(html).toContain('VPN-Users');
		// Every action is in the CSV: one line each after the header.
		expect(csv.trimEnd().split('\r\n')).toHaveLength(Number(plan.totalActions) + 1);
		expect(csv.split('\r\n').filter((line) => line.includes('VPN-Users')).length).toBeGreaterThan(0);

		vault = await openVault({ backend: 'sqlite', path: vaultFile });
		try {
			const published = await vault.db.selectFrom('plans').select('status').where('id', '=', publishedPlanId).executeTakeFirstOrThrow();
			expect(published.status).toBe('ready');
			const written = await vault.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
			expect(Number(written.n)).toBe(0);
		} finally {
			await vault.close();
		}
	});
});
