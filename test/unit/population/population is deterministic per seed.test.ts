import { generatePopulation } from '../../../bench/population';

const rowsOf = (seed: number, day: 1 | 2) => {
	const population = generatePopulation({ persons: 1500, seed, day, changeRate: 0.02 });
	return { population, primary: [...population.primary.rows], secondary: [...population.secondary.rows] };
};

describe('a generated population', () => {
	test('is the same, row for row, for the same seed', () => {
		for (const day of [1, 2] as const) {
			const first = rowsOf(42, day);
			const second = rowsOf(42, day);
			expect(second.primary).toEqual(first.primary);
			expect(second.secondary).toEqual(first.secondary);
			expect(second.population.departments).toEqual(first.population.departments);
			expect(second.population.stats).toEqual(first.population.stats);
		}
	});

	test('differs for another seed', () => {
		const first = rowsOf(42, 1);
		const other = rowsOf(43, 1);
		const names = (rows: typeof first.primary) => rows.map((row) => `${row.givenName} ${row.familyName} ${row.nationalId}`);
		expect(names(other.primary)).not.toEqual(names(first.primary));
		const sameBsn = other.primary.filter((row, k) => first.primary[k]?.nationalId === row.nationalId);
		expect(sameBsn).toHaveLength(0);
	});

	test('gives the same rows on a second pass over the same export', () => {
		const { primary } = generatePopulation({ persons: 300, seed: 5 });
		expect([...primary.rows]).toEqual([...primary.rows]);
	});

	test('regenerates one person on their own, identical to the streamed rows', () => {
		const population = generatePopulation({ persons: 800, seed: 9, day: 2, changeRate: 0.05 });
		const rows = [...population.primary.rows];
		for (const id of ['10000001', '10000400', ...population.stats.movers, ...population.stats.joiners]) {
			expect(population.primary.rowsFor(id)).toEqual(rows.filter((row) => row.employeeId === id));
		}
		for (const id of population.stats.removed) expect(population.primary.rowsFor(id)).toEqual([]);
		expect(population.primary.rowsFor('no such id')).toEqual([]);
		const pair = population.stats.overlapPairs[0];
		expect(population.secondary.rowsFor(pair.secondary)[0].nationalId).toBe(population.primary.rowsFor(pair.primary)[0].nationalId);
	});

	test('rejects options it cannot honour, naming the option', () => {
		expect(() => generatePopulation({ persons: 0 })).toThrow(/persons must be a whole number/);
		expect(() => generatePopulation({ persons: 1.5 })).toThrow(/persons/);
		expect(() => generatePopulation({ persons: 10, day: 3 as 1 })).toThrow(/day must be 1 or 2/);
		expect(() => generatePopulation({ persons: 10, changeRate: 2 })).toThrow(/changeRate/);
		expect(() => generatePopulation({ persons: 10, secondSourceOverlap: -0.1 })).toThrow(/secondSourceOverlap/);
	});
});
