import { chunks, generatePopulation } from '../../../bench/population';
import * as person from '../../../bench/population/person';

describe('a population of a million persons', () => {
	afterEach(() => jest.restoreAllMocks());

	test('yields its first 1000 rows building only the persons in them', () => {
		const built = jest.spyOn(person, 'draftPerson');
		const population = generatePopulation({ persons: 1_000_000, seed: 3 });
		expect(Array.isArray(population.primary.rows)).toBe(false);
		expect(population.primary.persons).toBe(1_000_000);
		expect(built).not.toHaveBeenCalled();

		const iterator = population.primary.rows[Symbol.iterator]();
		const ids = new Set<string>();
		for (let n = 0; n < 1000; n++) {
			const next = iterator.next();
			expect(next.done).toBe(false);
			ids.add(next.value.employeeId);
		}
		expect(built).toHaveBeenCalledTimes(ids.size);
		expect(ids.size).toBeLessThan(1000);
		expect(iterator.next().done).toBe(false);
	});

	test('has day-2 stats listing about 1% changes', () => {
		const { stats } = generatePopulation({ persons: 1_000_000, seed: 3, day: 2 });
		const changed = stats.joiners.length + stats.movers.length + stats.leavers.length + stats.rehires.length + stats.attributeChanges.length;
		expect(changed).toBeGreaterThan(9_000);
		expect(changed).toBeLessThan(11_000);
		expect(stats.departments).toBe(25_000);
		expect(stats.overlapPairs).toHaveLength(50_000);
	});
});

describe('chunks', () => {
	test('splits rows into arrays of the chunk size, the last one shorter', () => {
		const population = generatePopulation({ persons: 250, seed: 8 });
		const all = [...population.primary.rows];
		const parts = [...chunks(population.primary.rows, 100)];
		expect(parts.map((part) => part.length)).toEqual([...Array(Math.floor(all.length / 100)).fill(100), all.length % 100].filter(Boolean));
		expect(parts.flat()).toEqual(all);
	});

	test('pulls only as many items as the chunks taken so far need', () => {
		let pulled = 0;
		function* counting() {
			for (let n = 0; n < 1e9; n++) {
				pulled++;
				yield n;
			}
		}
		const iterator = chunks(counting(), 10);
		expect(iterator.next().value).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(pulled).toBe(10);
	});

	test('refuses a chunk size below one', () => {
		expect(() => [...chunks([1, 2], 0)]).toThrow(/Chunk size/);
	});
});
