import { generatePopulation } from '../../../bench/population';
import { normalizeDiacritics } from '../../../lib/mapping';
import { byPerson, passesElevenProof } from './rows';

const PERSONS = 4000;
const population = generatePopulation({ persons: PERSONS, seed: 77, secondSourceOverlap: 0.1 });
const hr = byPerson(population.primary.rows);
const payroll = byPerson(population.secondary.rows);
const { overlapPairs } = population.stats;

/** The name without accents (ø and ł folded too), case or extra spaces. */
const normalise = (text: string) => normalizeDiacritics(text).replace(/\s+/g, ' ').trim().toLowerCase();

describe('the Payroll export', () => {
	test('holds the overlap share of HR persons plus about 10% persons of its own, under P-ids', () => {
		expect(population.secondary.source).toBe('Payroll');
		expect(overlapPairs).toHaveLength(PERSONS * 0.1);
		expect(payroll.size).toBe(PERSONS * 0.1 + PERSONS * 0.1);
		expect(population.secondary.persons).toBe(payroll.size);
		expect(population.secondary.contracts).toBe([...payroll.values()].flat().length);
		expect([...payroll.keys()].every((id) => /^P\d+$/.test(id))).toBe(true);
		expect([...payroll.keys()]).toEqual([...payroll.keys()].sort());
	});

	test('lists pairs that share national id and birth date, with the same family name once normalised', () => {
		for (const pair of overlapPairs) {
			const [left, right] = [hr.get(pair.primary)![0], payroll.get(pair.secondary)![0]];
			expect(right.nationalId).toBe(left.nationalId);
			expect(right.birthDate).toBe(left.birthDate);
			expect(normalise(right.familyName)).toBe(normalise(left.familyName));
		}
		expect(new Set(overlapPairs.map((pair) => pair.secondary)).size).toBe(overlapPairs.length);
	});

	test('spells some shared persons differently and gives some another e-mail address', () => {
		const pairs = overlapPairs.map((pair) => [hr.get(pair.primary)![0], payroll.get(pair.secondary)![0]] as const);
		const respelled = pairs.filter(([left, right]) => right.familyName !== left.familyName || right.givenName !== left.givenName);
		const otherEmail = pairs.filter(([left, right]) => right.email !== left.email);
		expect(respelled.length).toBeGreaterThan(pairs.length * 0.2);
		expect(respelled.length).toBeLessThan(pairs.length);
		expect(otherEmail.length).toBeGreaterThan(pairs.length * 0.2);
		expect(otherEmail.length).toBeLessThan(pairs.length);
		expect(pairs.some(([left, right]) => right.familyName === left.familyName.toUpperCase() && left.familyName !== right.familyName)).toBe(true);
		expect(pairs.some(([, right]) => right.familyName !== right.familyName.trim() || right.familyName.includes('  '))).toBe(true);
	});

	test('has own persons that do not appear in HR, with valid BSNs of their own', () => {
		const paired = new Set(overlapPairs.map((pair) => pair.secondary));
		const hrBsns = new Set([...hr.values()].map((list) => list[0].nationalId));
		const own = [...payroll].filter(([id]) => !paired.has(id)).map(([, list]) => list[0]);
		expect(own).toHaveLength(PERSONS * 0.1);
		expect(own.filter((row) => hrBsns.has(row.nationalId))).toEqual([]);
		expect(own.every((row) => passesElevenProof(row.nationalId))).toBe(true);
	});

	test('carries no manager lines, so no row points at an HR id', () => {
		expect([...payroll.values()].flat().filter((row) => row.managerId !== undefined)).toEqual([]);
	});
});
