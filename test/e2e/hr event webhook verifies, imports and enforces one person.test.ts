import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';

import type { CredentialRecord } from '../../cli/credentials';
import type { WorkflowJson } from '../../cli/runWorkflow';
import { evaluate } from '../../lib/evaluation';
import { parseImportMapping, runImport } from '../../lib/import';
import { publish, saveDraft, type RuleSetDocument } from '../../lib/rules';
import { openVault } from '../../lib/vault';
import type { Vault } from '../../lib/vault/types';
import { signHrEvent } from '../../lib/webhooks';
import { loadWorkflow, runInN8n, sqliteVaultCredential } from '../harness';
import { describeWithAd, withAdClient, withTestOu, type AdTestSettings, type TestOu } from '../support/ad';
import { describeWithBuiltInNodes } from '../support/builtInNodes';

const SECRET = 'hr-event-test-secret-4f9c2a7e1b3d5c60';
const VERIFY = 'Provisioning Verify HR Event';
const TEMPLATE = 'hr-event.json';
const today = new Date().toISOString().slice(0, 10);

const RULES: RuleSetDocument = {
	rules: [
		{
			name: 'Employees',
			enabled: true,
			condition: { match: 'and', conditions: [] },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [{ type: 'account', target: 'activeDirectory', timing: { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 } }],
		},
	],
};

/** One person as the HR system posts it (docs/hr-event-webhook.md); unique names, the test DC is shared. */
function employee(label: string) {
	const tag = randomBytes(3).toString('hex');
	return {
		employeeId: `hr-${label}-${tag}`,
		givenName: 'Hanna',
		familyName: `Hook${tag}`,
		birthDate: '1990-04-12',
		email: `hanna.${tag}@example.test`,
		contracts: [{ contractId: `hr-${label}-${tag}-1`, startDate: today, endDate: null, jobTitle: 'Accountant', departmentCode: 'FIN', departmentName: 'Finance', fte: 1 }],
	};
}

/** What n8n's Webhook node hands on with Raw Body on: headers (lower-case), the parsed body, the raw bytes in binary "data". */
function webhookItem(rawBody: string, headers: Record<string, string>): INodeExecutionData {
	return {
		json: { headers: { host: 'n8n.example.test', 'content-type': 'application/json', ...headers }, params: {}, query: {}, body: JSON.parse(rawBody) },
		binary: { data: { data: Buffer.from(rawBody).toString('base64'), mimeType: 'application/json' } },
	};
}

function signedRequest(body: object, timestamp = Math.floor(Date.now() / 1000)) {
	const raw = JSON.stringify(body);
	const headers = { 'x-signature': signHrEvent(SECRET, timestamp, raw), 'x-timestamp': String(timestamp) };
	return { raw, headers, item: webhookItem(raw, headers) };
}

const hrEventCredential: CredentialRecord = { id: 'provisioning-hr-event', name: 'Provisioning HR Event', type: 'provisioningHrEventApi', data: { secret: SECRET } };

async function inVault<T>(file: string, fn: (vault: Vault) => Promise<T>): Promise<T> {
	const vault = await openVault({ backend: 'sqlite', path: file });
	try {
		return await fn(vault);
	} finally {
		await vault.close();
	}
}

/** A vault with published rules and other persons whose accounts are planned but not made yet. */
async function vaultWithOthersPending(template: WorkflowJson, others: object[]): Promise<string> {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hr-event-')), 'vault.sqlite');
	const importNode = template.nodes.find((node) => node.name === 'Import Person')!;
	await inVault(file, async (vault) => {
		await saveDraft(vault, RULES);
		await publish(vault);
		const mapping = parseImportMapping(String(importNode.parameters.mappingJson));
		await runImport(vault, { source: 'HR', mapping, rowShape: 'person', contractsPath: 'contracts', mode: 'full' }, others as Record<string, unknown>[]);
		const plan = await evaluate(vault, { mode: 'full' });
		expect(plan.summary.actions.activeDirectory?.create).toBe(others.length);
	});
	return file;
}

describe('the Provisioning Verify HR Event node on its own', () => {
	const verifyOnly = (extra: Partial<WorkflowJson['nodes'][number]> = {}): WorkflowJson => {
		const node = loadWorkflow(TEMPLATE).nodes.find((n) => n.name === VERIFY)!;
		return { name: 'Verify', nodes: [{ ...node, ...extra }], connections: {}, settings: { executionOrder: 'v1' } };
	};
	let file: string;
	beforeAll(() => {
		file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hr-verify-')), 'vault.sqlite');
	});
	const run = (workflow: WorkflowJson, item: INodeExecutionData) =>
		runInN8n(workflow, [sqliteVaultCredential(file, 'provisioning-vault'), hrEventCredential], { startNode: VERIFY, inputItems: [item] });

	test('a verified event leaves on Verified as its JSON body plus hrEvent, paired with the request', async () => {
		const person = employee('verified');
		const request = signedRequest(person);
		const result = await run(verifyOnly(), request.item);

		expect(result.error).toBeUndefined();
		expect(result.json(VERIFY, 1)).toEqual([]);
		expect(result.nodes[VERIFY].outputs[0]).toEqual([
			{ json: { ...person, hrEvent: { timestamp: Number(request.headers['x-timestamp']), signature: request.headers['x-signature'] } }, pairedItem: { item: 0 } },
		]);
	});

	test('without the raw body the node fails and says to turn on Raw Body', async () => {
		const { item } = signedRequest(employee('no-raw-body'));
		const result = await run(verifyOnly(), { json: item.json });

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ node: VERIFY, message: 'No raw body in the binary property "data"', description: expect.stringContaining('Turn on "Raw Body"') });
	});

	test('with On Error: Continue, an item that cannot be checked goes to Rejected, never to Verified', async () => {
		const { item } = signedRequest(employee('continue'));
		const result = await run(verifyOnly({ onError: 'continueRegularOutput' }), { json: item.json });

		expect(result.status).toBe('success');
		expect(result.json(VERIFY, 0)).toEqual([]);
		expect(result.json(VERIFY, 1)).toEqual([{ reason: 'No raw body in the binary property "data"', status: 500 }]);
	});
});

describeWithBuiltInNodes('the HR event webhook template', (builtInNodesDir) => {
	const template = loadWorkflow(TEMPLATE);
	const run = (file: string, item: INodeExecutionData, credentials: CredentialRecord[] = []) =>
		runInN8n(template, [sqliteVaultCredential(file, 'provisioning-vault'), hrEventCredential, ...credentials], { startNode: VERIFY, inputItems: [item], builtInNodesDir });

	describe('requests that are not authentic, fresh and new', () => {
		let file: string;
		beforeAll(async () => {
			file = await vaultWithOthersPending(template, [employee('other')]);
		});

		test.each([
			['a body changed after signing', (r: ReturnType<typeof signedRequest>) => webhookItem(r.raw.replace('Hanna', 'Henk'), r.headers), /^Header X-Signature does not match the body/, 401],
			['no X-Signature header', (r: ReturnType<typeof signedRequest>) => webhookItem(r.raw, { 'x-timestamp': r.headers['x-timestamp'] }), /^Missing header X-Signature/, 401],
			['a request signed ten minutes ago', () => signedRequest(employee('stale'), Math.floor(Date.now() / 1000) - 600).item, /^Header X-Timestamp is 6\d\d seconds old/, 401],
			['a signed list instead of one person', () => webhookItem('[]', { 'x-signature': signHrEvent(SECRET, Math.floor(Date.now() / 1000), '[]'), 'x-timestamp': String(Math.floor(Date.now() / 1000)) }), /^The body must be one JSON object/, 400],
		])('%s is answered with its status and reason, and nothing is imported', async (_name, make, reason, status) => {
			const result = await run(file, make(signedRequest(employee('new'))));

			expect(result.error).toBeUndefined();
			expect(result.responses).toEqual([{ statusCode: status, headers: {}, body: { reason: expect.stringMatching(reason) } }]);
			expect(JSON.stringify(result.responses)).not.toContain(SECRET);
			expect(result.nodes['Import Person']).toBeUndefined();
			expect(await inVault(file, async (vault) => (await vault.db.selectFrom('imports').select('id').execute()).length)).toBe(1); // the seed only
		});

		test('a plan over a threshold set on Evaluate is not enforced: 202 planBlocked', async () => {
			const workflow = loadWorkflow(TEMPLATE);
			const evaluateNode = workflow.nodes.find((node) => node.name === 'Evaluate')!;
			evaluateNode.parameters.thresholds = { threshold: [{ target: 'activeDirectory', action: 'create', max: 1 }] };
			const joiner = employee('blocked');
			const own = await vaultWithOthersPending(template, [employee('other')]); // its create and the joiner's: 2 > 1
			const result = await runInN8n(workflow, [sqliteVaultCredential(own, 'provisioning-vault'), hrEventCredential], {
				startNode: VERIFY,
				inputItems: [signedRequest(joiner).item],
				builtInNodesDir,
			});

			expect(result.error).toBeUndefined();
			const [blocked] = result.json('Evaluate', 1);
			expect(result.responses).toEqual([
				{ statusCode: 202, headers: {}, body: { status: 'planBlocked', employeeId: joiner.employeeId, planId: blocked.planId, message: expect.stringContaining('nothing was enforced') } },
			]);
			expect(result.nodes['Enforce Only This Person']).toBeUndefined();
		});

		test('a person sent again unchanged is answered "unchanged" and nothing is enforced', async () => {
			const other = employee('again');
			const again = await vaultWithOthersPending(template, [other]);
			const result = await run(again, signedRequest(other).item);

			expect(result.error).toBeUndefined();
			expect(result.responses).toEqual([{ statusCode: 200, headers: {}, body: { status: 'unchanged', employeeId: other.employeeId, issues: [] } }]);
			expect(result.nodes['Enforce Only This Person']).toBeUndefined();
		});
	});

	describeWithAd('with a domain controller', (settings: AdTestSettings) => {
		let ou: TestOu;
		beforeAll(async () => {
			ou = await withTestOu(settings);
		}, 60_000);
		afterAll(async () => await ou?.dispose());

		const adCredential = (): CredentialRecord => ({
			id: 'active-directory',
			name: 'Active Directory',
			type: 'activeDirectoryApi',
			data: { urls: settings.url, security: 'ldaps', bindDn: settings.bindDN, password: settings.bindPassword, baseDn: settings.baseDN, caCertificate: settings.caCertificate, verifyServer: true },
		});

		/** The template with its OUs pointed at this test's OU, as an admin sets them. */
		function templateForTestOu(): WorkflowJson {
			const workflow = loadWorkflow(TEMPLATE);
			const enforce = workflow.nodes.find((node) => node.name === 'Enforce Only This Person')!;
			const dn = (value: string) => ({ __rl: true, mode: 'dn', value });
			Object.assign(enforce.parameters, { initialOu: dn(ou.usersOu), disabledOu: dn(ou.disabledOu), accountSearchBase: ou.dn, groupSearchBase: ou.groupsOu });
			return workflow;
		}

		const accountsInOu = async () =>
			await withAdClient(settings, async (client) => {
				const { searchEntries } = await client.search(ou.dn, { filter: '(&(objectClass=user)(employeeID=*))', attributes: ['employeeID', 'sAMAccountName'] });
				return searchEntries.map((entry) => String(entry.employeeID));
			});

		test('a signed event creates exactly that person’s account; the same request replayed and a tampered copy get 401', async () => {
			const others = [employee('other1'), employee('other2')];
			const file = await vaultWithOthersPending(template, others);
			const joiner = employee('joiner');
			const request = signedRequest(joiner);
			const workflow = templateForTestOu();
			const credentials = [sqliteVaultCredential(file, 'provisioning-vault'), hrEventCredential, adCredential()];
			const runIt = (item: INodeExecutionData) => runInN8n(workflow, credentials, { startNode: VERIFY, inputItems: [item], builtInNodesDir });

			const result = await runIt(request.item);

			expect(result.error).toBeUndefined();
			const joinerId = await inVault(file, async (vault) =>
				(await vault.db.selectFrom('persons').select('id').where('external_id', '=', joiner.employeeId).executeTakeFirstOrThrow()).id,
			);
			expect(result.responses).toEqual([
				{
					statusCode: 200,
					headers: {},
					body: expect.objectContaining({ status: 'done', employeeId: joiner.employeeId, changes: [{ personId: joinerId, kind: 'joiner' }], failed: 0, byAction: expect.objectContaining({ create: { done: 1 } }) }),
				},
			]);
			expect(await accountsInOu()).toEqual([joiner.employeeId]);
			const [created] = result.json('Enforce Only This Person', 1);
			expect(created).toMatchObject({ event: 'accountCreated', externalId: joiner.employeeId });

			// The others' creates are still in the plan, pending: only the event's person was enforced.
			const pending = await inVault(file, async (vault) => {
				const plan = await vault.db.selectFrom('plans').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
				return await vault.db
					.selectFrom('plan_actions as a')
					.innerJoin('persons as p', 'p.id', 'a.person_id')
					.select(['p.external_id', 'a.action', 'a.status'])
					.where('a.plan_id', '=', plan.id)
					.where('a.status', '=', 'pending')
					.execute();
			});
			expect([...new Set(pending.map((row) => row.external_id))].sort()).toEqual(others.map((other) => other.employeeId).sort());

			const replay = await runIt(request.item);
			expect(replay.error).toBeUndefined();
			expect(replay.responses).toEqual([{ statusCode: 401, headers: {}, body: { reason: expect.stringMatching(/^This request was already received/) } }]);
			expect(replay.nodes['Import Person']).toBeUndefined();

			const tampered = await runIt(webhookItem(request.raw.replace(joiner.employeeId, others[0].employeeId), request.headers));
			expect(tampered.responses).toEqual([{ statusCode: 401, headers: {}, body: { reason: expect.stringMatching(/^Header X-Signature does not match the body/) } }]);
			expect(tampered.nodes['Import Person']).toBeUndefined();

			expect(await accountsInOu()).toEqual([joiner.employeeId]);
		}, 120_000);
	});
});
