import { getPlan, parseEntitlement, PlanError, type EvaluationResult } from '../evaluation';
import { inChunks } from '../vault/inChunks';
import type { Vault } from '../vault/types';
import { csvRow, escapeHtml as h } from './escape';

export interface EvaluationReportOptions {
	/** Another plan's id: the report lists, per person, the entitlements one plan gives and the other does not. */
	compareWith?: string;
	/** Most actions in the table and the per-person detail. Default 10,000. */
	maxRows?: number;
}

/** One action with the person it is for, as the table and the CSV show it. */
interface ReportRow {
	seq: number;
	personId: string;
	personName: string;
	externalId: string;
	target: string;
	action: string;
	entitlement: string;
	reason: string;
	dueDate: string;
	status: string;
}

const PAGE = 1000;
const DEFAULT_MAX_ROWS = 10_000;
const CHANGE_KINDS = ['joiner', 'mover', 'leaver', 'rehire', 'attributeChange'];
const COLUMNS = ['Person', 'External ID', 'Target', 'Action', 'Entitlement', 'Reason', 'Due date', 'Status'];

const rowValues = (r: ReportRow) => [r.personName, r.externalId, r.target, r.action, r.entitlement, r.reason, r.dueDate, r.status];

async function personNames(vault: Vault, ids: Iterable<string>): Promise<Map<string, { name: string; externalId: string }>> {
	const rows = await inChunks(new Set(ids), (chunk) =>
		vault.db.selectFrom('persons').select(['id', 'display_name', 'external_id']).where('id', 'in', chunk).execute(),
	);
	return new Map(rows.map((row) => [row.id, { name: row.display_name, externalId: row.external_id }]));
}

/** A plan's actions in seq order, read a page at a time, at most `limit`. */
async function* actionRows(vault: Vault, planId: string, limit = Infinity): AsyncGenerator<ReportRow> {
	let after = -Infinity;
	let given = 0;
	while (given < limit) {
		let query = vault.db
			.selectFrom('plan_actions')
			.select(['seq', 'person_id', 'target', 'action', 'entitlement', 'reason', 'due_date', 'status'])
			.where('plan_id', '=', planId)
			.orderBy('seq')
			.limit(Math.min(PAGE, limit - given));
		if (after !== -Infinity) query = query.where('seq', '>', after);
		const page = await query.execute();
		if (page.length === 0) return;
		const names = await personNames(
			vault,
			page.map((row) => row.person_id),
		);
		for (const row of page) {
			const person = names.get(row.person_id);
			yield {
				seq: Number(row.seq),
				personId: row.person_id,
				personName: person?.name ?? '',
				externalId: person?.externalId ?? '',
				target: row.target,
				action: row.action,
				entitlement: parseEntitlement(row.entitlement)?.name ?? '',
				reason: row.reason,
				dueDate: row.due_date,
				status: row.status,
			};
		}
		given += page.length;
		after = Number(page[page.length - 1].seq);
		if (page.length < PAGE) return;
	}
}

/** How many actions a plan has. */
export async function countPlanActions(vault: Vault, planId: string): Promise<number> {
	const row = await vault.db
		.selectFrom('plan_actions')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('plan_id', '=', planId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Horizontal bar chart as inline SVG; labels escaped like any other HR or vault text. */
function barChart(title: string, bars: ReadonlyArray<{ label: string; value: number }>): string {
	if (bars.length === 0) return `<p class="muted">${h(title)}: nothing to show.</p>`;
	const rowHeight = 22;
	const labelWidth = 240;
	const barWidth = 360;
	const max = Math.max(1, ...bars.map((b) => b.value));
	const height = bars.length * rowHeight + 10;
	const rows = bars
		.map((bar, i) => {
			const y = i * rowHeight + 5;
			const width = Math.round((bar.value / max) * barWidth);
			return (
				`<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${h(bar.label)}</text>` +
				`<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 6}" class="bar"></rect>` +
				`<text x="${labelWidth + width + 6}" y="${y + 15}">${bar.value}</text>`
			);
		})
		.join('');
	return `<svg class="chart" role="img" aria-label="${h(title)}" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">${rows}</svg>`;
}

function headerSection(plan: EvaluationResult, totalActions: number): string {
	const facts: Array<[string, unknown]> = [
		['Plan', plan.planId],
		['Status', plan.status + (plan.preview ? ' (preview)' : '')],
		['As-of date', plan.asOf],
		['Rule set', `version ${plan.ruleSet.version} (${plan.ruleSet.status})`],
		['Created', plan.createdAt],
		['Persons', plan.summary.persons],
		['Persons affected', plan.summary.personsAffected],
		['Blocked persons', plan.summary.blocked],
		['Excluded persons', plan.summary.excluded],
		['Actions', totalActions],
	];
	if (plan.approvedBy) facts.push(['Approved by', `${plan.approvedBy} at ${plan.approvedAt ?? ''}`]);
	return `<h1>Evaluation report: plan ${h(plan.planId)}</h1><dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`;
}

function blockedSection(plan: EvaluationResult): string {
	if (plan.status !== 'blocked') return '';
	const items = plan.thresholds
		.map((b) => {
			const limit = [b.max !== undefined ? `max ${b.max}` : '', b.maxPercent !== undefined ? `max ${b.maxPercent}%` : ''].filter(Boolean).join(', ');
			return `<li><strong>${h(b.target)} / ${h(b.action)}</strong>: ${h(b.count)} actions${limit ? ` (${h(limit)})` : ''}, ${h(b.managedAccounts)} managed accounts. ${h(b.message)}</li>`;
		})
		.join('');
	return `<section class="blocked" id="blocked"><h2>Blocked by thresholds</h2><p>This plan is not enforced until an admin approves it.</p><ul>${items}</ul></section>`;
}

function summarySection(plan: EvaluationResult): string {
	const counts = plan.summary.actions;
	const targets = Object.keys(counts).sort();
	const kinds = [...new Set(targets.flatMap((t) => Object.keys(counts[t])))];
	const table =
		`<table class="counts"><thead><tr><th>Target</th>${kinds.map((k) => `<th>${h(k)}</th>`).join('')}<th>Total</th></tr></thead><tbody>` +
		targets
			.map((t) => {
				const row = counts[t] as Record<string, number | undefined>;
				const total = kinds.reduce((sum, k) => sum + (row[k] ?? 0), 0);
				return `<tr><td>${h(t)}</td>${kinds.map((k) => `<td class="num">${h(row[k] ?? 0)}</td>`).join('')}<td class="num">${total}</td></tr>`;
			})
			.join('') +
		'</tbody></table>';
	const bars = targets.flatMap((t) =>
		kinds.filter((k) => (counts[t] as Record<string, number | undefined>)[k]).map((k) => ({ label: `${t} · ${k}`, value: (counts[t] as Record<string, number>)[k] })),
	);
	return `<section id="summary"><h2>Actions per target and kind</h2>${targets.length ? table : '<p class="muted">The plan has no actions.</p>'}${barChart('Actions per target and kind', bars)}</section>`;
}

async function changesSection(vault: Vault, snapshotId: string | null): Promise<string> {
	if (!snapshotId) return '<section id="changes"><h2>Changes in the snapshot</h2><p class="muted">The plan names no snapshot.</p></section>';
	const rows = await vault.db
		.selectFrom('person_changes')
		.select(['kind', (eb) => eb.fn.countAll().as('n')])
		.where('snapshot_id', '=', snapshotId)
		.groupBy('kind')
		.execute();
	const counts = new Map(rows.map((r) => [r.kind, Number(r.n)]));
	const kinds = [...CHANGE_KINDS, ...[...counts.keys()].filter((k) => !CHANGE_KINDS.includes(k) && k !== 'unchanged').sort()];
	const bars = kinds.map((kind) => ({ label: kind, value: counts.get(kind) ?? 0 }));
	return `<section id="changes"><h2>Changes in snapshot ${h(snapshotId)}</h2>${barChart('Joiners, movers, leavers, rehires and attribute changes', bars)}</section>`;
}

function actionsSection(rows: readonly ReportRow[], total: number): string {
	const left = total - rows.length;
	const body = rows.map((r) => `<tr>${rowValues(r).map((v) => `<td>${h(v)}</td>`).join('')}</tr>`).join('\n');
	return (
		`<section id="actions-section"><h2>Actions</h2>` +
		`<p><input id="search" type="search" placeholder="Search person, target, entitlement, reason…" aria-label="Search actions"> <span id="search-count">${rows.length} shown</span></p>` +
		(left > 0 ? `<p class="warning" id="left-out">Showing the first ${rows.length} of ${total} actions: ${left} left out. Use the CSV for all of them.</p>` : '') +
		`<table id="actions"><thead><tr>${COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></section>`
	);
}

function personsSection(rows: readonly ReportRow[]): string {
	const byPerson = new Map<string, ReportRow[]>();
	for (const row of rows) {
		const list = byPerson.get(row.personId) ?? [];
		list.push(row);
		byPerson.set(row.personId, list);
	}
	const blocks = [...byPerson.values()].map((list) => {
		const p = list[0];
		const items = list
			.map((r) => `<li><strong>${h(r.target)}</strong> ${h(r.action)} ${h(r.entitlement)}: ${h(r.reason)} (due ${h(r.dueDate)}, ${h(r.status)})</li>`)
			.join('');
		return `<details class="person"><summary>${h(p.personName || p.personId)} (${h(p.externalId)}): ${list.length} action${list.length === 1 ? '' : 's'}</summary><ul>${items}</ul></details>`;
	});
	return `<section id="persons"><h2>Per person</h2>${blocks.join('\n') || '<p class="muted">No person is affected.</p>'}</section>`;
}

/** Entitlements (create and grant actions) of a plan per person: target + entitlement key → label. */
async function givenEntitlements(vault: Vault, planId: string): Promise<Map<string, Map<string, string>>> {
	const rows = await vault.db
		.selectFrom('plan_actions')
		.select(['person_id', 'target', 'entitlement'])
		.where('plan_id', '=', planId)
		.where('action', 'in', ['create', 'grant'])
		.execute();
	const byPerson = new Map<string, Map<string, string>>();
	for (const row of rows) {
		const entitlement = parseEntitlement(row.entitlement);
		const key = `${row.target}\u0000${entitlement?.key ?? ''}`;
		const label = `${row.target}: ${entitlement?.type === 'account' ? 'account' : entitlement?.name || entitlement?.key || '(unnamed)'}`;
		const map = byPerson.get(row.person_id) ?? new Map<string, string>();
		map.set(key, label);
		byPerson.set(row.person_id, map);
	}
	return byPerson;
}

const byText = (a: string, b: string) => a.localeCompare(b);

async function compareSection(vault: Vault, plan: EvaluationResult, other: EvaluationResult): Promise<string> {
	const mine = await givenEntitlements(vault, plan.planId);
	const theirs = await givenEntitlements(vault, other.planId);
	const persons = new Set([...mine.keys(), ...theirs.keys()]);
	const differences: Array<{ personId: string; gains: string[]; loses: string[] }> = [];
	for (const personId of persons) {
		const a = mine.get(personId) ?? new Map<string, string>();
		const b = theirs.get(personId) ?? new Map<string, string>();
		const gains = [...a].filter(([k]) => !b.has(k)).map(([, label]) => label);
		const loses = [...b].filter(([k]) => !a.has(k)).map(([, label]) => label);
		if (gains.length || loses.length) differences.push({ personId, gains: gains.sort(byText), loses: loses.sort(byText) });
	}
	const names = await personNames(
		vault,
		differences.map((d) => d.personId),
	);
	differences.sort((x, y) => (names.get(x.personId)?.name ?? x.personId).localeCompare(names.get(y.personId)?.name ?? y.personId));
	const intro =
		`<p>Plan ${h(plan.planId)} (rule set version ${h(plan.ruleSet.version)}) compared with plan ${h(other.planId)} (rule set version ${h(other.ruleSet.version)}): ` +
		`<em>gains</em> are accounts and permissions this plan creates or grants and the other does not; <em>loses</em> the other way round.</p>`;
	const rows = differences
		.map((d) => {
			const person = names.get(d.personId);
			const list = (labels: string[], cls: string) => (labels.length ? `<ul class="${cls}">${labels.map((l) => `<li>${h(l)}</li>`).join('')}</ul>` : '');
			return `<tr><td>${h(person?.name ?? d.personId)}</td><td>${h(person?.externalId ?? '')}</td><td>${list(d.gains, 'gains')}</td><td>${list(d.loses, 'loses')}</td></tr>`;
		})
		.join('\n');
	return (
		`<section id="compare"><h2>Compared with plan ${h(other.planId)}</h2>${intro}` +
		(differences.length
			? `<table class="compare"><thead><tr><th>Person</th><th>External ID</th><th>Gains</th><th>Loses</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
			: '<p class="muted">Both plans create and grant the same entitlements.</p>') +
		'</section>'
	);
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right}.muted{color:#656d76}.warning{color:#9a6700}
.blocked{border:2px solid #cf222e;background:#ffebe9;padding:.5rem 1rem;border-radius:6px}.blocked h2{color:#cf222e;border:0;margin-top:.5rem}
.chart text{font-size:12px;fill:#1f2328}.chart .bar{fill:#0969da}#search{width:24rem;padding:.3rem}
details.person{margin:.2rem 0}ul.gains li{color:#1a7f37}ul.loses li{color:#cf222e}`;

// Fixed code: no HR data is ever put into the script.
const SEARCH_SCRIPT = `(function(){var box=document.getElementById('search');var rows=document.querySelectorAll('#actions tbody tr');var count=document.getElementById('search-count');
box.addEventListener('input',function(){var q=box.value.trim().toLowerCase();var n=0;for(var i=0;i<rows.length;i++){var hit=!q||rows[i].textContent.toLowerCase().indexOf(q)>=0;rows[i].hidden=!hit;if(hit)n++;}count.textContent=n+' shown';});})();`;

function maxRowsOf(options: EvaluationReportOptions): number {
	const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
	if (!Number.isInteger(maxRows) || maxRows < 0) throw new PlanError(`Max rows must be a whole number of at least 0, got ${maxRows}`);
	return maxRows;
}

/**
 * One self-contained HTML document about a stored plan (inline CSS, SVG charts and a search
 * script; nothing loaded from elsewhere), to open in a browser or attach to a mail.
 */
export async function renderEvaluationReport(vault: Vault, planId: string, options: EvaluationReportOptions = {}): Promise<string> {
	const maxRows = maxRowsOf(options);
	const plan = await getPlan(vault, planId, 0);
	const compareId = options.compareWith?.trim();
	const other = compareId ? await getPlan(vault, compareId, 0) : null;
	const total = await countPlanActions(vault, plan.planId);
	const rows: ReportRow[] = [];
	for await (const row of actionRows(vault, plan.planId, maxRows)) rows.push(row);
	const sections = [
		headerSection(plan, total),
		blockedSection(plan),
		summarySection(plan),
		await changesSection(vault, plan.snapshotId),
		other ? await compareSection(vault, plan, other) : '',
		actionsSection(rows, total),
		personsSection(rows),
	];
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evaluation report ${h(plan.planId)}</title><style>${STYLE}</style></head>
<body>
${sections.filter(Boolean).join('\n')}
<script>${SEARCH_SCRIPT}</script>
</body></html>
`;
}

/** Every action of a plan as CSV (RFC 4180, CRLF line ends): a header row, then one row per action in seq order. */
export async function renderActionsCsv(vault: Vault, planId: string): Promise<string> {
	const plan = await getPlan(vault, planId, 0);
	const lines = [csvRow(COLUMNS)];
	for await (const row of actionRows(vault, plan.planId)) lines.push(csvRow(rowValues(row)));
	return lines.join('\r\n') + '\r\n';
}
