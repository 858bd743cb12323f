import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';

import { POPULATION_DAY1, generatePopulation } from '../../../bench/population';
import type { ContractRow } from '../../../bench/population/types';
import type { CredentialRecord } from '../../../cli/credentials';
import type { WorkflowJson } from '../../../cli/runWorkflow';
import { publish, saveDraft } from '../../../lib/rules';
import { openVault } from '../../../lib/vault';
import { loadWorkflow, runInN8n, sqliteVaultCredential } from '../../harness';
import { withAdClient, type AdTestSettings, type TestOu } from '../../support/ad';
import { POPULATION_RULES } from '../../unit/evaluation/populationRules';

/** Shared by the template tests: a vault, a served HR export, the AD settings a user would fill in. */

export const PERSONS = 25;
export const SEED = 11;

/** The id and name the templates reference, so the credentials below are found as a user's would be. */
export const vaultCredential = (file: string): CredentialRecord => sqliteVaultCredential(file, 'provisioning-vault');

export function adCredential(settings: AdTestSettings): CredentialRecord {
	return {
		id: 'active-directory',
		name: 'Active Directory',
		type: 'activeDirectoryApi',
		data: { urls: settings.url, security: 'ldaps', bindDn: settings.bindDN, password: settings.bindPassword, baseDn: settings.baseDN, caCertificate: settings.caCertificate, verifyServer: true },
	};
}

/** A fresh SQLite vault with the population rules published. */
export async function vaultWithRules(prefix: string): Promise<string> {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`)), 'vault.sqlite');
	const vault = await openVault({ backend: 'sqlite', path: file });
	try {
		await saveDraft(vault, POPULATION_RULES);
		await publish(vault);
	} finally {
		await vault.close();
	}
	return file;
}

export function day1Rows(): ContractRow[] {
	return [...generatePopulation({ persons: PERSONS, seed: SEED, day: 1 }).primary.rows];
}

/** A workflow node by name, failing with the names there are. */
export function nodeOf(workflow: WorkflowJson, name: string): INode {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`No node "${name}" in ${workflow.name}. Nodes: ${workflow.nodes.map((n) => n.name).join(', ')}`);
	return node;
}

/** A template as a user leaves it after import, ready for this test run: a copy, never the file. */
export function template(file: string): WorkflowJson {
	return structuredClone(loadWorkflow(file));
}

const dn = (value: string) => ({ __rl: true, mode: 'dn', value });

/** What the sticky notes ask a user to set on an Active Directory node, pointed at the test OU. */
export function pointAtTestOu(node: INode, ou: TestOu, asOf?: string): void {
	node.parameters.initialOu = dn(ou.usersOu);
	node.parameters.disabledOu = dn(ou.disabledOu);
	node.parameters.accountSearchBase = ou.dn;
	node.parameters.groupSearchBase = ou.groupsOu;
	if (asOf) node.parameters.options = { ...(node.parameters.options as IDataObject), asOf };
}

/**
 * The JML template as configured for a run on the generated population's day: the HR URL, the
 * as-of date (the population's dates are fixed) and the OUs.
 */
export function jmlPipeline(hrUrl: string, ou: TestOu, asOf = POPULATION_DAY1): WorkflowJson {
	const workflow = template('jml-pipeline.json');
	nodeOf(workflow, 'HR Export (HTTP Request)').parameters.url = hrUrl;
	const importNode = nodeOf(workflow, 'Import HR');
	importNode.parameters.options = { ...(importNode.parameters.options as IDataObject), asOf };
	nodeOf(workflow, 'Evaluate').parameters.asOf = asOf;
	pointAtTestOu(nodeOf(workflow, 'Enforce in Active Directory'), ou, asOf);
	return workflow;
}

/** The groups the population rules grant, made in the test OU (enforcement grants, it does not create groups). */
export async function createRuleGroups(settings: AdTestSettings, ou: TestOu): Promise<void> {
	const population = generatePopulation({ persons: PERSONS, seed: SEED, day: 2, changeRate: 0.1 });
	const names = new Set(['Senior staff', 'New starters', ...population.departments.map((d) => `GRP-${(d as { code: string }).code}`)]);
	await withAdClient(settings, async (client) => {
		for (const name of names) {
			// sAMAccountName is unique in the whole domain and other tests make the same groups.
			const sam = `g-${Math.random().toString(36).slice(2, 10)}-${name.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 20);
			await client.add(`CN=${name},${ou.groupsOu}`, { objectClass: ['top', 'group'], sAMAccountName: sam });
		}
	});
}

export interface AdUser {
	dn: string;
	employeeID: string;
	sAMAccountName: string;
	enabled: boolean;
}

/** The accounts under base that carry an employeeID, by employeeID. */
export async function adUsers(settings: AdTestSettings, base: string): Promise<Map<string, AdUser>> {
	return await withAdClient(settings, async (client) => {
		const { searchEntries } = await client.search(base, { filter: '(&(objectClass=user)(employeeID=*))', attributes: ['employeeID', 'sAMAccountName', 'userAccountControl'] });
		return new Map(
			searchEntries.map((e) => [
				String(e.employeeID),
				{ dn: e.dn, employeeID: String(e.employeeID), sAMAccountName: String(e.sAMAccountName), enabled: (Number(e.userAccountControl) & 2) === 0 },
			]),
		);
	});
}

/** An HR system's export endpoint: GET /export.json answers the rows it holds now. */
export interface HrExport {
	url: string;
	rows: object[];
	requests: number;
	close(): Promise<void>;
}

export async function startHrExport(rows: object[] = []): Promise<HrExport> {
	const hr = { rows, requests: 0 } as HrExport;
	const server = http.createServer((request, response) => {
		hr.requests++;
		if (request.method !== 'GET' || request.url !== '/export.json') {
			response.writeHead(404).end();
			return;
		}
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(hr.rows));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	hr.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/export.json`;
	hr.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return hr;
}

/**
 * Imports and aggregates rows with the JML template's own Import HR and Aggregate Persons
 * nodes, for tests of templates that start from a filled vault and need no directory.
 */
export async function importWithTemplateNodes(vaultFile: string, rows: object[], asOf = POPULATION_DAY1): Promise<void> {
	const jml = template('jml-pipeline.json');
	const importNode = nodeOf(jml, 'Import HR');
	importNode.parameters.options = { ...(importNode.parameters.options as IDataObject), asOf };
	const workflow: WorkflowJson = {
		name: 'import',
		nodes: [importNode, nodeOf(jml, 'Aggregate Persons')],
		connections: { 'Import HR': { main: [[{ node: 'Aggregate Persons', type: 'main', index: 0 }], []] } },
		settings: { executionOrder: 'v1' },
	};
	const result = await runInN8n(workflow, [vaultCredential(vaultFile)], { input: rows as IDataObject[] });
	if (result.error) throw new Error(`Importing the population failed: ${result.error.message}`);
}
