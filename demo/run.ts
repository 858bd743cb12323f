/**
 * `npm run demo`: the joiner-mover-leaver pipeline on the sample data in demo/data, through the
 * demo workflows in n8n's engine (the same nodes users put on their canvas). Day 1 and day 2 of
 * two HR sources are imported, aggregated, evaluated against the sample rules and reported;
 * then a correlation report. With an Active Directory in the AD_* variables it also enforces
 * both days there. Everything goes into demo-output/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { POPULATION_DAY1, POPULATION_DAY2 } from '../bench/population/dates';
import type { CredentialRecord } from '../cli/credentials';
import { runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../cli/runWorkflow';
import { adConnectionFromEnv } from '../bench/enforceAd';
import { withClient } from '../lib/targets/activeDirectory';

/** The repository (or installed package) folder: run from dist/demo or, in tests, from demo/. */
const ROOT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) => fs.existsSync(path.join(dir, 'demo', 'data')))!;
const DEMO = path.join(ROOT, 'demo');
const OUT = path.resolve(process.env.DEMO_OUTPUT ?? path.join(ROOT, 'demo-output'));
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(DEMO, file), 'utf8')) as T;

type Table = Array<[string, ...string[]]>;

function nodeNamed(workflow: WorkflowJson, name: string): INode {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`demo workflow has no node "${name}"`);
	return node;
}

/** The same OU layout the local Samba DC script makes: OU=Provisioning with Users, Disabled, Groups. */
function adOu(): string | undefined {
	if (!process.env.AD_URL) return undefined;
	return process.env.AD_DEMO_OU ?? `OU=Provisioning,${process.env.AD_BASE_DN}`;
}

function credentials(): CredentialRecord[] {
	const records: CredentialRecord[] = [{ id: 'demo-vault', name: 'Provisioning Vault', type: 'provisioningVaultApi', data: { backend: 'sqlite', filePath: path.join(OUT, 'vault.sqlite') } }];
	if (adOu()) {
		const connection = adConnectionFromEnv();
		records.push({
			id: 'demo-ad',
			name: 'Active Directory',
			type: 'activeDirectoryApi',
			data: { urls: connection.urls.join(','), security: connection.security, bindDn: connection.bindDn, password: connection.password, baseDn: connection.baseDn, caCertificate: connection.caCertificate ?? '', verifyServer: true },
		});
	}
	return records;
}

function pointAtDemoOu(node: INode, ou: string): void {
	const p = node.parameters as Record<string, unknown>;
	p.initialOu = { __rl: true, mode: 'dn', value: `OU=Users,${ou}` };
	if (p.disabledOu) p.disabledOu = { __rl: true, mode: 'dn', value: `OU=Disabled,${ou}` };
	p.accountSearchBase = ou;
	if ('groupSearchBase' in p) p.groupSearchBase = `OU=Groups,${ou}`;
}

async function run(workflow: WorkflowJson, options: { startNode?: string; input?: IDataObject[] } = {}): Promise<WorkflowRunResult> {
	const result = await runWorkflow(workflow, { ...options, credentials: credentials() });
	if (result.status !== 'success') throw new Error(`${workflow.name}: ${result.error?.node ?? ''} ${result.error?.message ?? result.status}`);
	return result;
}

const first = (result: WorkflowRunResult, node: string, output = 0) => (result.nodes[node]?.outputs[output]?.[0]?.json ?? {}) as IDataObject;
const num = (value: unknown) => (typeof value === 'number' ? String(value) : '-');

/** Writes each file a node output into demo-output with a prefix; returns the paths. */
function saveFiles(result: WorkflowRunResult, node: string, prefix: string): string[] {
	const files: string[] = [];
	for (const item of result.nodes[node]?.outputs[0] ?? []) {
		for (const binary of Object.values(item.binary ?? {})) {
			const file = path.join(OUT, `${prefix}${path.extname(binary.fileName ?? '.bin')}`);
			fs.writeFileSync(file, Buffer.from(binary.data, 'base64'));
			files.push(path.relative(process.cwd(), file));
		}
	}
	return files;
}

/** The groups the sample rules grant, made once in the demo OU as an admin would before go-live. */
async function ensureGroups(ou: string, departments: Array<{ code: string }>): Promise<void> {
	const names = ['GRP-Managers', 'VPN-Users', ...departments.map((d) => `GRP-${d.code}`)];
	await withClient(adConnectionFromEnv(), async (client) => {
		for (const name of names) {
			const { searchEntries } = await client.search(`OU=Groups,${ou}`, { filter: `(cn=${name})`, attributes: ['cn'] });
			if (searchEntries.length === 0) await client.add(`CN=${name},OU=Groups,${ou}`, { objectClass: ['top', 'group'] }); // AD picks a unique sAMAccountName
		}
	});
}

async function main(): Promise<void> {
	fs.rmSync(OUT, { recursive: true, force: true });
	fs.mkdirSync(OUT, { recursive: true });
	const ou = adOu();
	if (ou) await ensureGroups(ou, read('data/departments.json'));
	const reports: string[] = [];
	const columns: string[] = [];
	const rows: Record<string, string[]> = {};
	const add = (label: string, value: string) => (rows[label] ??= []).push(value);

	for (const [day, asOf, hrFile] of [[1, POPULATION_DAY1, 'data/hr-day1.json'], [2, POPULATION_DAY2, 'data/hr-day2.json']] as const) {
		columns.push(`Day ${day} (${asOf})`);
		const imports = read<WorkflowJson>('import.workflow.json');
		for (const node of imports.nodes) (node.parameters.options as IDataObject).asOf = asOf;
		const hr = await run(imports, { startNode: 'Import HR', input: read(hrFile) });
		const payroll = await run(imports, { startNode: 'Import Payroll', input: read('data/payroll.json') });
		const hrSummary = first(hr, 'Import HR');
		add('HR rows / persons', `${num(hrSummary.rows)} / ${num(hrSummary.persons)}`);
		add('Payroll rows / persons', `${num(first(payroll, 'Import Payroll').rows)} / ${num(first(payroll, 'Import Payroll').persons)}`);
		add('Joiners / movers / leavers / rehires', ['joiners', 'movers', 'leavers', 'rehires'].map((k) => num(hrSummary[k])).join(' / '));

		const pipeline = read<WorkflowJson>('pipeline.workflow.json');
		(nodeNamed(pipeline, 'Evaluate').parameters as IDataObject).asOf = asOf;
		// The rules are published once; day 2 evaluates only what changed.
		if (day === 2) {
			for (const name of ['Save Rules', 'Publish Rules']) nodeNamed(pipeline, name).disabled = true;
			(nodeNamed(pipeline, 'Evaluate').parameters as IDataObject).mode = 'incremental';
		}
		const enforce = nodeNamed(pipeline, 'Active Directory');
		if (ou) {
			enforce.disabled = false;
			pointAtDemoOu(enforce, ou);
			((enforce.parameters as IDataObject).options as IDataObject).asOf = asOf;
		}
		const result = await run(pipeline);
		const merged = first(result, 'Aggregate Persons');
		add('Persons merged across sources', num(merged.merged ?? merged.merges));
		const plan = first(result, 'Evaluate');
		const counts = ((plan.actions as IDataObject | undefined)?.activeDirectory ?? {}) as Record<string, number>;
		add(ou ? 'Planned AD actions' : 'Planned AD actions (none enforced)', Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none');
		reports.push(...saveFiles(result, 'Evaluation Report', `day${day}-evaluation`));
		if (ou) {
			const summary = first(result, 'Active Directory');
			const byAction = (summary.byAction ?? {}) as Record<string, Record<string, number>>;
			add('Written to AD', Object.entries(byAction).map(([kind, s]) => `${kind} ${s.done ?? 0}`).join(', ') + ` (failed ${num(summary.failed)})`);
		}
	}

	const correlation = read<WorkflowJson>('correlation.workflow.json');
	const start = ou ? 'Correlation (Active Directory)' : 'Correlation (Directory Export)';
	if (ou) pointAtDemoOu(nodeNamed(correlation, start), ou);
	const result = await run(correlation, ou ? { startNode: start } : { startNode: start, input: read('data/directory-export.json') });
	const counts = (first(result, start).counts ?? {}) as Record<string, number>;
	reports.push(...saveFiles(result, start, 'correlation'));

	const table: Table = [['', ...columns], ...Object.entries(rows).map(([label, values]) => [label, ...values] as [string, ...string[]])];
	const widths = table[0].map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
	const line = (row: string[]) => row.map((cell, i) => (cell ?? '').padEnd(widths[i])).join('  ');
	const out = [
		ou ? `Enforced into Active Directory under ${ou}` : 'Evaluation only: set AD_URL, AD_BIND_DN, AD_BIND_PASSWORD, AD_BASE_DN, AD_CA_FILE to enforce into Active Directory too',
		'',
		...table.map(line),
		'',
		`Correlation (${ou ? 'Active Directory' : 'demo/data/directory-export.json'}): ${counts.correlated} persons with an account, ${counts.personsWithoutAccount} without, ${counts.accountsWithoutPerson} accounts of no one, ${counts.personsWithSeveralAccounts} persons with several accounts`,
		'',
		'Reports:',
		...reports.map((file) => `  ${file}`),
	];
	process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`demo failed: ${error.message}\n`);
	process.exit(1);
});
