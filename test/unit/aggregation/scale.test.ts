import { iterateAggregatedPersons, runAggregation } from '../../../lib/aggregation';
import type { Vault } from '../../../lib/vault/types';
import { addPersons, addSources, memoryVault, type TestPerson } from './fixtures';

/**
 * A population built so every match is known by construction: each base person has a
 * unique birth date and a unique given+family pair, so base persons never match each other;
 * every 25th base person gets duplicates of one kind.
 */
const BASE = 20_000;
const EVERY = 25;
const PREFIXES = ['Jan', 'Van', 'Ber', 'Dek', 'Mül', 'Sø', 'Kuy', 'Hol', 'Vis', 'Bak', 'Sme', 'Mey', 'Bos', 'Vos', 'Dijk', 'Pos', 'Kok', 'Jon', 'Lam', 'Hen', 'Wil', 'Brö', 'Gra', 'Ros', 'Zwa'];
const SUFFIXES = ['sen', 'ker', 'man', 'ling', 'stra', 'huis', 'berg', 'kamp', 'veld', 'hof', 'ink', 'ema', 'ens', 'ers', 'ma', 'ter', 'ijk', 'ert', 'ond', 'é'];
const GIVEN = ['Anna', 'Émile', 'Bram', 'Chloë', 'Daan', 'Eva', 'Finn', 'Gijs', 'Hanna', 'Ivo', 'Julia', 'Koen', 'Lotte', 'Milan', 'Noor', 'Olaf', 'Pien', 'Quinn', 'Ruben', 'Sanne', 'Thijs', 'Uma', 'Vera', 'Wout', 'Xander', 'Yara', 'Zoë', 'Anouk', 'Bas', 'Cas', 'Dewi', 'Elin', 'Fleur', 'Guus', 'Hugo', 'Isa', 'Jesse', 'Kiki', 'Lars', 'Mees'];
const FAMILIES = PREFIXES.flatMap((p) => SUFFIXES.map((s) => p + s)); // 500, with the 40 given names: 20,000 unique pairs

type Kind = 'sameNationalId' | 'sameBirthDateAndFamily' | 'chainOfThree' | 'sameNameOnly';
const KINDS: Kind[] = ['sameNationalId', 'sameBirthDateAndFamily', 'chainOfThree', 'sameNameOnly'];

function day(offset: number): string {
	return new Date(Date.UTC(1950, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

function population(): { persons: TestPerson[]; perKind: Record<Kind, number> } {
	const persons: TestPerson[] = [];
	const perKind = { sameNationalId: 0, sameBirthDateAndFamily: 0, chainOfThree: 0, sameNameOnly: 0 };
	for (let i = 0; i < BASE; i++) {
		const given = GIVEN[i % GIVEN.length];
		const family = FAMILIES[Math.floor(i / GIVEN.length)];
		const nationalId = String(100_000_000 + i);
		const base = { source: 'HR', externalId: `H${i}`, given, family, birthDate: day(i), nationalId, email: `p${i}@example.com` };
		persons.push(base);
		if (i % EVERY !== 0) continue;
		const kind = KINDS[(i / EVERY) % KINDS.length];
		perKind[kind]++;
		const dupEmail = `dup${i}@example.org`;
		const dottedId = `${nationalId.slice(0, 3)}.${nationalId.slice(3, 6)}.${nationalId.slice(6)}`;
		if (kind === 'sameNationalId') {
			persons.push({ source: 'Payroll', externalId: `P${i}`, given: given.toUpperCase(), family, birthDate: day(i), nationalId: dottedId, email: dupEmail });
		} else if (kind === 'sameBirthDateAndFamily') {
			persons.push({ source: 'Payroll', externalId: `P${i}`, given: `X${given}`, family: ` ${family.toUpperCase()} `, birthDate: day(i), email: dupEmail });
		} else if (kind === 'chainOfThree') {
			persons.push({ source: 'Payroll', externalId: `P${i}`, given, family, birthDate: day(i), nationalId: dottedId, email: dupEmail });
			persons.push({ source: 'Contractors', externalId: `C${i}`, given, family, birthDate: day(i), email: dupEmail.toUpperCase() });
		} else {
			// Same name, another birth date (after every base birth date): 30 points, below the suggestion score.
			persons.push({ source: 'Payroll', externalId: `P${i}`, given, family, birthDate: day(BASE + i), email: dupEmail });
		}
	}
	return { persons, perKind };
}

describe('aggregation of a large population', () => {
	let vault: Vault;
	beforeAll(async () => {
		vault = await memoryVault();
		await addSources(vault, { HR: 1, Payroll: 2, Contractors: 3 });
	});
	afterAll(async () => await vault.close());

	test('about 20,000 persons with 5% duplicates: exactly the planted duplicates are merged or suggested', async () => {
		const { persons, perKind } = population();
		await addPersons(vault, persons);

		const result = await runAggregation(vault);

		expect(result).toMatchObject({
			persons: persons.length,
			// chainOfThree plants three matching pairs; base–second duplicate (90) is inside the cluster, so not suggested.
			candidatePairs: perKind.sameNationalId + perKind.sameBirthDateAndFamily + 3 * perKind.chainOfThree + perKind.sameNameOnly,
			merged: perKind.sameNationalId + 2 * perKind.chainOfThree,
			clusters: perKind.sameNationalId + perKind.chainOfThree,
			suggestions: perKind.sameBirthDateAndFamily,
			skippedBlocks: 0,
		});
		// Every merged record points at its HR base person, the highest-priority source.
		const wrongSurvivor = await vault.db
			.selectFrom('persons as m')
			.innerJoin('persons as s', 's.id', 'm.merged_into')
			.innerJoin('sources', 'sources.id', 's.source_id')
			.select('m.id')
			.where('sources.name', '<>', 'HR')
			.execute();
		expect(wrongSurvivor).toEqual([]);

		let aggregated = 0;
		for await (const page of iterateAggregatedPersons(vault, 2000)) aggregated += page.length;
		expect(aggregated).toBe(persons.length - result.merged);

		expect(await runAggregation(vault)).toMatchObject({ merged: 0, suggestions: 0, clusters: 0 });
	});
});
