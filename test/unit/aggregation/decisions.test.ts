import {
	DEFAULT_AGGREGATION_CONFIG,
	decideSuggestion,
	listSuggestions,
	neverMerge,
	runAggregation,
	unmerge,
} from '../../../lib/aggregation';
import type { Vault } from '../../../lib/vault/types';
import { addPersons, addSources, mergedInto, openTestVault, TEST_BACKENDS } from './fixtures';

describe.each(TEST_BACKENDS)('admin decisions on merges (%s vault)', (backend) => {
	let vault: Vault;
	let dispose: () => Promise<void>;
	beforeEach(async () => {
		({ vault, dispose } = await openTestVault(backend));
		await addSources(vault, { HR: 1, Payroll: 2 });
	});
	afterEach(async () => await dispose());

	/** Two records that score 60 by default: a suggestion. */
	async function suggestedPair(): Promise<{ hr: string; payroll: string; suggestionId: string }> {
		const [payroll, hr] = await addPersons(vault, [
			{ source: 'Payroll', externalId: 'P1', given: 'Noor', family: 'Visser', birthDate: '1975-07-07' },
			{ source: 'HR', externalId: 'H1', given: 'Nora', family: 'Visser', birthDate: '1975-07-07' },
		]);
		const { suggestionIds } = await runAggregation(vault);
		expect(suggestionIds).toHaveLength(1);
		return { hr, payroll, suggestionId: suggestionIds[0] };
	}

	test('accepting a suggestion merges the pair into the higher-priority record, decided by admin', async () => {
		const { hr, payroll, suggestionId } = await suggestedPair();

		const result = await decideSuggestion(vault, suggestionId, 'accept', 'alice');

		expect(result).toEqual({ suggestionId, decision: 'accept', status: 'accepted', survivorId: hr, mergedIds: [payroll] });
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, hr]);
		const [merge] = await vault.db.selectFrom('merges').selectAll().execute();
		expect(merge).toMatchObject({ survivor_id: hr, merged_id: payroll, decided_by: 'admin', score: 60 });
		expect(JSON.parse(merge.rule)).toEqual(['Birth date + family name']);
		expect(await listSuggestions(vault)).toEqual([]);
		expect((await listSuggestions(vault, { status: 'accepted' }))[0].decidedAt).not.toBeNull();
		const audit = await vault.db.selectFrom('audit_log').selectAll().where('action', '=', 'aggregation.merge').execute();
		expect(audit[0].message).toContain('by alice');
	});

	test('rejecting a suggestion leaves both persons apart and it is not suggested again', async () => {
		const { hr, payroll, suggestionId } = await suggestedPair();

		const result = await decideSuggestion(vault, suggestionId, 'reject');

		expect(result.status).toBe('rejected');
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, null]);
		expect(await runAggregation(vault)).toMatchObject({ merged: 0, suggestions: 0 });
		expect(await listSuggestions(vault, { status: 'rejected' })).toHaveLength(1);
	});

	test('a suggestion cannot be decided twice', async () => {
		const { suggestionId } = await suggestedPair();
		await decideSuggestion(vault, suggestionId, 'reject');
		await expect(decideSuggestion(vault, suggestionId, 'accept')).rejects.toThrow(`Merge suggestion '${suggestionId}' is already rejected`);
		await expect(decideSuggestion(vault, 'nope', 'accept')).rejects.toThrow("Merge suggestion 'nope' does not exist");
	});

	test('unmerge restores both persons and the next run does not merge them again', async () => {
		const [hr, payroll] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H1', nationalId: '321' },
			{ source: 'Payroll', externalId: 'P1', nationalId: '321' },
		]);
		await runAggregation(vault);
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, hr]);

		const result = await unmerge(vault, payroll, { by: 'bob' });

		expect(result).toEqual({ personId: payroll, formerSurvivorId: hr });
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, null]);
		const [merge] = await vault.db.selectFrom('merges').selectAll().execute();
		expect(merge.undone_at).not.toBeNull();
		expect(await vault.db.selectFrom('never_merge').select(['person_a', 'person_b']).execute()).toEqual([
			{ person_a: [hr, payroll].sort()[0], person_b: [hr, payroll].sort()[1] },
		]);

		expect(await runAggregation(vault)).toMatchObject({ merged: 0, suggestions: 0 });
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, null]);
	});

	test('unmerging a person that is not merged says so', async () => {
		const [hr, payroll] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H1', nationalId: '321', given: 'Ida', family: 'Bos' },
			{ source: 'Payroll', externalId: 'P1', nationalId: '321' },
		]);
		await runAggregation(vault);
		await expect(unmerge(vault, hr)).rejects.toThrow(`Person 'Ida Bos' (${hr}, external id H1) is a survivor`);
		await unmerge(vault, payroll);
		await expect(unmerge(vault, payroll)).rejects.toThrow('is not merged');
		await expect(unmerge(vault, 'missing')).rejects.toThrow("Person 'missing' does not exist in the vault");
	});

	test('never merge rejects the open suggestion between the two persons', async () => {
		const { hr, payroll, suggestionId } = await suggestedPair();

		const result = await neverMerge(vault, hr, payroll, 'different people');

		expect(result).toEqual({ personA: hr, personB: payroll, reason: 'different people', rejectedSuggestions: 1 });
		const [suggestion] = await listSuggestions(vault, { status: 'all' });
		expect(suggestion).toMatchObject({ id: suggestionId, status: 'rejected' });
		await expect(decideSuggestion(vault, suggestionId, 'accept')).rejects.toThrow('is already rejected');
	});

	test('accepting an open suggestion for a never-merge pair is refused', async () => {
		const { hr, payroll, suggestionId } = await suggestedPair();
		// As if the never-merge came from elsewhere, with the suggestion still open.
		await vault.db.insertInto('never_merge').values({ person_a: hr, person_b: payroll, reason: 'twins', created_at: 'x' }).execute();

		await expect(decideSuggestion(vault, suggestionId, 'accept')).rejects.toThrow('must never be merged');
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, null]);
		expect((await listSuggestions(vault))[0]).toMatchObject({ id: suggestionId, status: 'open' });
	});

	test('never merge of persons already merged asks to unmerge first', async () => {
		const [hr, payroll] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H1', nationalId: '1' },
			{ source: 'Payroll', externalId: 'P1', nationalId: '1' },
		]);
		await runAggregation(vault);
		await expect(neverMerge(vault, hr, payroll)).rejects.toThrow('are already merged');
		await expect(neverMerge(vault, hr, hr)).rejects.toThrow('needs two different persons');
	});

	test('accepting a suggestion between two existing clusters joins all their records', async () => {
		await addSources(vault, { Contractors: 3 });
		const [h1, p1, h2, c2] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H1', nationalId: '1', given: 'Mo', family: 'Ali', birthDate: '1960-06-06' },
			{ source: 'Payroll', externalId: 'P1', nationalId: '1' },
			{ source: 'HR', externalId: 'H2', nationalId: '2', given: 'Mohamed', family: 'Ali', birthDate: '1960-06-06' },
			{ source: 'Contractors', externalId: 'C2', nationalId: '2' },
		]);
		const { suggestionIds, merged } = await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
		expect(merged).toBe(2);

		const result = await decideSuggestion(vault, suggestionIds[0], 'accept');

		expect(result.survivorId).toBe(h1);
		expect(await mergedInto(vault, [h1, p1, h2, c2])).toEqual([null, h1, h1, h1]);
		expect(await runAggregation(vault)).toMatchObject({ merged: 0, suggestions: 0 });
	});
});
