import { excludedPersonIds, excludePerson, includePerson, isExcluded, listExclusions } from '../../../lib/rules';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';

forEachBackend((open) => {
	describe('exclusions', () => {
		test('an excluded person is listed with the reason and their name, and included again', async () => {
			await withVault(open, async (vault) => {
				await addSources(vault, { AFAS: 1 });
				const [anna, piet] = await addPersons(vault, [
					{ source: 'AFAS', externalId: '1001', given: 'Anna', family: 'Jansen' },
					{ source: 'AFAS', externalId: '1002', given: 'Piet', family: 'Smit' },
				]);

				const exclusion = await excludePerson(vault, anna, 'Board member: accounts managed by hand');
				expect(exclusion).toMatchObject({ personId: anna, reason: 'Board member: accounts managed by hand', externalId: '1001', displayName: 'Anna Jansen', source: 'AFAS' });
				expect(await excludedPersonIds(vault)).toEqual(new Set([anna]));

				await excludePerson(vault, anna, 'Long-term leave');
				expect((await listExclusions(vault)).map((e) => e.reason)).toEqual(['Long-term leave']);

				expect(await includePerson(vault, anna)).toBe(true);
				expect(await includePerson(vault, piet)).toBe(false);
				expect(await listExclusions(vault)).toEqual([]);
			});
		});

		test('excluding needs an existing person and a reason', async () => {
			await withVault(open, async (vault) => {
				await addSources(vault, { AFAS: 1 });
				const [anna] = await addPersons(vault, [{ source: 'AFAS', externalId: '1001', given: 'Anna', family: 'Jansen' }]);
				await expect(excludePerson(vault, 'no-such-person', 'x')).rejects.toThrow("Person 'no-such-person' does not exist in the vault");
				await expect(excludePerson(vault, anna, '  ')).rejects.toThrow(`Give a reason for excluding person '${anna}'`);
				expect(await excludedPersonIds(vault)).toEqual(new Set());
			});
		});
	});
});

describe('isExcluded', () => {
	test('an aggregated person is excluded by its own id or the id of any merged record', () => {
		const person = { id: 'survivor', sources: [{ personId: 'survivor' }, { personId: 'merged' }] };
		expect(isExcluded(person, new Set(['merged']))).toBe(true);
		expect(isExcluded(person, new Set(['survivor']))).toBe(true);
		expect(isExcluded(person, new Set(['someone-else']))).toBe(false);
	});
});
