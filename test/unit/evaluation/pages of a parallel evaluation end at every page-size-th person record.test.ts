import { iterateAggregatedPages } from '../../../lib/aggregation/aggregatedPersons';
import { pageBounds } from '../../../lib/evaluation/plannedPages';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';

forEachBackend((open) => {
	test('the bounds of the pages two threads share are the ids that end the pages one thread reads, for every count of records', async () => {
		await withVault(open, async (vault) => {
			await addSources(vault, { HR: 1 });
			const pageSize = 3;
			for (const count of [0, 1, 3, 4, 6, 7]) {
				const have = (await vault.db.selectFrom('persons').select('id').execute()).length;
				const added = Array.from({ length: count - have }, (_, i) => ({ source: 'HR', externalId: `${have + i}`, given: 'P', family: `${have + i}` }));
				if (added.length > 0) await addPersons(vault, added);

				const ids = (await vault.db.selectFrom('persons').select('id').orderBy('id').execute()).map((row) => row.id);
				// Every full page's last id, in order: a last page that is not full has no bound.
				const expected = ids.filter((_, i) => (i + 1) % pageSize === 0);
				expect({ count, bounds: await pageBounds(vault.db, pageSize) }).toEqual({ count, bounds: expected });

				const sequential: string[] = [];
				for await (const page of iterateAggregatedPages(vault, pageSize)) if (page.persons.length === pageSize) sequential.push(page.persons[pageSize - 1].id);
				expect(await pageBounds(vault.db, pageSize)).toEqual(sequential);
			}
		});
	});
});
