import type { CorrelationCategory, CorrelationPerson, CorrelationReport } from '../correlation/correlationReport';
import { CORRELATION_CATEGORIES } from '../correlation/correlationReport';
import { csvRow, escapeHtml as h } from './escape';

export interface CorrelationReportRenderOptions {
	/** The page title and heading. Default "Correlation report: <target>". */
	title?: string;
}

/** One person/account pair as the tables and the CSV show it. */
interface Row {
	category: CorrelationCategory;
	how: string;
	person: string;
	externalId: string;
	personId: string;
	personValue: string;
	account: string;
	accountRef: string;
	accountValue: string;
	enabled: string;
	container: string;
	linkState: string;
	note: string;
}

type Column = { key: Exclude<keyof Row, 'category'>; label: string };

const COL = {
	how: { key: 'how', label: 'How' },
	person: { key: 'person', label: 'Person' },
	externalId: { key: 'externalId', label: 'External ID' },
	personId: { key: 'personId', label: 'Person ID' },
	personValue: { key: 'personValue', label: 'Person correlation value' },
	account: { key: 'account', label: 'Account' },
	accountRef: { key: 'accountRef', label: 'Account ref' },
	accountValue: { key: 'accountValue', label: 'Account correlation value' },
	enabled: { key: 'enabled', label: 'Enabled' },
	container: { key: 'container', label: 'Container' },
	linkState: { key: 'linkState', label: 'Link state' },
	note: { key: 'note', label: 'Note' },
} satisfies Record<string, Column>;

/** What each category means and what to do about it; the columns its table shows. */
const CATEGORY: Record<CorrelationCategory, { title: string; help: string; columns: Column[] }> = {
	correlated: {
		title: 'Correlated',
		help: 'Person and account belong together: linked in the vault, or matched by the correlation value (the next enforcement links a match). Nothing to do unless a note says otherwise.',
		columns: [COL.person, COL.externalId, COL.personValue, COL.how, COL.account, COL.accountRef, COL.enabled, COL.container, COL.note],
	},
	personsWithSeveralAccounts: {
		title: 'Persons with several accounts',
		help: 'More than one account carries the person’s correlation value, so enforcement cannot choose and reports an error. Link the right account to the person, and clear or correct the value on the others.',
		columns: [COL.person, COL.externalId, COL.personValue, COL.account, COL.accountRef, COL.enabled, COL.container],
	},
	linkedAccountMissing: {
		title: 'Linked accounts missing in the target',
		help: 'The vault links the person to an account the target no longer lists (deleted by hand, or moved out of the connector’s scope). Restore the account or bring it back in scope, or unlink it so a new one can be created.',
		columns: [COL.person, COL.externalId, COL.account, COL.accountRef, COL.linkState, COL.note],
	},
	personsWithoutAccount: {
		title: 'Persons without an account',
		help: 'No account carries the person’s correlation value. Enforcement creates one when a business rule gives the person an account; if the person already has one, fill in its correlation attribute or link it.',
		columns: [COL.person, COL.externalId, COL.personValue],
	},
	personsWithoutValue: {
		title: 'Persons without a correlation value',
		help: 'The person has no value to correlate by (e.g. no employee number), so no account can be found for them. Fill in the value in HR, or link the account by hand.',
		columns: [COL.person, COL.externalId, COL.personId],
	},
	accountsWithoutPerson: {
		title: 'Accounts without a person',
		help: 'No person is linked to the account or matches its correlation value: service and admin accounts, leavers from before provisioning, or accounts with a wrong value. Correct the value or link the account to its person; disable or delete accounts nobody needs.',
		columns: [COL.account, COL.accountRef, COL.accountValue, COL.enabled, COL.container],
	},
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const leftNote = (person: CorrelationPerson) => (person.active ? '' : 'The person left: no active HR record');
const joinNotes = (...notes: Array<string | undefined>) => notes.filter(Boolean).join('; ');

function emptyRow(category: CorrelationCategory): Row {
	return {
		category,
		how: '',
		person: '',
		externalId: '',
		personId: '',
		personValue: '',
		account: '',
		accountRef: '',
		accountValue: '',
		enabled: '',
		container: '',
		linkState: '',
		note: '',
	};
}

function personCells(person: CorrelationPerson, personValue?: string) {
	return { person: person.name, externalId: person.externalId, personId: person.id, personValue: personValue ?? '' };
}

/** Every listed entry of the report as rows, category by category. */
function rowsOf(report: CorrelationReport, category: CorrelationCategory): Row[] {
	switch (category) {
		case 'correlated':
			return report.correlated.map((e) => ({
				...emptyRow(category),
				...personCells(e.person, e.personValue),
				how: e.how,
				account: e.account.name,
				accountRef: e.account.ref,
				accountValue: e.account.value ?? '',
				enabled: yesNo(e.account.enabled),
				container: e.account.container ?? '',
				linkState: e.linkState ?? '',
				note: joinNotes(e.note, leftNote(e.person)),
			}));
		case 'personsWithSeveralAccounts':
			return report.personsWithSeveralAccounts.flatMap((e) =>
				e.accounts.map((a) => ({
					...emptyRow(category),
					...personCells(e.person, e.personValue),
					account: a.name,
					accountRef: a.ref,
					accountValue: a.value ?? '',
					enabled: yesNo(a.enabled),
					container: a.container ?? '',
				})),
			);
		case 'linkedAccountMissing':
			return report.linkedAccountMissing.map((e) => ({
				...emptyRow(category),
				...personCells(e.person),
				account: e.accountName ?? '',
				accountRef: e.accountRef,
				linkState: e.linkState,
				note: joinNotes(`Linked since ${e.linkedAt}`, leftNote(e.person)),
			}));
		case 'personsWithoutAccount':
		case 'personsWithoutValue':
			return report[category].map((e) => ({ ...emptyRow(category), ...personCells(e.person, e.personValue) }));
		case 'accountsWithoutPerson':
			return report.accountsWithoutPerson.map(({ account: a }) => ({
				...emptyRow(category),
				account: a.name,
				accountRef: a.ref,
				accountValue: a.value ?? '',
				enabled: yesNo(a.enabled),
				container: a.container ?? '',
			}));
	}
}

function countOf(report: CorrelationReport, category: CorrelationCategory): number {
	return report.counts[category];
}

function shownOf(report: CorrelationReport, category: CorrelationCategory): number {
	return report[category].length;
}

function headerSection(report: CorrelationReport, title: string): string {
	const facts: Array<[string, unknown]> = [
		['Target', report.target],
		['Created', report.createdAt],
		['Scope', report.scope === 'activeContract' ? `persons with a contract running on ${report.asOf}` : 'every active person'],
		['Persons', report.counts.persons],
		['Accounts in the target', report.counts.targetAccounts],
	];
	return `<h1>${h(title)}</h1><dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`;
}

function summarySection(report: CorrelationReport): string {
	const { counts } = report;
	const rows = CORRELATION_CATEGORIES.map((category) => {
		const detail = category === 'correlated' ? ` (${counts.linked} linked, ${counts.matched} matched)` : '';
		return `<tr><td><a href="#${category}">${h(CATEGORY[category].title)}</a>${h(detail)}</td><td class="num">${h(countOf(report, category))}</td><td class="num">${h(shownOf(report, category))}</td></tr>`;
	}).join('');
	const outOfScope = counts.personsOutOfScope
		? `<p class="muted">${h(counts.personsOutOfScope)} persons without an account have no contract running on ${h(report.asOf)}: out of scope, not listed.</p>`
		: '';
	return `<section id="summary"><h2>Summary</h2><table class="counts"><thead><tr><th>Category</th><th>Count</th><th>Listed</th></tr></thead><tbody>${rows}</tbody></table>${outOfScope}</section>`;
}

function categorySection(report: CorrelationReport, category: CorrelationCategory): string {
	const { title, help, columns } = CATEGORY[category];
	const rows = rowsOf(report, category);
	const total = countOf(report, category);
	const shown = shownOf(report, category);
	const left = total - shown;
	const head = `<h2>${h(title)}: ${h(total)}</h2><p class="help">${h(help)}</p>`;
	if (rows.length === 0) return `<section id="${category}">${head}<p class="muted">None.</p></section>`;
	const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${h(r[c.key])}</td>`).join('')}</tr>`).join('\n');
	return (
		`<section id="${category}">${head}` +
		`<p><input class="search" type="search" data-table="table-${category}" data-count="count-${category}" placeholder="Search…" aria-label="Search ${h(title)}"> <span id="count-${category}">${rows.length} shown</span></p>` +
		(left > 0 ? `<p class="warning">Listing the first ${h(shown)} of ${h(total)}: ${h(left)} left out. Raise the report's maximum items to see them all.</p>` : '') +
		`<table id="table-${category}"><thead><tr>${columns.map((c) => `<th>${h(c.label)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></section>`
	);
}

// The evaluation report's look, so both read alike.
const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right}.muted{color:#656d76}.warning{color:#9a6700}.help{max-width:60rem}
input.search{width:24rem;padding:.3rem}`;

// Fixed code: no HR or target data is ever put into the script.
const SEARCH_SCRIPT = `(function(){var boxes=document.querySelectorAll('input.search');for(var b=0;b<boxes.length;b++){(function(box){
var rows=document.getElementById(box.getAttribute('data-table')).querySelectorAll('tbody tr');var count=document.getElementById(box.getAttribute('data-count'));
box.addEventListener('input',function(){var q=box.value.trim().toLowerCase();var n=0;for(var i=0;i<rows.length;i++){var hit=!q||rows[i].textContent.toLowerCase().indexOf(q)>=0;rows[i].hidden=!hit;if(hit)n++;}count.textContent=n+' shown';});})(boxes[b]);}})();`;

/**
 * The correlation report as one self-contained HTML document (inline CSS and a search
 * script, nothing loaded from elsewhere): the counts, then one searchable table per category.
 */
export function renderCorrelationReport(report: CorrelationReport, options: CorrelationReportRenderOptions = {}): string {
	const title = options.title?.trim() || `Correlation report: ${report.target}`;
	const sections = [headerSection(report, title), summarySection(report), ...CORRELATION_CATEGORIES.map((c) => categorySection(report, c))];
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title><style>${STYLE}</style></head>
<body>
${sections.join('\n')}
<script>${SEARCH_SCRIPT}</script>
</body></html>
`;
}

const CSV_COLUMNS: Array<{ key: keyof Row; label: string }> = [
	{ key: 'category', label: 'Category' },
	COL.how,
	COL.person,
	COL.externalId,
	COL.personId,
	COL.personValue,
	COL.account,
	COL.accountRef,
	COL.accountValue,
	COL.enabled,
	COL.container,
	COL.linkState,
	COL.note,
];

/**
 * The listed entries as CSV (RFC 4180, CRLF line ends), one row per person/account pair with
 * its category; cells a spreadsheet would run as formulas stay text. Holds what the report
 * lists: build it with a large enough maxItems for a complete export.
 */
export function renderCorrelationCsv(report: CorrelationReport): string {
	const lines = [csvRow(CSV_COLUMNS.map((c) => c.label))];
	for (const category of CORRELATION_CATEGORIES) {
		for (const row of rowsOf(report, category)) lines.push(csvRow(CSV_COLUMNS.map((c) => row[c.key])));
	}
	return lines.join('\r\n') + '\r\n';
}
