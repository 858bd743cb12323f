import type { IDataObject } from 'n8n-workflow';

import { openVault } from '../../../lib/vault';
import { runInN8n } from '../../harness';
import { describeWithAd, withTestOu, type TestOu } from '../../support/ad';
import { describeWithBuiltInNodes } from '../../support/builtInNodes';
import { resumeWaitingRun } from '../../support/resumeWaiting';
import { startSmtpSink, type SmtpSink } from '../../support/smtpSink';
import { PERSONS, adCredential, adUsers, createRuleGroups, day1Rows, jmlPipeline, nodeOf, startHrExport, vaultCredential, vaultWithRules, type HrExport } from './setup';

const after = ['Ask for Approval', 'Approved?', 'Approve Plan', 'Enforce in Active Directory', 'Mail Summary', 'Mail Held Import'];

describeWithBuiltInNodes('the JML pipeline template (workflows/jml-pipeline.json)', (builtInNodesDir) => {
	describeWithAd('against Active Directory', (settings) => {
		let hr: HrExport;
		let smtp: SmtpSink;
		const ous: TestOu[] = [];
		beforeAll(async () => {
			hr = await startHrExport(day1Rows());
			smtp = await startSmtpSink();
		});
		afterAll(async () => {
			await hr?.close();
			await smtp?.close();
			for (const ou of ous) await ou.dispose();
		});
		beforeEach(() => smtp.messages.splice(0));

		async function testOu(): Promise<TestOu> {
			const ou = await withTestOu(settings);
			ous.push(ou);
			await createRuleGroups(settings, ou);
			return ou;
		}
		const credentials = (vaultFile: string) => [vaultCredential(vaultFile), adCredential(settings), smtp.credential()];

		test('a night run reads the HR export over HTTP, creates every account in AD and mails the summary', async () => {
			const ou = await testOu();
			const vaultFile = await vaultWithRules('jml-ready');
			const result = await runInN8n(jmlPipeline(hr.url, ou), credentials(vaultFile), { builtInNodesDir });

			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(result.json('HR Export (HTTP Request)')).toHaveLength(hr.rows.length);
			const [imported] = result.json('Import HR');
			expect(imported).toMatchObject({ status: 'applied', rows: hr.rows.length, persons: PERSONS });
			expect(imported.joiners).toBeGreaterThan(PERSONS / 2);
			const [plan] = result.json('Evaluate', 0);
			expect(plan).toMatchObject({ kind: 'summary', status: 'ready', mode: 'full' });
			expect(result.json('Evaluate', 1)).toEqual([]);
			expect(result.nodes['Ask for Approval']).toBeUndefined();

			const [enforced] = result.json('Enforce in Active Directory', 0);
			expect(enforced).toMatchObject({ planId: plan.planId, failed: 0, skipped: 0, remaining: 0 });
			const created = result.json('Enforce in Active Directory', 1).filter((event) => event.event === 'accountCreated');
			expect(created.length).toBe((enforced.byAction as IDataObject & { create: { done: number } }).create.done);
			const users = await adUsers(settings, ou.dn);
			expect([...users.keys()].sort()).toEqual(created.map((event) => String(event.externalId)).sort());
			expect(users.size).toBeGreaterThan(PERSONS / 2);
			expect([...users.values()].every((user) => user.dn.endsWith(ou.usersOu))).toBe(true);

			expect(smtp.messages).toHaveLength(1);
			const [mail] = smtp.messages;
			expect(mail.to).toEqual(['it-admins@example.com']);
			expect(mail.subject).toMatch(new RegExp(`^Provisioning \\d{4}-\\d{2}-\\d{2}: ${String(enforced.done)} done, 0 failed$`));
			expect(mail.body).toContain(`HR import: ${PERSONS} persons, ${String(imported.joiners)} joiners, 0 movers, 0 leavers`);
			expect(mail.body).toContain(`<code>${String(plan.planId)}</code>`);
			expect(mail.body).toContain(`create ${String(created.length)} done`);
		}, 180_000);

		test('a plan over a threshold is not enforced: the admins get an approval e-mail, and approving it enforces the plan', async () => {
			const ou = await testOu();
			const vaultFile = await vaultWithRules('jml-blocked');
			const workflow = jmlPipeline(hr.url, ou);
			// A tiny threshold, so the first night's creates block the plan.
			nodeOf(workflow, 'Evaluate').parameters.thresholds = { threshold: [{ target: 'activeDirectory', action: 'create', max: 2 }] };
			const result = await runInN8n(workflow, credentials(vaultFile), { builtInNodesDir });

			expect(result.error).toBeUndefined();
			expect(result.status).toBe('waiting');
			expect(result.json('Evaluate', 0)).toEqual([]);
			const [blocked] = result.json('Evaluate', 1);
			expect(blocked).toMatchObject({ status: 'blocked' });
			expect(blocked.thresholds).toEqual([expect.objectContaining({ target: 'activeDirectory', action: 'create', max: 2 })]);
			// The run stops in the send-and-wait node, waiting for an answer for up to 20 hours.
			expect(Object.keys(result.nodes)).toContain('Ask for Approval');
			for (const node of after.slice(1)) expect(result.nodes[node]).toBeUndefined();
			const hours = ((result.run.waitTill as Date).getTime() - Date.now()) / 3_600_000;
			expect(hours).toBeGreaterThan(19.9);
			expect(hours).toBeLessThanOrEqual(20);

			expect(smtp.messages).toHaveLength(1);
			const [mail] = smtp.messages;
			expect(mail.to).toEqual(['it-admins@example.com']);
			expect(mail.subject).toBe(`Provisioning plan blocked: ${String(blocked.totalActions)} action(s) wait for your approval`);
			const breach = (blocked.thresholds as Array<{ message: string }>)[0].message;
			expect(mail.body).toContain(breach);
			const askNode = nodeOf(workflow, 'Ask for Approval');
			const links = [...mail.body.matchAll(/href="([^"]+)"[^>]*>([^<]+)</g)].map(([, href, label]) => ({ href, label }));
			const approve = links.find((link) => link.label === 'Approve and enforce');
			const decline = links.find((link) => link.label === 'Decline');
			// n8n's resume URL: the execution, then the waiting node.
			expect(approve?.href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:5678/webhook-waiting/[0-9a-f-]+/${askNode.id}\\?approved=true&signature=[0-9a-f]+$`));
			expect(decline?.href).toMatch(/\?approved=false&signature=/);

			// Nothing was written: the plan waits in the vault, the directory has no account.
			const vault = await openVault({ backend: 'sqlite', path: vaultFile });
			try {
				const row = await vault.db.selectFrom('plans').select(['status']).where('id', '=', String(blocked.planId)).executeTakeFirstOrThrow();
				expect(row.status).toBe('blocked');
			} finally {
				await vault.close();
			}
			expect((await adUsers(settings, ou.dn)).size).toBe(0);

			// Declining leaves it blocked ...
			const approved = new URL(approve!.href.replace(/&amp;/g, '&')).searchParams.get('approved') === 'true';
			const declined = await resumeWaitingRun(workflow, result.run, [{ data: { approved: false } }], { credentials: credentials(vaultFile), builtInNodesDir });
			expect(declined.status).toBe('success');
			expect(declined.ran('Approve Plan')).toBe(false);
			expect((await adUsers(settings, ou.dn)).size).toBe(0);

			// ... clicking Approve releases the plan and it is enforced, then the summary is mailed.
			smtp.messages.splice(0);
			const resumed = await resumeWaitingRun(workflow, result.run, [{ data: { approved, respondedAt: new Date().toISOString() } }], { credentials: credentials(vaultFile), builtInNodesDir });
			expect(resumed.error).toBeUndefined();
			expect(resumed.json('Approve Plan')).toEqual([expect.objectContaining({ planId: blocked.planId, status: 'approved', approvedBy: 'IT admin (approved by e-mail)' })]);
			const [enforced] = resumed.json('Enforce in Active Directory');
			expect(enforced).toMatchObject({ planId: blocked.planId, failed: 0, remaining: 0 });
			const created = resumed.json('Enforce in Active Directory', 1).filter((event) => event.event === 'accountCreated');
			expect((await adUsers(settings, ou.dn)).size).toBe(created.length);
			expect(created.length).toBeGreaterThan(2);
			expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringMatching(new RegExp(`: ${String(enforced.done)} done, 0 failed$`))]);
		}, 180_000);

		test('an HR export that lost most of the staff is held: nothing changes and the admins get a mail', async () => {
			const ou = await testOu();
			const vaultFile = await vaultWithRules('jml-held');
			const first = await runInN8n(jmlPipeline(hr.url, ou), credentials(vaultFile), { builtInNodesDir });
			expect(first.error).toBeUndefined();
			const accounts = await adUsers(settings, ou.dn);
			smtp.messages.splice(0);

			const truncated = await startHrExport(hr.rows.slice(0, 5));
			try {
				const result = await runInN8n(jmlPipeline(truncated.url, ou), credentials(vaultFile), { builtInNodesDir });
				expect(result.error).toBeUndefined();
				expect(result.json('Import HR', 0)).toEqual([]);
				const [held] = result.json('Import HR', 1);
				expect(held).toMatchObject({ status: 'held', holdReason: expect.stringMatching(/persons removed/) });
				for (const node of ['Aggregate Persons', 'Evaluate', 'Enforce in Active Directory', 'Mail Summary']) expect(result.nodes[node]).toBeUndefined();
				expect(smtp.messages).toHaveLength(1);
				expect(smtp.messages[0].subject).toBe(`HR import held: ${String(held.holdReason)}`);
				expect(smtp.messages[0].body).toContain(`Approve Held Import (Import ID ${String(held.importId)})`);
			} finally {
				await truncated.close();
			}
			const afterwards = await adUsers(settings, ou.dn);
			expect([...afterwards.values()].map((u) => [u.employeeID, u.enabled])).toEqual([...accounts.values()].map((u) => [u.employeeID, u.enabled]));
		}, 180_000);
	});
});
