// The JML template in real n8n against the test domain controller (scripts/n8n-real.sh lane):
//   node -r ./test/support/register-ts.js test/real-n8n/jmlLane.ts prepare <dir> <hr export URL>
//   node -r ./test/support/register-ts.js test/real-n8n/jmlLane.ts verify <dir>
// prepare writes <dir>/lane/: a copy of workflows/jml-pipeline.json that n8n's `execute` can
// start (a Manual Trigger next to the schedule; e-mail nodes off, as no mail server runs here)
// pointed at the HR export URL and at a fresh OU of the DC in the AD_* variables, the
// credentials, and a vault with the demo's rules published. verify reads AD back.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INode } from 'n8n-workflow';

import { adConnectionFromEnv } from '../../bench/enforceAd';
import type { WorkflowJson } from '../../cli/runWorkflow';
import { publish, saveDraft, type RuleSetDocument } from '../../lib/rules';
import { withClient } from '../../lib/targets/activeDirectory';
import { openVault } from '../../lib/vault';

export const LANE_WORKFLOW = 'Real n8n lane: JML pipeline';
export const LANE_CORRELATION = 'Real n8n lane: correlation report';
const repo = path.resolve(__dirname, '..', '..');
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8')) as T;

function demoRules(): RuleSetDocument {
	const pipeline = read<WorkflowJson>('demo/pipeline.workflow.json');
	const save = pipeline.nodes.find((node) => node.name === 'Save Rules')!;
	return JSON.parse(String(save.parameters.rulesJson)) as RuleSetDocument;
}

async function prepare(dir: string, hrUrl: string): Promise<void> {
	const lane = path.join(dir, 'lane');
	fs.mkdirSync(lane, { recursive: true });
	const connection = adConnectionFromEnv();
	const ou = `OU=lane-${Date.now().toString(36)},OU=Provisioning,${connection.baseDn}`;
	const departments = read<Array<{ code: string }>>('demo/data/departments.json');
	await withClient(connection, async (client) => {
		for (const dn of [ou, `OU=Users,${ou}`, `OU=Disabled,${ou}`, `OU=Groups,${ou}`]) await client.add(dn, { objectClass: ['top', 'organizationalUnit'] });
		for (const name of ['GRP-Managers', 'VPN-Users', ...departments.map((d) => `GRP-${d.code}`)]) {
			await client.add(`CN=${name},OU=Groups,${ou}`, { objectClass: ['top', 'group'] });
		}
	});

	const ouSettings = {
		initialOu: { __rl: true, mode: 'dn', value: `OU=Users,${ou}` },
		disabledOu: { __rl: true, mode: 'dn', value: `OU=Disabled,${ou}` },
		accountSearchBase: ou,
		groupSearchBase: `OU=Groups,${ou}`,
	};
	// A template as users import it, renamed, pointed at the lane's OU, without e-mail (no mail server here).
	const laneCopy = (template: string, name: string): WorkflowJson => {
		const workflow = read<WorkflowJson & { id?: string }>(template);
		workflow.name = name;
		delete workflow.id;
		for (const node of workflow.nodes) {
			if (node.type === 'n8n-nodes-base.emailSend') node.disabled = true;
			if (node.type === 'n8n-nodes-provisioning.activeDirectory') Object.assign(node.parameters, ouSettings);
		}
		return workflow;
	};
	const workflow = laneCopy('workflows/jml-pipeline.json', LANE_WORKFLOW);
	const http = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.httpRequest')!;
	http.parameters.url = hrUrl;
	// n8n's `execute` starts at a Manual Trigger: one next to the schedule.
	const manual: INode = { id: 'lane-manual-trigger', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [http.position[0] - 220, http.position[1] + 160], parameters: {} };
	workflow.nodes.push(manual);
	workflow.connections[manual.name] = { main: [[{ node: http.name, type: 'main', index: 0 }]] };
	fs.writeFileSync(path.join(lane, 'jml.json'), JSON.stringify(workflow, null, 2));
	fs.writeFileSync(path.join(lane, 'correlation.json'), JSON.stringify(laneCopy('workflows/correlation-report.json', LANE_CORRELATION), null, 2));

	const vaultFile = path.join(lane, 'vault.sqlite');
	const credentials = [
		{ id: 'provisioning-vault', name: 'Provisioning Vault', type: 'provisioningVaultApi', data: { backend: 'sqlite', filePath: vaultFile } },
		{
			id: 'active-directory',
			name: 'Active Directory',
			type: 'activeDirectoryApi',
			data: { urls: connection.urls.join(','), security: connection.security, bindDn: connection.bindDn, password: connection.password, baseDn: connection.baseDn, caCertificate: connection.caCertificate ?? '', verifyServer: true },
		},
	];
	fs.writeFileSync(path.join(lane, 'credentials.json'), JSON.stringify(credentials, null, 2), { mode: 0o600 });
	fs.writeFileSync(path.join(lane, 'ou'), ou);
	const vault = await openVault({ backend: 'sqlite', path: vaultFile });
	try {
		await saveDraft(vault, demoRules());
		await publish(vault);
		// The evaluation preview template evaluates a draft.
		await saveDraft(vault, demoRules());
	} finally {
		await vault.close();
	}
}

/** Every account the vault linked is in AD under the lane's OU, and nothing else is. */
async function verify(dir: string): Promise<void> {
	const lane = path.join(dir, 'lane');
	const ou = fs.readFileSync(path.join(lane, 'ou'), 'utf8');
	const vault = await openVault({ backend: 'sqlite', path: path.join(lane, 'vault.sqlite') });
	let linked: number;
	try {
		linked = (await vault.db.selectFrom('accounts').select('id').where('target', '=', 'activeDirectory').where('state', '!=', 'deleted').execute()).length;
	} finally {
		await vault.close();
	}
	const users = await withClient(adConnectionFromEnv(), async (client) => (await client.search(ou, { filter: '(&(objectClass=user)(employeeID=*))', attributes: ['employeeID', 'memberOf'], paged: { pageSize: 500 } })).searchEntries);
	const memberships = users.reduce((n, user) => n + (Array.isArray(user.memberOf) ? user.memberOf.length : user.memberOf ? 1 : 0), 0);
	const hrPersons = new Set(read<Array<{ employeeId: string }>>('demo/data/hr-day1.json').map((row) => row.employeeId)).size;
	process.stdout.write(`AD under ${ou}: ${users.length} accounts (vault links ${linked}), ${memberships} group memberships, for ${hrPersons} HR persons\n`);
	if (users.length === 0 || users.length !== linked || memberships === 0) {
		throw new Error('The JML run in n8n did not leave AD as the vault records it');
	}
}

const [command, dir, url] = process.argv.slice(2);
(command === 'prepare' ? prepare(dir, url) : command === 'verify' ? verify(dir) : Promise.reject(new Error('usage: jmlLane.ts prepare <dir> <url> | verify <dir>'))).catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
