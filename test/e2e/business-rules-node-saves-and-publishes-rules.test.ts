import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';

import { getPublished, listVersions } from '../../lib/rules';
import { openVault } from '../../lib/vault';
import { runInN8n, sqliteVaultCredential } from '../harness';
import { addPersons, addSources } from '../unit/aggregation/fixtures';

const NODE_TYPE = 'n8n-nodes-provisioning.businessRules';
const credentials = { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } };

function node(name: string, parameters: INode['parameters'], x: number): INode {
	return { id: name, name, type: NODE_TYPE, typeVersion: 1, position: [x, 300], parameters, credentials };
}

const vaultFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'business-rules-')), 'vault.sqlite');

async function inVault<T>(file: string, fn: (vault: Awaited<ReturnType<typeof openVault>>) => Promise<T>): Promise<T> {
	const vault = await openVault({ backend: 'sqlite', path: file });
	try {
		return await fn(vault);
	} finally {
		await vault.close();
	}
}

/** Two rules as an admin fills them in the node's UI collections. */
const uiRules = {
	rule: [
		{
			name: 'Sales staff',
			category: 'Sales',
			enabled: true,
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			match: 'all',
			conditions: {
				condition: [
					{ field: 'contract.department.code', operator: 'in', value: 'SALES, PRESALES' },
					{ field: 'contract.startDate', operator: 'dateBefore', value: 'today', days: 30 },
				],
			},
			entitlements: {
				entitlement: [
					{ type: 'account', target: 'activeDirectory', createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteAfterEnd: true, deleteDaysAfterEnd: 30 },
					{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
				],
			},
		},
		{
			name: 'Managers',
			match: 'any',
			conditions: { condition: [{ field: 'contract.title', operator: 'contains', value: 'manager' }] },
			entitlements: { entitlement: [{ type: 'product', target: 'helloId', productId: 'P-7', productName: 'Company car' }] },
		},
	],
};

describe('the Business Rules node in n8n’s engine', () => {
	test('rules edited in the UI are saved as a draft and published; the vault holds them as version 1', async () => {
		const file = vaultFile();
		const workflow = {
			nodes: [
				node('Save Draft', { resource: 'ruleSet', operation: 'saveDraft', rulesSource: 'fields', rules: uiRules, note: 'first rules' }, 260),
				node('Publish', { resource: 'ruleSet', operation: 'publish' }, 480),
			],
			connections: { 'Save Draft': { main: [[{ node: 'Publish', type: 'main' as const, index: 0 }]] } },
		};

		const result = await runInN8n(workflow, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		expect(result.json('Save Draft')).toEqual([
			expect.objectContaining({ version: 1, status: 'draft', note: 'first rules', ruleCount: 2, rules: ['Sales staff', 'Managers'], targets: ['activeDirectory', 'helloId'] }),
		]);
		expect(result.json('Publish')).toEqual([expect.objectContaining({ version: 1, status: 'published' })]);

		const published = await inVault(file, async (vault) => await getPublished(vault));
		expect(published?.version).toBe(1);
		expect(published?.document.rules).toEqual([
			{
				name: 'Sales staff',
				category: 'Sales',
				enabled: true,
				daysBeforeStart: 0,
				daysAfterEnd: 0,
				condition: {
					match: 'and',
					conditions: [
						{ field: 'contract.department.code', operator: 'in', value: ['SALES', 'PRESALES'] },
						{ field: 'contract.startDate', operator: 'dateBefore', value: 'today', days: 30 },
					],
				},
				entitlements: [
					{ type: 'account', target: 'activeDirectory', timing: { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 } },
					{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
				],
			},
			{
				name: 'Managers',
				enabled: true,
				daysBeforeStart: 0,
				daysAfterEnd: 0,
				condition: { match: 'or', conditions: [{ field: 'contract.title', operator: 'contains', value: 'manager' }] },
				entitlements: [{ type: 'product', target: 'helloId', productId: 'P-7', name: 'Company car' }],
			},
		]);
	});

	test('a rule with an unknown field fails the run with the rule, the field and a suggestion; nothing is saved', async () => {
		const file = vaultFile();
		const rules = { rule: [{ name: 'Sales VPN', conditions: { condition: [{ field: 'contract.costCentr', operator: 'equals', value: 'CC1' }] } }] };
		const workflow = { nodes: [node('Save Draft', { resource: 'ruleSet', operation: 'saveDraft', rulesSource: 'fields', rules }, 260)], connections: {} };

		const result = await runInN8n(workflow, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain("Rule 'Sales VPN' refers to unknown field contract.costCentr.");
		expect(result.error?.message).toContain('Did you mean "contract.costCentre"?');
		expect(await inVault(file, async (vault) => await listVersions(vault))).toEqual([]);
	});

	test('a JSON document is saved, exported as a file, and an excluded person is listed', async () => {
		const file = vaultFile();
		const personId = await inVault(file, async (vault) => {
			await addSources(vault, { AFAS: 1 });
			const [id] = await addPersons(vault, [{ source: 'AFAS', externalId: '1001', given: 'Anna', family: 'Jansen' }]);
			return id;
		});
		const document = { rules: [{ name: 'Everyone', entitlements: [{ type: 'account', target: 'entraId' }] }] };
		const workflow = {
			nodes: [
				node('Save Draft', { resource: 'ruleSet', operation: 'saveDraft', rulesSource: 'json', rulesJson: JSON.stringify(document) }, 260),
				node('Export', { resource: 'ruleSet', operation: 'export', which: 'draft' }, 480),
				node('Exclude', { resource: 'exclusion', operation: 'exclude', personId, reason: 'Board member' }, 700),
				node('Excluded', { resource: 'exclusion', operation: 'list' }, 920),
			],
			connections: {
				'Save Draft': { main: [[{ node: 'Export', type: 'main' as const, index: 0 }]] },
				Export: { main: [[{ node: 'Exclude', type: 'main' as const, index: 0 }]] },
				Exclude: { main: [[{ node: 'Excluded', type: 'main' as const, index: 0 }]] },
			},
		};

		const result = await runInN8n(workflow, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		const [exported] = result.json('Export');
		expect(exported).toMatchObject({ version: 1, status: 'draft', fileName: 'rule-set-v1.json' });
		expect(exported.document).toEqual({
			rules: [
				expect.objectContaining({
					name: 'Everyone',
					entitlements: [{ type: 'account', target: 'entraId', timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: null } }],
				}),
			],
		});
		const binary = result.nodes.Export.outputs[0]?.[0]?.binary?.data;
		expect(binary).toMatchObject({ fileName: 'rule-set-v1.json', mimeType: 'application/json' });
		expect(result.json('Excluded')).toEqual([expect.objectContaining({ personId, reason: 'Board member', displayName: 'Anna Jansen' })]);
	});
});
