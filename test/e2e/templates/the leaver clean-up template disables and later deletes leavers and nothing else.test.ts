import type { IDataObject } from 'n8n-workflow';

import { POPULATION_DAY1 } from '../../../bench/population';
import type { ContractRow } from '../../../bench/population/types';
import { openVault } from '../../../lib/vault';
import { runInN8n } from '../../harness';
import { describeWithAd, withTestOu, type TestOu } from '../../support/ad';
import { describeWithBuiltInNodes } from '../../support/builtInNodes';
import { startSmtpSink, type SmtpSink } from '../../support/smtpSink';
import { adCredential, adUsers, createRuleGroups, day1Rows, jmlPipeline, nodeOf, pointAtTestOu, startHrExport, template, vaultCredential, vaultWithRules, type AdUser } from './setup';

const LAST_DAY = '2026-01-10';
const DAY_AFTER = '2026-01-11';
/** The rules delete an account 30 days after the contract ends. */
const AFTER_GRACE = '2026-02-10';

/** Three employees with running, open-ended contracts, whose contracts all end on LAST_DAY in this export. */
function withLeavers(rows: ContractRow[]): { rows: ContractRow[]; leavers: string[] } {
	const byPerson = new Map<string, ContractRow[]>();
	for (const row of rows) byPerson.set(row.employeeId, [...(byPerson.get(row.employeeId) ?? []), row]);
	const leavers = [...byPerson.entries()]
		.filter(([, contracts]) => contracts.every((c) => c.startDate <= POPULATION_DAY1 && !c.endDate && c.contractType !== 'intern'))
		.slice(0, 3)
		.map(([id]) => id);
	return { rows: rows.map((row) => (leavers.includes(row.employeeId) ? { ...row, endDate: LAST_DAY } : row)), leavers };
}

const kinds = (summary: IDataObject) => Object.keys(summary.byAction as IDataObject).sort();

describeWithBuiltInNodes('the leaver clean-up template (workflows/leaver-clean-up.json)', (builtInNodesDir) => {
	describeWithAd('against Active Directory', (settings) => {
		let ou: TestOu;
		let smtp: SmtpSink;
		let vaultFile: string;
		let leavers: string[];
		let before: Map<string, AdUser>;
		const credentials = () => [vaultCredential(vaultFile), adCredential(settings), smtp.credential()];

		beforeAll(async () => {
			ou = await withTestOu(settings);
			await createRuleGroups(settings, ou);
			smtp = await startSmtpSink();
			vaultFile = await vaultWithRules('leavers');
			const hrRows = withLeavers(day1Rows());
			leavers = hrRows.leavers;
			// The nightly pipeline made the accounts, the three leavers' too: their last day is still ahead.
			const hr = await startHrExport(hrRows.rows);
			try {
				const night = await runInN8n(jmlPipeline(hr.url, ou), credentials(), { builtInNodesDir });
				if (night.error) throw new Error(night.error.message);
			} finally {
				await hr.close();
			}
			before = await adUsers(settings, ou.dn);
		}, 180_000);
		afterAll(async () => {
			await smtp?.close();
			await ou?.dispose();
		});
		beforeEach(() => smtp.messages.splice(0));

		function cleanUp(asOf: string, disableMaxPercent?: number) {
			const workflow = template('leaver-clean-up.json');
			const evaluate = nodeOf(workflow, 'Evaluate');
			evaluate.parameters.asOf = asOf;
			if (disableMaxPercent !== undefined) {
				for (const threshold of (evaluate.parameters.thresholds as { threshold: IDataObject[] }).threshold) {
					if (threshold.action === 'disable') threshold.maxPercent = disableMaxPercent;
				}
			}
			pointAtTestOu(nodeOf(workflow, 'Enforce Disables and Deletes'), ou, asOf);
			return workflow;
		}

		test('the accounts exist before the clean-up runs', () => {
			expect(leavers).toHaveLength(3);
			for (const id of leavers) expect(before.get(id)).toMatchObject({ enabled: true });
		});

		test('more disables than the threshold allows (5% of the accounts): nothing is disabled and the admins get a mail', async () => {
			const result = await runInN8n(cleanUp(DAY_AFTER), credentials(), { builtInNodesDir });

			expect(result.error).toBeUndefined();
			const [blocked] = result.json('Evaluate', 1);
			expect(blocked).toMatchObject({ status: 'blocked' });
			expect(result.nodes['Enforce Disables and Deletes']).toBeUndefined();
			expect(smtp.messages.map((m) => m.subject)).toEqual([`Leaver clean-up blocked: plan ${String(blocked.planId)} is over a threshold`]);
			expect(smtp.messages[0].body).toContain((blocked.thresholds as Array<{ message: string }>)[0].message);
			const now = await adUsers(settings, ou.dn);
			for (const id of leavers) expect(now.get(id)).toMatchObject({ enabled: true });
		});

		test('the day after their last day the leavers are disabled and moved to the Disabled OU, and nothing but disables runs', async () => {
			const result = await runInN8n(cleanUp(DAY_AFTER, 50), credentials(), { builtInNodesDir });

			expect(result.error).toBeUndefined();
			const [summary] = result.json('Enforce Disables and Deletes');
			expect(summary).toMatchObject({ failed: 0 });
			expect(kinds(summary)).toEqual(['disable']);
			const events = result.json('Enforce Disables and Deletes', 1);
			expect(events.every((event) => event.event === 'accountDisabled')).toBe(true);
			expect(events.map((event) => String(event.externalId))).toEqual(expect.arrayContaining(leavers));

			// The plan holds more for AD (group revokes of the leavers); those stay for the JML run.
			const [plan] = result.json('Evaluate');
			const others = Object.keys((plan.actions as Record<string, IDataObject>).activeDirectory).filter((kind) => kind !== 'disable');
			expect(others.length).toBeGreaterThan(0);
			const vault = await openVault({ backend: 'sqlite', path: vaultFile });
			try {
				const statuses = await vault.db
					.selectFrom('plan_actions')
					.select('status')
					.distinct()
					.where('plan_id', '=', String(plan.planId))
					.where('target', '=', 'activeDirectory')
					.where('action', 'in', others)
					.execute();
				expect(statuses.map((row) => row.status)).toEqual(['pending']);
			} finally {
				await vault.close();
			}
			const now = await adUsers(settings, ou.dn);
			expect([...now.keys()].sort()).toEqual([...before.keys()].sort()); // nothing created or deleted
			for (const id of leavers) {
				expect(now.get(id)).toMatchObject({ enabled: false });
				expect(now.get(id)!.dn.endsWith(ou.disabledOu)).toBe(true);
			}
			expect(smtp.messages).toHaveLength(1);
			expect(smtp.messages[0].subject).toMatch(new RegExp(`^Leaver clean-up \\d{4}-\\d{2}-\\d{2}: ${events.length} disabled, 0 deleted, 0 failed$`));
			expect(smtp.messages[0].body).toContain(`disable ${events.length} done`);
		});

		test('after the grace period their accounts are deleted', async () => {
			const result = await runInN8n(cleanUp(AFTER_GRACE, 50), credentials(), { builtInNodesDir });

			expect(result.error).toBeUndefined();
			const [summary] = result.json('Enforce Disables and Deletes');
			expect(summary).toMatchObject({ failed: 0 });
			expect(kinds(summary).every((kind) => ['delete', 'disable'].includes(kind))).toBe(true);
			const deleted = result.json('Enforce Disables and Deletes', 1).filter((event) => event.event === 'accountDeleted');
			expect(deleted.map((event) => String(event.externalId))).toEqual(expect.arrayContaining(leavers));

			const now = await adUsers(settings, ou.dn);
			for (const id of leavers) expect(now.has(id)).toBe(false);
			expect(now.size).toBe(before.size - deleted.length);
			expect(smtp.messages[0].subject).toMatch(new RegExp(`: \\d+ disabled, ${deleted.length} deleted, 0 failed$`));
		});
	});
});
