import { AggregationError, DEFAULT_AGGREGATION_CONFIG, listSuggestions, neverMerge, runAggregation } from '../../../lib/aggregation';
import type { Vault } from '../../../lib/vault/types';
import { addPersons, addSources, mergedInto, openTestVault, TEST_BACKENDS } from './fixtures';

describe.each(TEST_BACKENDS)('person aggregation run (%s vault)', (backend) => {
	let vault: Vault;
	let dispose: () => Promise<void>;
	beforeEach(async () => {
		({ vault, dispose } = await openTestVault(backend));
		await addSources(vault, { HR: 1, Payroll: 2, Contractors: 3 });
	});
	afterEach(async () => await dispose());

	test('two records with the same national id are merged into one person', async () => {
		const [hr, payroll] = await addPersons(vault, [
			{ source: 'HR', externalId: '1001', given: 'Anna', family: 'Jansen', nationalId: '123456789' },
			{ source: 'Payroll', externalId: 'P-77', given: 'Anne', family: 'Janssen', nationalId: '123.456.789' },
		]);

		const result = await runAggregation(vault);

		expect(result).toMatchObject({ persons: 2, candidatePairs: 1, merged: 1, suggestions: 0, clusters: 1 });
		expect(await mergedInto(vault, [hr, payroll])).toEqual([null, hr]);
		const merges = await vault.db.selectFrom('merges').selectAll().execute();
		expect(merges).toHaveLength(1);
		expect(merges[0]).toMatchObject({ survivor_id: hr, merged_id: payroll, decided_by: 'auto', score: 100, undone_at: null });
		expect(JSON.parse(merges[0].rule)).toEqual(['National ID']);
	});

	test('scores of several matching rules add up to an automatic merge', async () => {
		const [a, b] = await addPersons(vault, [
			{ source: 'HR', externalId: '1', given: 'Piet', family: 'de Vries', birthDate: '1980-05-01', email: 'piet@example.com' },
			{ source: 'Payroll', externalId: '2', given: 'P.', family: 'De  Vries', birthDate: '1980-05-01', email: 'PIET@example.com' },
		]);

		const result = await runAggregation(vault);

		expect(result.merged).toBe(1);
		const [merge] = await vault.db.selectFrom('merges').selectAll().execute();
		expect(merge.score).toBe(110);
		expect(JSON.parse(merge.rule)).toEqual(['Birth date + family name', 'E-mail']);
		expect(await mergedInto(vault, [a, b])).toEqual([null, a]);
	});

	test('a pair between the suggestion and auto-merge scores becomes one open suggestion', async () => {
		const [a, b] = await addPersons(vault, [
			{ source: 'HR', externalId: '1', given: 'Sara', family: 'Bakker', birthDate: '1990-03-04' },
			{ source: 'Payroll', externalId: '2', given: 'Sarah', family: 'Bakker', birthDate: '1990-03-04' },
		]);

		const result = await runAggregation(vault);

		expect(result).toMatchObject({ merged: 0, suggestions: 1 });
		expect(await mergedInto(vault, [a, b])).toEqual([null, null]);
		const rows = await vault.db.selectFrom('merge_suggestions').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ status: 'open', score: 60, person_a: [a, b].sort()[0], person_b: [a, b].sort()[1] });
		expect(result.suggestionIds).toEqual([rows[0].id]);

		const [listed] = await listSuggestions(vault);
		expect(listed.rules).toEqual(['Birth date + family name']);
		expect([listed.personA.givenName, listed.personB.givenName].sort()).toEqual(['Sara', 'Sarah']);
		expect([listed.personA.source, listed.personB.source].sort()).toEqual(['HR', 'Payroll']);
	});

	test('a pair scoring below the suggestion score is neither merged nor suggested', async () => {
		await addPersons(vault, [
			{ source: 'HR', externalId: '1', given: 'Jan', family: 'Smit', birthDate: '1970-01-01' },
			{ source: 'Payroll', externalId: '2', given: 'Jan', family: 'Smit', birthDate: '1985-12-12' },
		]);

		const result = await runAggregation(vault);

		expect(result).toMatchObject({ candidatePairs: 1, merged: 0, suggestions: 0, clusters: 0 });
		expect(await vault.db.selectFrom('merge_suggestions').selectAll().execute()).toEqual([]);
	});

	test('persons sharing no rule key are not even compared', async () => {
		await addPersons(vault, [
			{ source: 'HR', externalId: '1', given: 'Jan', family: 'Smit' },
			{ source: 'HR', externalId: '2', given: 'Kees', family: 'Bos' },
			{ source: 'HR', externalId: '3', given: 'Mia', family: 'Vos' },
		]);
		expect((await runAggregation(vault)).candidatePairs).toBe(0);
	});

	test('A matches B and B matches C: all three become one person', async () => {
		const [a, b, c] = await addPersons(vault, [
			{ source: 'Payroll', externalId: 'A', given: 'Lisa', family: 'Meijer', nationalId: '111' },
			{ source: 'Contractors', externalId: 'B', given: 'Lisa', family: 'Meijer', nationalId: '111', email: 'lisa@x.nl' },
			{ source: 'HR', externalId: 'C', given: 'L.', family: 'Meyer', birthDate: '1988-08-08', email: 'lisa@x.nl' },
		]);
		// B–C share only the e-mail (50): lower auto-merge so that link also merges.
		const result = await runAggregation(vault, { ...DEFAULT_AGGREGATION_CONFIG, autoMergeScore: 50, suggestionScore: 40 });

		expect(result).toMatchObject({ merged: 2, clusters: 1 });
		// HR has the highest priority: C survives although A and B were linked first.
		expect(await mergedInto(vault, [a, b, c])).toEqual([c, c, null]);
	});

	test('the survivor is the record from the highest-priority source, and sourcePriority overrides sources.priority', async () => {
		const people = [
			{ source: 'Contractors', externalId: 'C1', given: 'Tom', family: 'Kok', nationalId: '999' },
			{ source: 'HR', externalId: 'H1', given: 'Tom', family: 'Kok', nationalId: '999' },
		];
		const [contractor, hr] = await addPersons(vault, people);
		await runAggregation(vault);
		expect(await mergedInto(vault, [contractor, hr])).toEqual([hr, null]);

		const { vault: other, dispose: disposeOther } = await openTestVault(backend);
		try {
			await addSources(other, { HR: 1, Payroll: 2, Contractors: 3 });
			const [c2, h2] = await addPersons(other, people);
			await runAggregation(other, { ...DEFAULT_AGGREGATION_CONFIG, sourcePriority: ['Contractors', 'HR'] });
			expect(await mergedInto(other, [c2, h2])).toEqual([null, c2]);
		} finally {
			await disposeOther();
		}
	});

	test('within one source the lowest external id survives, numbers compared as numbers', async () => {
		const [ten, nine] = await addPersons(vault, [
			{ source: 'HR', externalId: '10', nationalId: '5' },
			{ source: 'HR', externalId: '9', nationalId: '5' },
		]);
		await runAggregation(vault);
		expect(await mergedInto(vault, [ten, nine])).toEqual([nine, null]);
	});

	test('a new record matching only an already merged record joins that person', async () => {
		const [hr, payroll] = await addPersons(vault, [
			{ source: 'HR', externalId: '1', nationalId: '42', email: 'ada.work@example.com' },
			{ source: 'Payroll', externalId: '2', nationalId: '42', email: 'ada@example.com' },
		]);
		const config = { ...DEFAULT_AGGREGATION_CONFIG, autoMergeScore: 50, suggestionScore: 30 };
		await runAggregation(vault, config);
		// Shares nothing with the HR survivor: only the merged Payroll record's e-mail.
		const [contractor] = await addPersons(vault, [{ source: 'Contractors', externalId: '3', email: 'ADA@example.com' }]);

		const result = await runAggregation(vault, config);

		expect(result).toMatchObject({ merged: 1, clusters: 1 });
		expect(await mergedInto(vault, [hr, payroll, contractor])).toEqual([null, hr, hr]);
	});

	test('when a higher-priority record joins, it becomes the survivor and earlier merged records follow it', async () => {
		const [payroll, contractor] = await addPersons(vault, [
			{ source: 'Payroll', externalId: '2', nationalId: '42' },
			{ source: 'Contractors', externalId: '3', nationalId: '42' },
		]);
		await runAggregation(vault);
		const [hr] = await addPersons(vault, [{ source: 'HR', externalId: '1', nationalId: '42' }]);

		await runAggregation(vault);

		expect(await mergedInto(vault, [hr, payroll, contractor])).toEqual([null, hr, hr]);
		const active = await vault.db.selectFrom('merges').selectAll().where('undone_at', 'is', null).execute();
		expect(active.map((m) => [m.survivor_id, m.merged_id]).sort()).toEqual([[hr, contractor], [hr, payroll]].sort());
	});

	test('running again on unchanged data merges and suggests nothing new', async () => {
		await addPersons(vault, [
			{ source: 'HR', externalId: '1', nationalId: '1' },
			{ source: 'Payroll', externalId: '2', nationalId: '1' },
			{ source: 'HR', externalId: '3', given: 'Eva', family: 'Dekker', birthDate: '1999-09-09' },
			{ source: 'Payroll', externalId: '4', given: 'Eve', family: 'Dekker', birthDate: '1999-09-09' },
		]);
		const first = await runAggregation(vault);
		expect(first).toMatchObject({ merged: 1, suggestions: 1 });

		const second = await runAggregation(vault);

		expect(second).toMatchObject({ persons: 4, merged: 0, suggestions: 0, clusters: 0 });
		expect(await vault.db.selectFrom('merges').selectAll().execute()).toHaveLength(1);
		expect(await vault.db.selectFrom('merge_suggestions').selectAll().execute()).toHaveLength(1);
	});

	test('a rejected suggestion is not suggested again', async () => {
		await addPersons(vault, [
			{ source: 'HR', externalId: '3', given: 'Eva', family: 'Dekker', birthDate: '1999-09-09' },
			{ source: 'Payroll', externalId: '4', given: 'Eve', family: 'Dekker', birthDate: '1999-09-09' },
		]);
		await runAggregation(vault);
		await vault.db.updateTable('merge_suggestions').set({ status: 'rejected' }).execute();

		expect((await runAggregation(vault)).suggestions).toBe(0);
	});

	test('persons that left their source (gone) are ignored', async () => {
		const [active, gone] = await addPersons(vault, [
			{ source: 'HR', externalId: '1', nationalId: '77' },
			{ source: 'Payroll', externalId: '2', nationalId: '77', status: 'gone' },
		]);

		const result = await runAggregation(vault);

		expect(result).toMatchObject({ persons: 1, candidatePairs: 0, merged: 0 });
		expect(await mergedInto(vault, [active, gone])).toEqual([null, null]);
	});

	test('a never-merge pair is not merged, not even through a third person', async () => {
		const [a, b, c] = await addPersons(vault, [
			{ source: 'HR', externalId: 'A', nationalId: '1', email: 'a@x.nl' },
			{ source: 'Payroll', externalId: 'B', nationalId: '1', given: 'Bo', family: 'Li', birthDate: '2000-01-01' },
			{ source: 'Contractors', externalId: 'C', email: 'a@x.nl', given: 'Bo', family: 'Li', birthDate: '2000-01-01' },
		]);
		await neverMerge(vault, a, b, 'twins');

		// A–B (100) is forbidden; B–C (90) merges; A–C (50) would put A and B in one person.
		const result = await runAggregation(vault, { ...DEFAULT_AGGREGATION_CONFIG, autoMergeScore: 50, suggestionScore: 50 });

		expect(result).toMatchObject({ merged: 1, suggestions: 0 });
		expect(await mergedInto(vault, [a, b, c])).toEqual([null, null, b]);
	});

	test('a never-merge pair is not suggested', async () => {
		const [d, e] = await addPersons(vault, [
			{ source: 'HR', externalId: 'D', given: 'Bo', family: 'Li', birthDate: '2000-01-01' },
			{ source: 'Payroll', externalId: 'E', given: 'Bob', family: 'Li', birthDate: '2000-01-01' },
		]);
		await neverMerge(vault, e, d);

		const result = await runAggregation(vault);

		expect(result).toMatchObject({ candidatePairs: 1, merged: 0, suggestions: 0 });
	});

	test('a value shared by more persons than maxBlockSize identifies nobody and is skipped', async () => {
		await addPersons(vault, [
			{ source: 'HR', externalId: '1', phone: '020-5550000' },
			{ source: 'HR', externalId: '2', phone: '020 555 0000' },
			{ source: 'HR', externalId: '3', phone: '0205550000' },
		]);
		const config = { rules: [{ name: 'Phone', fields: ['phone'], score: 100 }], autoMergeScore: 100, suggestionScore: 50 };

		expect(await runAggregation(vault, { ...config, maxBlockSize: 2 })).toMatchObject({ skippedBlocks: 1, merged: 0 });
		expect(await runAggregation(vault, config)).toMatchObject({ skippedBlocks: 0, merged: 2 });
	});

	test('custom fields can be matched', async () => {
		const [a, b] = await addPersons(vault, [
			{ source: 'HR', externalId: '1', custom: { badge: 'B-17' } },
			{ source: 'Payroll', externalId: '2', custom: { badge: 'b-17' } },
		]);
		const config = { rules: [{ name: 'Badge', fields: ['custom.badge'], score: 100 }], autoMergeScore: 100, suggestionScore: 50 };
		await runAggregation(vault, config);
		expect(await mergedInto(vault, [a, b])).toEqual([null, a]);
	});

	test('a configuration error names the rule and the field', async () => {
		const bad = { rules: [{ name: 'Badge', fields: ['badge'], score: 100 }], autoMergeScore: 100, suggestionScore: 50 };
		await expect(runAggregation(vault, bad)).rejects.toThrow(new AggregationError("Match rule 'Badge' refers to unknown field 'badge'"));
		await expect(runAggregation(vault, { ...DEFAULT_AGGREGATION_CONFIG, autoMergeScore: 40 })).rejects.toThrow(
			'must be a number at least the suggestion score (50)',
		);
		await expect(runAggregation(vault, { ...DEFAULT_AGGREGATION_CONFIG, sourcePriority: ['AFAS'] })).rejects.toThrow(
			"The source priority names unknown source 'AFAS'",
		);
	});
});
