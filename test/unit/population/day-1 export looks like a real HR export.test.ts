import { type ContractRow, generatePopulation, POPULATION_DAY1 } from '../../../bench/population';
import { activeOn, byPerson, passesElevenProof } from './rows';

const PERSONS = 4000;
const population = generatePopulation({ persons: PERSONS, seed: 2026 });
const rows = [...population.primary.rows];
const persons = byPerson(rows);
const departments = new Map(population.departments.map((department) => [department.code, department]));

describe('the day-1 HR export', () => {
	test('has the persons asked for, about 1.3 contracts each, and counts that match its rows', () => {
		expect(persons.size).toBe(PERSONS);
		expect(population.primary.persons).toBe(PERSONS);
		expect(population.primary.contracts).toBe(rows.length);
		expect(rows.length / PERSONS).toBeGreaterThan(1.2);
		expect(rows.length / PERSONS).toBeLessThan(1.4);
		const counts = [...persons.values()].map((list) => list.length);
		expect(Math.max(...counts)).toBe(3);
		expect(new Set(rows.map((row) => row.contractId)).size).toBe(rows.length);
	});

	test('keeps the rows of a person together, persons in employee id order', () => {
		const order = rows.map((row) => row.employeeId).filter((id, k, ids) => id !== ids[k - 1]);
		expect(order).toHaveLength(PERSONS);
		expect([...order].sort()).toEqual(order);
		expect(population.primary.source).toBe('HR');
	});

	test('gives every person a well-formed BSN passing the 11-proof, no two alike', () => {
		const bsns = [...persons.values()].map((list) => list[0].nationalId);
		expect(bsns.filter((bsn) => !passesElevenProof(bsn))).toEqual([]);
		expect(new Set(bsns).size).toBe(PERSONS);
	});

	test('repeats the person fields on each contract row', () => {
		const personKeys = ['givenName', 'familyName', 'birthDate', 'nationalId', 'email', 'phone', 'namingConvention', 'initials'] as const;
		for (const list of persons.values()) {
			for (const key of personKeys) expect(new Set(list.map((row) => row[key])).size).toBe(1);
		}
	});

	test('has a department tree with one root, no cycles, 3 to 5 levels and about 40 persons per department', () => {
		const roots = population.departments.filter((department) => !department.parentCode);
		expect(roots).toHaveLength(1);
		expect(population.departments.length).toBe(PERSONS / 40);
		expect(departments.size).toBe(population.departments.length);
		let deepest = 0;
		for (const department of population.departments) {
			const seen = new Set<string>();
			let current: typeof department | undefined = department;
			while (current) {
				expect(seen.has(current.code)).toBe(false);
				seen.add(current.code);
				current = current.parentCode === undefined ? undefined : departments.get(current.parentCode);
				if (current === undefined) expect(seen.has(roots[0].code)).toBe(true);
			}
			deepest = Math.max(deepest, seen.size);
		}
		expect(deepest).toBeGreaterThanOrEqual(3);
		expect(deepest).toBeLessThanOrEqual(5);
		expect(population.stats.departmentLevels).toBe(deepest);
		expect(rows.filter((row) => departments.get(row.departmentCode)?.name !== row.departmentName)).toEqual([]);
	});

	test('gives each department a manager working in that department or its parent', () => {
		for (const department of population.departments) {
			const managerRows = persons.get(department.managerId as string);
			expect(managerRows).toBeDefined();
			const codes = (managerRows as ContractRow[]).filter((row) => activeOn(row, POPULATION_DAY1)).map((row) => row.departmentCode);
			expect(codes.includes(department.code) || codes.includes(department.parentCode as string)).toBe(true);
		}
	});

	test('only names managers that are employees in the export, usually the department manager', () => {
		const withManager = rows.filter((row) => row.managerId !== undefined);
		expect(withManager.filter((row) => !persons.has(row.managerId as string))).toEqual([]);
		expect(withManager.every((row) => row.managerId !== row.employeeId)).toBe(true);
		const departmentManager = withManager.filter((row) => row.managerId === departments.get(row.departmentCode)?.managerId);
		expect(departmentManager.length / rows.length).toBeGreaterThan(0.7);
		expect(withManager.length).toBeLessThan(rows.length); // some rows leave it to the department
		expect(departmentManager.length).toBeLessThan(withManager.length); // some report to another manager
	});

	test('has manager lines that end at one CEO', () => {
		const root = population.departments.find((department) => !department.parentCode)!;
		const ceo = root.managerId as string;
		// The manager of a person: the main contract's, else the department's, else up the tree.
		const managerOf = (id: string): string | undefined => {
			const main = (persons.get(id) as ContractRow[])[0];
			if (main.managerId) return main.managerId;
			for (let code: string | undefined = main.departmentCode; code; code = departments.get(code)?.parentCode) {
				const manager = departments.get(code)?.managerId;
				if (manager && manager !== id) return manager;
			}
			return undefined;
		};
		expect(managerOf(ceo)).toBeUndefined();
		for (const department of population.departments) {
			let id: string | undefined = department.managerId;
			const chain: string[] = [];
			while (id && !chain.includes(id)) {
				chain.push(id);
				id = managerOf(id);
			}
			expect(id).toBeUndefined(); // no loop
			expect(chain[chain.length - 1]).toBe(ceo);
		}
	});

	test('has current, ended and future-dated contracts, with valid dates and FTEs', () => {
		for (const row of rows) {
			expect(row.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			if (row.endDate) expect(row.endDate >= row.startDate).toBe(true);
			expect(row.fte).toBeGreaterThanOrEqual(0.2);
			expect(row.fte).toBeLessThanOrEqual(1);
			expect(['permanent', 'temporary', 'intern', 'external']).toContain(row.contractType);
			expect(row.birthDate < row.startDate).toBe(true);
		}
		const ended = rows.filter((row) => row.endDate && row.endDate < POPULATION_DAY1);
		const future = rows.filter((row) => row.startDate > POPULATION_DAY1);
		expect(ended.length).toBeGreaterThan(PERSONS * 0.05);
		expect(future.length).toBeGreaterThan(PERSONS * 0.01);
		expect(new Set(rows.map((row) => row.contractType)).size).toBe(4);
	});

	test('lists as having left exactly those persons without a current or future contract', () => {
		const left = [...persons].filter(([, list]) => list.every((row) => row.endDate && row.endDate < POPULATION_DAY1)).map(([id]) => id);
		expect(population.stats.leftBeforeDay1).toEqual(left);
		expect(left.length).toBeGreaterThan(0);
	});

	test('has names with diacritics, prefixes, partner names and the tricky names escaping must survive', () => {
		const people = [...persons.values()].map((list) => list[0]);
		const nonAscii = people.filter((row) => /[^\x20-\x7e]/.test(`${row.givenName}${row.familyName}`));
		expect(nonAscii.length).toBeGreaterThan(PERSONS * 0.05);
		const prefixes = new Set(people.map((row) => row.familyPrefix).filter(Boolean));
		for (const prefix of ['van', 'de', 'van der', 'ter']) expect(prefixes).toContain(prefix);
		const families = new Set(people.map((row) => row.familyName));
		for (const name of ["O'Brien, Jr. (Sales)*", '#Müller\\', "O'Brien", 'Müller', 'Özdemir']) expect(families).toContain(name);
		const givens = new Set(people.map((row) => row.givenName));
		for (const name of ['Łukasz', 'José', 'Zoë']) expect(givens).toContain(name);
		expect(people.filter((row) => row.nickName).length).toBeGreaterThan(0);
		const conventions = new Set(people.filter((row) => row.partnerFamilyName).map((row) => row.namingConvention));
		expect([...conventions].sort()).toEqual(['B', 'BP', 'P', 'PB']);
		expect(people.filter((row) => !row.partnerFamilyName).every((row) => row.namingConvention === 'B')).toBe(true);
	});

	test('has many persons sharing a given and family name, but never an e-mail address', () => {
		const people = [...persons.values()].map((list) => list[0]);
		const names = new Map<string, number>();
		for (const row of people) {
			const name = `${row.givenName} ${row.familyPrefix ?? ''} ${row.familyName}`;
			names.set(name, (names.get(name) ?? 0) + 1);
		}
		const sharing = [...names.values()].filter((count) => count > 1).reduce((total, count) => total + count, 0);
		expect(sharing).toBeGreaterThan(PERSONS * 0.2);
		expect(Math.max(...names.values())).toBeGreaterThanOrEqual(10);
		expect(new Set(people.map((row) => row.email.toLowerCase())).size).toBe(PERSONS);
	});
});
