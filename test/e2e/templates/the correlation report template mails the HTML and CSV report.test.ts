import type { IDataObject } from 'n8n-workflow';

import { runInN8n } from '../../harness';
import { describeWithAd, withAdClient, withTestOu, type TestOu } from '../../support/ad';
import { describeWithBuiltInNodes } from '../../support/builtInNodes';
import { startSmtpSink, type SmtpSink } from '../../support/smtpSink';
import { adCredential, adUsers, createRuleGroups, day1Rows, jmlPipeline, nodeOf, pointAtTestOu, startHrExport, template, vaultCredential, vaultWithRules } from './setup';

describeWithBuiltInNodes('the correlation report template (workflows/correlation-report.json)', (builtInNodesDir) => {
	describeWithAd('against Active Directory', (settings) => {
		let ou: TestOu;
		let smtp: SmtpSink;
		let vaultFile: string;
		let accounts: number;
		const handMade = `hand-${Date.now() % 1_000_000}`;
		beforeAll(async () => {
			ou = await withTestOu(settings);
			await createRuleGroups(settings, ou);
			smtp = await startSmtpSink();
			vaultFile = await vaultWithRules('correlation');
			// The nightly pipeline made everyone's account; then someone made one by hand.
			const hr = await startHrExport(day1Rows());
			try {
				const night = await runInN8n(jmlPipeline(hr.url, ou), [vaultCredential(vaultFile), adCredential(settings), smtp.credential()], { builtInNodesDir });
				if (night.error) throw new Error(night.error.message);
			} finally {
				await hr.close();
			}
			accounts = (await adUsers(settings, ou.dn)).size;
			await withAdClient(settings, async (client) => {
				await client.add(`CN=Hand Made,${ou.usersOu}`, { objectClass: ['top', 'person', 'organizationalPerson', 'user'], sAMAccountName: handMade, employeeID: 'not-in-hr' });
			});
		}, 180_000);
		afterAll(async () => {
			await smtp?.close();
			await ou?.dispose();
		});
		beforeEach(() => smtp.messages.splice(0));

		function configured() {
			const workflow = template('correlation-report.json');
			pointAtTestOu(nodeOf(workflow, 'Correlation Report'), ou);
			return workflow;
		}

		test('run now: the admins get the counts in the mail and the report attached as HTML and CSV', async () => {
			const result = await runInN8n(configured(), [vaultCredential(vaultFile), adCredential(settings), smtp.credential()], { builtInNodesDir });

			expect(result.error).toBeUndefined();
			const [report] = result.json('Correlation Report');
			const counts = report.counts as IDataObject;
			expect(counts).toMatchObject({ targetAccounts: accounts + 1, accountsWithoutPerson: 1, personsWithSeveralAccounts: 0, linkedAccountMissing: 0 });
			expect(counts.linked).toBe(accounts);

			expect(smtp.messages).toHaveLength(1);
			const [mail] = smtp.messages;
			expect(mail.to).toEqual(['it-admins@example.com']);
			expect(mail.subject).toBe(`Correlation report activeDirectory: ${String(counts.personsWithoutAccount)} without account, 1 accounts without person`);
			expect(mail.body).toContain(`${String(counts.correlated)} persons have their account`);
			const html = mail.attachment(/^correlation-activeDirectory-\d{4}-\d{2}-\d{2}\.html$/);
			const csv = mail.attachment(/^correlation-activeDirectory-\d{4}-\d{2}-\d{2}\.csv$/);
			expect(html?.contentType).toBe('text/html');
			expect(csv?.contentType).toBe('text/csv');
			expect(html!.text()).toContain(handMade);
			expect(csv!.text()).toContain(handMade);
			// Byte for byte what the node made.
			const binary = result.nodes['Correlation Report'].outputs[0][0].binary!;
			expect(html!.body.equals(Buffer.from(binary.report.data, 'base64'))).toBe(true);
			expect(csv!.body.equals(Buffer.from(binary.csv.data, 'base64'))).toBe(true);
		});

		test('the weekly schedule sends the same report', async () => {
			const result = await runInN8n(configured(), [vaultCredential(vaultFile), adCredential(settings), smtp.credential()], {
				builtInNodesDir,
				startNode: 'Every Monday at 07:00',
			});

			expect(result.error).toBeUndefined();
			expect(result.nodes['Run Now']).toBeUndefined();
			expect(smtp.messages).toHaveLength(1);
			expect(smtp.messages[0].subject).toMatch(/, 1 accounts without person$/);
			expect(smtp.messages[0].parts.filter((part) => part.filename).map((part) => part.contentType).sort()).toEqual(['text/csv', 'text/html']);
		});
	});
});
