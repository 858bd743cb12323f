import type { CorrelationAccount, CorrelationPerson, CorrelationReport } from '../../../lib/correlation';
import { renderCorrelationCsv, renderCorrelationReport } from '../../../lib/reports';
import { parseCsv } from './correlationFixtures';

const person = (externalId: string, name: string, active = true): CorrelationPerson => ({ id: `id-${externalId}`, externalId, name, source: 'HR', active });
const account = (ref: string, name: string, value?: string, enabled = true): CorrelationAccount => ({
	ref,
	name,
	enabled,
	container: 'OU=Staff',
	...(value === undefined ? {} : { value }),
});

/** Counts larger than the lists, as with maxItems. */
function report(): CorrelationReport {
	return {
		target: 'activeDirectory',
		createdAt: '2026-01-05T08:00:00.000Z',
		scope: 'activeContract',
		asOf: '2026-01-05',
		maxItems: 2,
		counts: {
			persons: 40,
			targetAccounts: 50,
			correlated: 30,
			linked: 20,
			matched: 10,
			personsWithoutAccount: 1,
			personsWithoutValue: 1,
			personsOutOfScope: 4,
			accountsWithoutPerson: 5,
			personsWithSeveralAccounts: 1,
			linkedAccountMissing: 1,
		},
		correlated: [
			{ person: person('E001', 'Anna Smith'), account: account('acc-1', 'a.smith', 'E001'), how: 'linked', personValue: 'E001', linkState: 'enabled' },
			{ person: person('E009', 'Frank Gone', false), account: account('acc-9', 'f.gone', 'E009', false), how: 'linked', linkState: 'disabled' },
		],
		personsWithoutAccount: [{ person: person('E002', 'Bob Jones'), personValue: 'E002' }],
		personsWithoutValue: [{ person: person('E003', 'Carla Blank') }],
		accountsWithoutPerson: [{ account: account('svc-1', 'svc-print') }, { account: account('acc-x', 'old.temp', 'E999', false) }],
		personsWithSeveralAccounts: [{ person: person('E004', 'Dirk Twice'), personValue: 'E004', accounts: [account('acc-4a', 'd.twice', 'E004'), account('acc-4b', 'd.twice2', 'e004')] }],
		linkedAccountMissing: [{ person: person('E005', 'Eva Missing'), accountRef: 'acc-5', accountName: 'e.missing', linkState: 'enabled', linkedAt: '2025-06-01T00:00:00.000Z' }],
	};
}

const section = (html: string, id: string) => html.match(new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`))?.[1] ?? '';
const cellRows = (html: string) =>
	[...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, ''))).filter((r) => r.length > 0);

test('the summary gives every category its full count and how many are listed', () => {
	const html = renderCorrelationReport(report());

	expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
	expect(html).toContain('<h1>Correlation report: activeDirectory</h1>');
	expect(html).toContain('<dt>Scope</dt><dd>persons with a contract running on 2026-01-05</dd>');
	expect(cellRows(section(html, 'summary'))).toEqual([
		['Correlated (20 linked, 10 matched)', '30', '2'],
		['Persons with several accounts', '1', '1'],
		['Linked accounts missing in the target', '1', '1'],
		['Persons without an account', '1', '1'],
		['Persons without a correlation value', '1', '1'],
		['Accounts without a person', '5', '2'],
	]);
	expect(section(html, 'summary')).toContain('4 persons without an account have no contract running on 2026-01-05');
});

test('each category has its own table with a search box, and says when entries were left out', () => {
	const html = renderCorrelationReport(report());

	const correlated = section(html, 'correlated');
	expect(correlated).toContain('<input class="search" type="search" data-table="table-correlated"');
	expect(correlated).toContain('Listing the first 2 of 30: 28 left out.');
	expect(cellRows(correlated)).toEqual([
		['Anna Smith', 'E001', 'E001', 'linked', 'a.smith', 'acc-1', 'yes', 'OU=Staff', ''],
		['Frank Gone', 'E009', '', 'linked', 'f.gone', 'acc-9', 'no', 'OU=Staff', 'The person left: no active HR record'],
	]);
	expect(cellRows(section(html, 'personsWithSeveralAccounts'))).toEqual([
		['Dirk Twice', 'E004', 'E004', 'd.twice', 'acc-4a', 'yes', 'OU=Staff'],
		['Dirk Twice', 'E004', 'E004', 'd.twice2', 'acc-4b', 'yes', 'OU=Staff'],
	]);
	expect(cellRows(section(html, 'linkedAccountMissing'))).toEqual([['Eva Missing', 'E005', 'e.missing', 'acc-5', 'enabled', 'Linked since 2025-06-01T00:00:00.000Z']]);
	expect(cellRows(section(html, 'accountsWithoutPerson'))).toEqual([
		['svc-print', 'svc-1', '', 'yes', 'OU=Staff'],
		['old.temp', 'acc-x', 'E999', 'no', 'OU=Staff'],
	]);
	expect(section(html, 'personsWithoutAccount')).not.toContain('left out');
});

test('an empty category says so instead of showing an empty table', () => {
	const empty = { ...report(), linkedAccountMissing: [], counts: { ...report().counts, linkedAccountMissing: 0 } };
	const html = renderCorrelationReport(empty);
	expect(section(html, 'linkedAccountMissing')).toContain('<p class="muted">None.</p>');
	expect(section(html, 'linkedAccountMissing')).not.toContain('<table');
});

test('the CSV has one row per person/account pair, with its category', () => {
	const rows = parseCsv(renderCorrelationCsv(report()));

	expect(rows[0]).toEqual([
		'Category',
		'How',
		'Person',
		'External ID',
		'Person ID',
		'Person correlation value',
		'Account',
		'Account ref',
		'Account correlation value',
		'Enabled',
		'Container',
		'Link state',
		'Note',
	]);
	expect(rows.slice(1).map((r) => `${r[0]} ${r[3]} ${r[7]}`)).toEqual([
		'correlated E001 acc-1',
		'correlated E009 acc-9',
		'personsWithSeveralAccounts E004 acc-4a',
		'personsWithSeveralAccounts E004 acc-4b',
		'linkedAccountMissing E005 acc-5',
		'personsWithoutAccount E002 ',
		'personsWithoutValue E003 ',
		'accountsWithoutPerson  svc-1',
		'accountsWithoutPerson  acc-x',
	]);
	expect(rows[1]).toEqual(['correlated', 'linked', 'Anna Smith', 'E001', 'id-E001', 'E001', 'a.smith', 'acc-1', 'E001', 'yes', 'OU=Staff', 'enabled', '']);
});
