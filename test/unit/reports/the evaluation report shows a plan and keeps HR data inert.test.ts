import type { ThresholdBreach } from '../../../lib/evaluation';
import { renderActionsCsv, renderEvaluationReport } from '../../../lib/reports';
import { openVault } from '../../../lib/vault';
import type { Vault } from '../../../lib/vault/types';
import { addPlan, addRuleSet, FORMULA_NAME, HOSTILE_NAME, seedReportVault } from './reportFixtures';

/** RFC 4180 parser, enough to read the report's CSV back. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const endCell = () => {
		row.push(cell);
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') endCell();
		else if (c === '\r' && text[i + 1] === '\n') {
			endCell();
			rows.push(row);
			row = [];
			i++;
		} else cell += c;
	}
	if (cell || row.length) {
		endCell();
		rows.push(row);
	}
	return rows;
}

const section = (html: string, id: string) => html.match(new RegExp(`<section[^>]* id="${id}">([\\s\\S]*?)</section>`))?.[1] ?? '';
const tableRows = (html: string) => [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1])).filter((cells) => cells.length > 0);
const listItems = (cell: string) => [...cell.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]);

const BREACH: ThresholdBreach = {
	target: 'activeDirectory',
	action: 'disable',
	count: 1,
	managedAccounts: 2,
	maxPercent: 10,
	percent: 50,
	message: 'activeDirectory: 1 disable (50% of 2 accounts) is over the limit of 10%',
};

describe('the evaluation report', () => {
	let vault: Vault;
	beforeEach(async () => {
		vault = await openVault({ backend: 'sqlite', path: ':memory:' });
	});
	afterEach(async () => await vault.close());

	test('names the plan, its as-of date, rule set version and status, and counts actions per target and kind', async () => {
		const actions = await seedReportVault(vault);
		const html = await renderEvaluationReport(vault, 'plan-v2');

		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(html).toContain('<h1>Evaluation report: plan plan-v2</h1>');
		expect(html).toContain('<dt>As-of date</dt><dd>2026-03-01</dd>');
		expect(html).toContain('<dt>Rule set</dt><dd>version 2 (published)</dd>');
		expect(html).toContain('<dt>Status</dt><dd>ready</dd>');
		expect(html).toContain(`<dt>Actions</dt><dd>${actions.length}</dd>`);

		const counts = tableRows(section(html, 'summary'));
		const headers = [...section(html, 'summary').matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);
		for (const target of ['activeDirectory', 'entraId']) {
			const row = counts.find((cells) => cells[0] === target);
			for (const kind of ['create', 'grant', 'disable']) {
				const expected = actions.filter((a) => a.target === target && a.action === kind).length;
				expect(row?.[headers.indexOf(kind)]).toBe(String(expected));
			}
		}
		// One bar per target and kind that has actions.
		expect(section(html, 'summary').match(/<rect /g)).toHaveLength(4);
	});

	test('charts the joiners, movers and leavers of the plan’s snapshot', async () => {
		await seedReportVault(vault);
		const changes = section(await renderEvaluationReport(vault, 'plan-v2'), 'changes');
		expect(changes).toContain('snapshot snap-1');
		const bars = [...changes.matchAll(/text-anchor="end">([^<]*)<\/text>[\s\S]*?<text [^>]*>(\d+)<\/text>/g)].map((m) => [m[1], m[2]]);
		expect(Object.fromEntries(bars)).toEqual({ joiner: '3', mover: '1', leaver: '1', rehire: '0', attributeChange: '0' });
	});

	test('a blocked plan shows each threshold it broke in a red box; a ready plan has none', async () => {
		await seedReportVault(vault, { status: 'blocked', breaches: [BREACH] });
		const blocked = await renderEvaluationReport(vault, 'plan-v2');
		expect(section(blocked, 'blocked')).toContain('Blocked by thresholds');
		expect(section(blocked, 'blocked')).toContain(BREACH.message);
		expect(section(blocked, 'blocked')).toContain('max 10%');

		const other = await openVault({ backend: 'sqlite', path: ':memory:' });
		try {
			await seedReportVault(other);
			const ready = await renderEvaluationReport(other, 'plan-v2');
			expect(ready).not.toContain('id="blocked"');
			expect(ready).not.toContain('Blocked by thresholds');
		} finally {
			await other.close();
		}
	});

	test('hostile names and reasons are escaped everywhere, and the only script is the search box’s', async () => {
		await seedReportVault(vault);
		const html = await renderEvaluationReport(vault, 'plan-v2');
		expect(html).not.toContain(HOSTILE_NAME);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('O&#39;Brien, Jr. (Sales)*');
		expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
		expect(html).toContain('#Müller\\');
		expect(html.match(/<script/g)).toHaveLength(1);
		expect(html).toContain('<input id="search" type="search"');
		expect(html).toContain("getElementById('search')");
		expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
	});

	test('the action table lists every action with person and reason, and per-person detail groups them', async () => {
		const actions = await seedReportVault(vault);
		const html = await renderEvaluationReport(vault, 'plan-v2');
		const rows = tableRows(section(html, 'actions-section'));
		expect(rows).toHaveLength(actions.length);
		expect(rows[0]).toEqual(['Anna de Vries', 'E001', 'activeDirectory', 'create', 'activeDirectory', 'Rule &#39;Staff&#39; (contract C-p1)', '2026-03-01', 'pending']);
		expect(html).not.toContain('id="left-out"');

		const details = [...section(html, 'persons').matchAll(/<details class="person"><summary>([^<]*)<\/summary>/g)].map((m) => m[1]);
		expect(details).toEqual([
			'Anna de Vries (E001): 3 actions',
			'&lt;script&gt;alert(1)&lt;/script&gt; (E002): 2 actions',
			'=HYPERLINK(&quot;http://x&quot;) (+31 6 1234): 2 actions',
			'O&#39;Brien, Jr. (Sales)* (E004): 1 action',
		]);
	});

	test('Max Rows caps the table and says how many actions were left out', async () => {
		const actions = await seedReportVault(vault);
		const html = await renderEvaluationReport(vault, 'plan-v2', { maxRows: 3 });
		expect(tableRows(section(html, 'actions-section'))).toHaveLength(3);
		expect(html).toContain(`Showing the first 3 of ${actions.length} actions: ${actions.length - 3} left out`);
		await expect(renderEvaluationReport(vault, 'plan-v2', { maxRows: -1 })).rejects.toThrow('Max rows must be a whole number');
	});

	test('compared with a plan of another rule version, lists per person the entitlements gained and lost', async () => {
		await seedReportVault(vault);
		await addRuleSet(vault, 'rules-v1', 1);
		await addPlan(vault, { id: 'plan-v1', ruleSetId: 'rules-v1' }, [
			{ person: 'p1', target: 'activeDirectory', action: 'create', name: 'activeDirectory' },
			{ person: 'p1', target: 'activeDirectory', action: 'grant', name: 'GRP-Sales' },
			{ person: 'p1', target: 'activeDirectory', action: 'grant', name: 'GRP-Finance' },
			{ person: 'p2', target: 'activeDirectory', action: 'create', name: 'activeDirectory' },
			{ person: 'p2', target: 'activeDirectory', action: 'grant', name: '#Müller\\' },
			{ person: 'p4', target: 'activeDirectory', action: 'grant', name: 'GRP-Old' },
			// A revoke is no entitlement the person has.
			{ person: 'p2', target: 'activeDirectory', action: 'revoke', name: 'GRP-Gone' },
		]);
		const html = await renderEvaluationReport(vault, 'plan-v2', { compareWith: 'plan-v1' });
		const compare = section(html, 'compare');
		expect(compare).toContain('rule set version 2');
		expect(compare).toContain('plan plan-v1 (rule set version 1)');
		const byPerson = Object.fromEntries(tableRows(compare).map((cells) => [cells[0], { gains: listItems(cells[2]), loses: listItems(cells[3]) }]));
		expect(byPerson).toEqual({
			'Anna de Vries': { gains: ['entraId: License E3'], loses: ['activeDirectory: GRP-Finance'] },
			'=HYPERLINK(&quot;http://x&quot;)': { gains: ['activeDirectory: account', 'activeDirectory: GRP-Sales'], loses: [] },
			'O&#39;Brien, Jr. (Sales)*': { gains: [], loses: ['activeDirectory: GRP-Old'] },
		});
	});

	test('without Compare With there is no compare section, and an unknown plan is an error naming it', async () => {
		await seedReportVault(vault);
		expect(await renderEvaluationReport(vault, 'plan-v2')).not.toContain('id="compare"');
		await expect(renderEvaluationReport(vault, 'plan-v2', { compareWith: 'plan-x' })).rejects.toThrow("Plan 'plan-x' does not exist in this vault");
		await expect(renderActionsCsv(vault, 'nope')).rejects.toThrow("Plan 'nope' does not exist in this vault");
	});
});

describe('the actions CSV', () => {
	let vault: Vault;
	beforeEach(async () => {
		vault = await openVault({ backend: 'sqlite', path: ':memory:' });
	});
	afterEach(async () => await vault.close());

	test('has a header and one row per action, with formulas kept as text', async () => {
		const actions = await seedReportVault(vault);
		const csv = await renderActionsCsv(vault, 'plan-v2');
		const rows = parseCsv(csv);
		expect(rows[0]).toEqual(['Person', 'External ID', 'Target', 'Action', 'Entitlement', 'Reason', 'Due date', 'Status']);
		expect(rows).toHaveLength(actions.length + 1);
		expect(rows.slice(1).map((r) => r[3])).toEqual(actions.map((a) => a.action));
		expect(rows[1]).toEqual(['Anna de Vries', 'E001', 'activeDirectory', 'create', 'activeDirectory', "Rule 'Staff' (contract C-p1)", '2026-03-01', 'pending']);

		const formula = rows.find((r) => r[3] === 'create' && r[1] === "'+31 6 1234");
		expect(formula?.[0]).toBe(`'${FORMULA_NAME}`);
		expect(formula?.[5]).toBe(`'@SUM(A1:A9) "quoted"\nsecond line`);
		expect(rows.find((r) => r[4] === '#Müller\\')?.[0]).toBe(HOSTILE_NAME);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(csv).toContain(`"O'Brien, Jr. (Sales)*"`);
	});
});
