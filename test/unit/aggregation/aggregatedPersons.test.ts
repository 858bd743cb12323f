import { iterateAggregatedPersons, loadAggregatedPersons, runAggregation } from '../../../lib/aggregation';
import type { Vault } from '../../../lib/vault/types';
import { addPersons, addSources, openTestVault, TEST_BACKENDS } from './fixtures';

describe.each(TEST_BACKENDS)('aggregated persons for later stages (%s vault)', (backend) => {
	let vault: Vault;
	let dispose: () => Promise<void>;
	beforeEach(async () => {
		({ vault, dispose } = await openTestVault(backend));
		await addSources(vault, { HR: 1, Payroll: 2, Contractors: 3 });
	});
	afterEach(async () => await dispose());

	test('a record whose document cannot be parsed is made from its columns, the others from their documents', async () => {
		const [damaged, intact] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H-7', given: 'Noor', family: 'Visser', email: 'noor@example.com', birthDate: '1990-02-03' },
			{ source: 'HR', externalId: 'H-8', given: 'Sem', family: 'Bakker', contracts: [{ externalId: 'H-8-1', title: 'Nurse' }] },
		]);
		await vault.db.updateTable('persons').set({ data: '{"name": {"given": "No' }).where('id', '=', damaged).execute();

		const persons = await loadAggregatedPersons(vault, { ids: [damaged, intact] });
		const byId = new Map(persons.map((p) => [p.id, p]));
		expect(byId.get(damaged)).toMatchObject({ externalId: 'H-7', source: 'HR', name: { given: 'Noor', family: 'Visser', display: 'Noor Visser' }, email: 'noor@example.com', birthDate: '1990-02-03', contracts: [] });
		expect(byId.get(intact)).toMatchObject({ externalId: 'H-8', name: { given: 'Sem', family: 'Bakker' }, contracts: [{ externalId: 'H-8-1', title: 'Nurse' }] });
		const pages: string[] = [];
		for await (const page of iterateAggregatedPersons(vault, 1)) pages.push(...page.map((p) => p.name.display ?? ''));
		expect(pages.sort()).toEqual(['Noor Visser', 'Sem Bakker']);
	});

	test('conflicting fields come from the highest-priority source that has them; contracts of all records are kept', async () => {
		const [contractor, payroll, hr] = await addPersons(vault, [
			{
				source: 'Contractors',
				externalId: 'C-9',
				given: 'Kim',
				family: 'de Boer',
				nationalId: '555',
				email: 'kim@contractor.example',
				phone: '+31 6 1111 1111',
				custom: { badge: 'C-1', shirtSize: 'M' },
				contracts: [{ externalId: 'C-9-1', title: 'Consultant', startDate: '2020-01-01' }],
			},
			{
				source: 'Payroll',
				externalId: 'P-3',
				given: 'Kimberly',
				family: 'Boer',
				nationalId: '555',
				birthDate: '1985-04-04',
				custom: { badge: 'P-1' },
				contracts: [{ externalId: 'P-3-1', title: 'Analyst', fte: 0.5 }],
			},
			{
				source: 'HR',
				externalId: 'H-1',
				given: 'Kim',
				family: 'de Boer',
				nationalId: '555',
				custom: { badge: '' },
				contracts: [
					{ externalId: 'H-1-1', title: 'Data Analyst', fte: 0.8, department: { code: 'FIN' } },
					{ externalId: 'H-1-2', title: 'Trainer', fte: 0.2 },
				],
			},
		]);
		await runAggregation(vault);

		const [person] = await loadAggregatedPersons(vault, { ids: [payroll] });

		expect(person.id).toBe(hr);
		expect(person).toMatchObject({ externalId: 'H-1', source: 'HR', name: { given: 'Kim', family: 'de Boer' } });
		// HR has no birth date, e-mail or phone: the next source that has one wins.
		expect(person.birthDate).toBe('1985-04-04');
		expect(person.email).toBe('kim@contractor.example');
		expect(person.phone).toBe('+31 6 1111 1111');
		expect(person.custom).toEqual({ badge: 'P-1', shirtSize: 'M' });
		expect(person.primaryContractId).toBe('H-1-1');
		expect(person.sources).toEqual([
			{ source: 'HR', externalId: 'H-1', personId: hr },
			{ source: 'Payroll', externalId: 'P-3', personId: payroll },
			{ source: 'Contractors', externalId: 'C-9', personId: contractor },
		]);
		expect(person.contracts.map((c) => [c.externalId, c.source, c.personId])).toEqual([
			['H-1-1', 'HR', hr],
			['H-1-2', 'HR', hr],
			['P-3-1', 'Payroll', payroll],
			['C-9-1', 'Contractors', contractor],
		]);
		expect(person.contracts[0]).toMatchObject({ title: 'Data Analyst', fte: 0.8, department: { code: 'FIN' } });
	});

	test('source priority for fields can be given per call', async () => {
		const [hr] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H-1', nationalId: '1', email: 'hr@example.com' },
			{ source: 'Payroll', externalId: 'P-1', nationalId: '1', email: 'payroll@example.com' },
		]);
		await runAggregation(vault);
		const [person] = await loadAggregatedPersons(vault, { ids: [hr], sourcePriority: ['Payroll'] });
		expect(person.id).toBe(hr);
		expect(person.email).toBe('payroll@example.com');
	});

	test('gone records are left out, and a person whose records are all gone is not listed', async () => {
		const [active, gone, alone] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H-1', nationalId: '1', contracts: [{ externalId: 'H-1-1' }] },
			{ source: 'Payroll', externalId: 'P-1', nationalId: '1', contracts: [{ externalId: 'P-1-1' }] },
			{ source: 'HR', externalId: 'H-2' },
		]);
		await runAggregation(vault);
		await vault.db.updateTable('persons').set({ status: 'gone' }).where('id', 'in', [gone, alone]).execute();

		const persons = await loadAggregatedPersons(vault);

		expect(persons.map((p) => p.id)).toEqual([active]);
		expect(persons[0].contracts.map((c) => c.externalId)).toEqual(['H-1-1']);
		const withGone = await loadAggregatedPersons(vault, { includeGone: true });
		expect(withGone.map((p) => p.id).sort()).toEqual([active, alone].sort());
	});

	test('a survivor that left its source still stands for its active merged records', async () => {
		const [hr, payroll] = await addPersons(vault, [
			{ source: 'HR', externalId: 'H-1', nationalId: '1', email: 'hr@example.com' },
			{ source: 'Payroll', externalId: 'P-1', nationalId: '1', email: 'payroll@example.com' },
		]);
		await runAggregation(vault);
		await vault.db.updateTable('persons').set({ status: 'gone' }).where('id', '=', hr).execute();

		const [person] = await loadAggregatedPersons(vault);

		expect(person.id).toBe(hr);
		expect(person.email).toBe('payroll@example.com');
		expect(person.sources.map((s) => s.personId)).toEqual([payroll]);
	});

	test('iterating pages gives every person exactly once, in pages of at most the asked size', async () => {
		const records = Array.from({ length: 25 }, (_, i) => ({
			source: i % 2 === 0 ? 'HR' : 'Payroll',
			externalId: `E${i}`,
			// Pairs (0,1), (2,3) ... share a national id: 13 persons after merging.
			nationalId: String(Math.floor(i / 2)),
		}));
		await addPersons(vault, records);
		await runAggregation(vault);

		const pages: number[] = [];
		const seen: string[] = [];
		for await (const page of iterateAggregatedPersons(vault, 4)) {
			pages.push(page.length);
			seen.push(...page.flatMap((p) => p.sources.map((s) => s.externalId)));
		}

		expect(pages.reduce((sum, n) => sum + n, 0)).toBe(13);
		expect(pages.length).toBeGreaterThan(3);
		expect(Math.max(...pages)).toBeLessThanOrEqual(4);
		expect(seen.sort()).toEqual(records.map((r) => r.externalId).sort());
	});
});
