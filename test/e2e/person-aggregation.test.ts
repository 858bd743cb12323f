import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';

import { openVault } from '../../lib/vault';
import { runInN8n, sqliteVaultCredential } from '../harness';
import { addPersons, addSources } from '../unit/aggregation/fixtures';

const NODE_TYPE = 'n8n-nodes-provisioning.personAggregation';
const credentials = { provisioningVaultApi: { id: 'demo-vault', name: 'Provisioning Vault' } };

function node(name: string, parameters: INode['parameters'], x: number): INode {
	return { id: name, name, type: NODE_TYPE, typeVersion: 1, position: [x, 300], parameters, credentials };
}

/** A vault file holding two sure duplicates (same national id) and two likely ones (birth date + family name). */
async function prefilledVault(): Promise<{ file: string; ids: Record<string, string> }> {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'person-aggregation-')), 'vault.sqlite');
	const vault = await openVault({ backend: 'sqlite', path: file });
	try {
		await addSources(vault, { AFAS: 1, Contractors: 2 });
		const [annaHr, annaContractor, sara, sarah, piet] = await addPersons(vault, [
			{ source: 'AFAS', externalId: '1001', given: 'Anna', family: 'Jansen', nationalId: '123456789' },
			{ source: 'Contractors', externalId: 'C-7', given: 'Anna', family: 'Janssen', nationalId: '123 456 789' },
			{ source: 'AFAS', externalId: '1002', given: 'Sara', family: 'Bakker', birthDate: '1990-03-04' },
			{ source: 'Contractors', externalId: 'C-8', given: 'Sarah', family: 'BAKKER', birthDate: '1990-03-04' },
			{ source: 'AFAS', externalId: '1003', given: 'Piet', family: 'Smit' },
		]);
		return { file, ids: { annaHr, annaContractor, sara, sarah, piet } };
	} finally {
		await vault.close();
	}
}

describe('the Person Aggregation node in n8n’s engine', () => {
	test('a run merges sure duplicates and outputs a summary plus one item per new suggestion', async () => {
		const { file, ids } = await prefilledVault();
		const workflow = { nodes: [node('Aggregate Persons', { resource: 'aggregation', operation: 'run' }, 260)], connections: {} };

		const result = await runInN8n(workflow, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		const [summary, ...suggestions] = result.json('Aggregate Persons');
		expect(summary).toMatchObject({ kind: 'summary', persons: 5, merged: 1, clusters: 1, suggestions: 1, suggestionsShown: 1 });
		expect(suggestions).toHaveLength(1);
		expect(suggestions[0]).toMatchObject({ kind: 'suggestion', score: 60, rules: ['Birth date + family name'], status: 'open' });
		const people = [suggestions[0].personA, suggestions[0].personB] as Array<{ id: string; source: string; givenName: string }>;
		expect(people.map((p) => p.id).sort()).toEqual([ids.sara, ids.sarah].sort());
		expect(people.map((p) => `${p.source}:${p.givenName}`).sort()).toEqual(['AFAS:Sara', 'Contractors:Sarah']);

		const vault = await openVault({ backend: 'sqlite', path: file });
		try {
			const merged = await vault.db.selectFrom('persons').select('merged_into').where('id', '=', ids.annaContractor).executeTakeFirstOrThrow();
			expect(merged.merged_into).toBe(ids.annaHr);
		} finally {
			await vault.close();
		}
	});

	test('Max Items caps the suggestion items; the summary still counts them all', async () => {
		const { file } = await prefilledVault();
		const parameters = { resource: 'aggregation', operation: 'run', options: { maxItems: 0 } };
		const result = await runInN8n({ nodes: [node('Aggregate Persons', parameters, 260)], connections: {} }, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		expect(result.json('Aggregate Persons')).toEqual([expect.objectContaining({ kind: 'summary', suggestions: 1, suggestionsShown: 0 })]);
	});

	test('listed suggestions flow into Accept Suggestion, which merges them', async () => {
		const { file, ids } = await prefilledVault();
		const credential = sqliteVaultCredential(file);
		await runInN8n({ nodes: [node('Aggregate Persons', { resource: 'aggregation', operation: 'run' }, 260)], connections: {} }, [credential]);
		const workflow = {
			nodes: [
				node('Open Suggestions', { resource: 'aggregation', operation: 'listSuggestions' }, 260),
				node('Accept', { resource: 'aggregation', operation: 'acceptSuggestion', options: { decidedBy: 'hr-admin' } }, 480),
			],
			connections: { 'Open Suggestions': { main: [[{ node: 'Accept', type: 'main' as const, index: 0 }]] } },
		};

		const result = await runInN8n(workflow, [credential]);

		expect(result.status).toBe('success');
		expect(result.json('Accept')).toEqual([
			expect.objectContaining({ decision: 'accept', status: 'accepted', survivorId: ids.sara, mergedIds: [ids.sarah] }),
		]);
	});

	test('accepting an unknown suggestion fails the run with a message naming it', async () => {
		const { file } = await prefilledVault();
		const parameters = { resource: 'aggregation', operation: 'acceptSuggestion', suggestionId: 'no-such-id' };
		const result = await runInN8n({ nodes: [node('Accept', parameters, 260)], connections: {} }, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain("Merge suggestion 'no-such-id' does not exist");
	});

	test('with "continue on fail", the summary item (no suggestion id) becomes an error item and the suggestion is still rejected', async () => {
		const { file } = await prefilledVault();
		const reject = {
			...node('Reject', { resource: 'aggregation', operation: 'rejectSuggestion' }, 480),
			onError: 'continueRegularOutput' as const,
		};
		const workflow = {
			nodes: [node('Aggregate Persons', { resource: 'aggregation', operation: 'run' }, 260), reject],
			connections: { 'Aggregate Persons': { main: [[{ node: 'Reject', type: 'main' as const, index: 0 }]] } },
		};

		const result = await runInN8n(workflow, [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		const suggestionId = result.json('Aggregate Persons')[1].suggestionId;
		const output = result.json('Reject');
		expect(output).toHaveLength(2);
		expect(output[0].error).toBe('Suggestion ID is empty');
		expect(output[1]).toMatchObject({ suggestionId, decision: 'reject', status: 'rejected' });
	});
});
