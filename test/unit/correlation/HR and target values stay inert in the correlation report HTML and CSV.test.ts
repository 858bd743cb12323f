import { buildCorrelationReport, linkAccount, type CorrelationReport } from '../../../lib/correlation';
import { renderCorrelationCsv, renderCorrelationReport } from '../../../lib/reports';
import { forEachBackend, withVault } from '../../support/backends';
import { adAccount, FakeTargetConnector } from '../../support/fakeTargetConnector';
import { importStaff, parseCsv, personIdOf, staff } from './correlationFixtures';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(2)>';
const FORMULA = '=HYPERLINK("http://evil.test","x")';

/** A person and accounts whose HR and directory values are markup and spreadsheet formulas, one in every category. */
async function hostileReport(open: Parameters<Parameters<typeof forEachBackend>[0]>[0]) {
	return await withVault(open, async (vault) => {
		await importStaff(vault, [
			staff('E001', IMG, FORMULA, { employeeNumber: '@SUM(1+1)' }),
			staff('+31 6 1234', `O'Brien "Jr"`, SCRIPT, { employeeNumber: '-2+3' }),
			staff('E003', 'Several', 'Accounts', { employeeNumber: 'dup' }),
			staff('E004', 'No', 'Value'),
			staff('E005', 'Link', 'Missing', { employeeNumber: 'gone' }),
		]);
		await linkAccount(vault, {
			target: 'activeDirectory',
			personId: await personIdOf(vault, 'E005'),
			accountRef: '=cmd|x',
			account: adAccount('=cmd|x', SCRIPT, 'gone'),
		});
		const connector = new FakeTargetConnector(
			[
				adAccount('acc-1', SCRIPT, '@sum(1+1)', { container: '+OU=<b>Staff</b>' }),
				adAccount('acc-2', FORMULA, 'dup'),
				adAccount('acc-3', 'dup2', 'DUP'),
				adAccount('acc-4', IMG, '=1+1'),
			],
			{ personValue: (s) => s.person.custom.employeeNumber as string | undefined },
		);
		return await buildCorrelationReport(vault, connector);
	});
}

function allTexts(report: CorrelationReport): string[] {
	return JSON.stringify(report).match(/"(?:[^"\\]|\\.)*"/g)?.map((t) => JSON.parse(t) as string) ?? [];
}

forEachBackend((open) => {
	test('markup from HR or the directory is shown as text, never run', async () => {
		const report = await hostileReport(open);
		// Every category has an entry, so every table is rendered.
		expect(report.counts).toMatchObject({ correlated: 1, personsWithoutAccount: 2, personsWithoutValue: 1, accountsWithoutPerson: 1, personsWithSeveralAccounts: 1, linkedAccountMissing: 1 });
		const html = renderCorrelationReport(report);

		expect(html.match(/<script>/g)).toHaveLength(1); // only the report's own search script
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<b>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
		expect(html).toContain('O&#39;Brien &quot;Jr&quot;');
		expect(html).toContain('+OU=&lt;b&gt;Staff&lt;/b&gt;');
		// A title given by the workflow is escaped too.
		expect(renderCorrelationReport(report, { title: SCRIPT })).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
	});

	test('no CSV cell starts like a formula, and every value reads back as it was', async () => {
		const report = await hostileReport(open);
		const rows = parseCsv(renderCorrelationCsv(report));

		const cells = rows.slice(1).flat();
		expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
		const unquote = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
		const read = new Set(cells.map(unquote));
		for (const value of [SCRIPT, IMG, FORMULA, '@SUM(1+1)', '-2+3', '+31 6 1234', '=cmd|x', '+OU=<b>Staff</b>', '=1+1']) {
			expect(allTexts(report)).toContain(value);
			expect(read).toContain(value);
		}
		expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
	});
});
