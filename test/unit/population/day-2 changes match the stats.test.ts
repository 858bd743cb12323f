import { type ContractRow, generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { byPerson } from './rows';

const PERSONS = 5000;
const CHANGE_RATE = 0.03;
const options = { persons: PERSONS, seed: 11, changeRate: CHANGE_RATE };
const day1 = generatePopulation({ ...options, day: 1 });
const day2 = generatePopulation({ ...options, day: 2 });
const rows1 = [...day1.primary.rows];
const rows2 = [...day2.primary.rows];
const before = byPerson(rows1);
const after = byPerson(rows2);
const { stats } = day2;

const PERSON_FIELDS = new Set(['givenName', 'nickName', 'familyPrefix', 'familyName', 'partnerFamilyPrefix', 'partnerFamilyName', 'namingConvention', 'initials', 'birthDate', 'nationalId', 'email', 'phone', 'gender']);

/** Employed on a day: a contract running then or signed for later. */
const employedOn = (list: ContractRow[], day: string) => list.some((row) => !row.endDate || row.endDate >= day);
const differingFields = (a: ContractRow, b: ContractRow) =>
	[...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key as keyof ContractRow] !== b[key as keyof ContractRow]);

describe('the day-2 HR export', () => {
	test('uses fixed reference dates', () => {
		expect(POPULATION_DAY1).toBe('2026-01-05');
		expect(POPULATION_DAY2).toBe('2026-01-06');
		expect(day2.day).toBe(2);
	});

	test('changes about the change rate of the persons, with every kind of change', () => {
		const changed = new Set([...stats.joiners, ...stats.movers, ...stats.leavers, ...stats.rehires, ...stats.attributeChanges]);
		expect(changed.size).toBeGreaterThan(PERSONS * CHANGE_RATE * 0.8);
		expect(changed.size).toBeLessThan(PERSONS * CHANGE_RATE * 1.2);
		for (const list of [stats.joiners, stats.movers, stats.leavers, stats.removed, stats.rehires, stats.attributeChanges]) {
			expect(list.length).toBeGreaterThanOrEqual(3);
		}
		const kinds = [stats.joiners, stats.movers, stats.leavers, stats.rehires, stats.attributeChanges];
		expect(kinds.reduce((total, list) => total + list.length, 0)).toBe(changed.size); // no one in two kinds
		expect(stats.removed.every((id) => stats.leavers.includes(id))).toBe(true);
		expect(stats.leavers.length).toBeGreaterThan(stats.removed.length);
	});

	test('counts its persons and contracts as they are in the rows', () => {
		expect(after.size).toBe(PERSONS + stats.joiners.length - stats.removed.length);
		expect(day2.primary.persons).toBe(after.size);
		expect(day2.primary.contracts).toBe(rows2.length);
		const order = rows2.map((row) => row.employeeId).filter((id, k, ids) => id !== ids[k - 1]);
		expect(order).toEqual([...after.keys()].sort());
	});

	test('has as joiners exactly the new employee ids, starting on day 2 or later', () => {
		const added = [...after.keys()].filter((id) => !before.has(id));
		expect(added).toEqual(stats.joiners);
		const lastDay1Id = [...before.keys()].sort().pop() as string;
		for (const id of stats.joiners) {
			expect(id > lastDay1Id).toBe(true);
			for (const row of after.get(id)!) expect(row.startDate >= POPULATION_DAY2).toBe(true);
		}
	});

	test('has as removed leavers exactly the persons missing on day 2', () => {
		expect([...before.keys()].filter((id) => !after.has(id))).toEqual(stats.removed);
	});

	test('has as leavers exactly the persons employed on day 1 and no longer on day 2', () => {
		const left = [...before].filter(([id, list]) => employedOn(list, POPULATION_DAY1) && !(after.has(id) && employedOn(after.get(id)!, POPULATION_DAY2)));
		expect(left.map(([id]) => id)).toEqual(stats.leavers);
		for (const id of stats.leavers.filter((leaver) => !stats.removed.includes(leaver))) {
			// Ended on or before the day-2 date, whether the end date counts as a working day or not.
			for (const row of after.get(id)!) expect(row.endDate! < POPULATION_DAY2).toBe(true);
		}
	});

	test('has as rehires exactly the persons who had left before day 1 and have a new contract on day 2', () => {
		const back = [...before].filter(([id, list]) => !employedOn(list, POPULATION_DAY1) && after.has(id) && employedOn(after.get(id)!, POPULATION_DAY2));
		expect(back.map(([id]) => id)).toEqual(stats.rehires);
		for (const id of stats.rehires) {
			expect(day1.stats.leftBeforeDay1).toContain(id);
			const [old, added] = [before.get(id)!, after.get(id)!];
			expect(added.slice(0, old.length)).toEqual(old);
			expect(added).toHaveLength(old.length + 1);
			expect(added[old.length].startDate >= POPULATION_DAY2).toBe(true);
			expect(added[old.length].contractId).not.toBe(old[old.length - 1].contractId);
		}
	});

	test('changes only the main contract of movers: department, title or manager', () => {
		const moved = [...before].filter(([id, list]) => {
			const next = after.get(id);
			return next && !stats.rehires.includes(id) && !stats.leavers.includes(id) && differingFields(list[0], next[0]).some((field) => !PERSON_FIELDS.has(field));
		});
		expect(moved.map(([id]) => id)).toEqual(stats.movers);
		const kinds = new Set<string>();
		for (const id of stats.movers) {
			const fields = differingFields(before.get(id)![0], after.get(id)![0]);
			expect(stats.changedFields[id]).toEqual(fields);
			expect(fields.every((field) => ['departmentCode', 'departmentName', 'costCentre', 'location', 'employer', 'jobTitle', 'managerId'].includes(field))).toBe(true);
			for (const field of ['departmentCode', 'jobTitle', 'managerId']) if (fields.includes(field)) kinds.add(field);
			expect(after.get(id)!.slice(1)).toEqual(before.get(id)!.slice(1));
		}
		expect([...kinds].sort()).toEqual(['departmentCode', 'jobTitle', 'managerId']);
	});

	test('changes only person fields for attribute changes: e-mail, phone or name', () => {
		const changed = [...before].filter(([id, list]) => {
			const next = after.get(id);
			return next && !stats.movers.includes(id) && !stats.rehires.includes(id) && !stats.leavers.includes(id) && differingFields(list[0], next[0]).length > 0;
		});
		expect(changed.map(([id]) => id)).toEqual(stats.attributeChanges);
		const seen = new Set<string>();
		for (const id of stats.attributeChanges) {
			const fields = differingFields(before.get(id)![0], after.get(id)![0]);
			expect(stats.changedFields[id]).toEqual(fields);
			expect(fields.every((field) => ['email', 'phone', 'partnerFamilyPrefix', 'partnerFamilyName', 'namingConvention'].includes(field))).toBe(true);
			for (const field of fields) seen.add(field === 'email' || field === 'phone' ? field : 'name');
		}
		expect([...seen].sort()).toEqual(['email', 'name', 'phone']);
	});

	test('leaves everyone else exactly as on day 1', () => {
		const changed = new Set([...stats.movers, ...stats.leavers, ...stats.rehires, ...stats.attributeChanges]);
		for (const [id, list] of before) if (!changed.has(id)) expect(after.get(id)).toEqual(list);
	});

	test('still only names managers that are in the export', () => {
		const missing = rows2.filter((row) => row.managerId && !after.has(row.managerId));
		expect(missing).toEqual([]);
		expect(day2.departments.filter((department) => !after.has(department.managerId as string))).toEqual([]);
	});

	test('equals day 1 when nothing changes', () => {
		const still = generatePopulation({ persons: 500, seed: 4, changeRate: 0, day: 2 });
		expect([...still.primary.rows]).toEqual([...generatePopulation({ persons: 500, seed: 4, changeRate: 0 }).primary.rows]);
		expect(still.stats.joiners.length + still.stats.leavers.length + still.stats.rehires.length).toBe(0);
	});
});
