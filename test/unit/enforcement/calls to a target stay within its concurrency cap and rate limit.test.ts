import { enforcePlan } from '../../../lib/enforcement';
import { forEachBackend, withVault } from '../../support/backends';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { POPULATION_DAY1, populationPlan } from './populationVault';

forEachBackend((open) => {
	test('never more calls at once than the concurrency allows, and more than one when it allows more', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, 40);
			const capped = createMemoryConnector(new FakeDirectory(), { target: 'activeDirectory', callMs: 5 });
			const preview = { planId, asOf: POPULATION_DAY1, dryRun: true };
			await enforcePlan(vault, capped, { ...preview, concurrency: 2 });
			expect(capped.maxInFlight).toBe(2);
			const single = createMemoryConnector(new FakeDirectory(), { target: 'activeDirectory', callMs: 5 });
			await enforcePlan(vault, single, { ...preview, concurrency: 1 });
			expect(single.maxInFlight).toBe(1);
		});
	}, 60_000);

	test('calls per second: consecutive calls start at least 1/rate apart', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, 5);
			const connector = createMemoryConnector(new FakeDirectory(), { target: 'activeDirectory' });
			await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1, dryRun: true, ratePerSecond: 50, concurrency: 4, actions: ['create'] });
			const starts = connector.startedAt;
			expect(starts.length).toBeGreaterThan(3);
			// bottleneck schedules call k at least k x 20 ms after the first; without a limit they start
			// together. A busy event loop can start one call a few ms late, which shortens the gap after
			// it (a CI run saw 16.2 ms): every gap is checked to be far from 0, and the average close to 20 ms.
			for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(10);
			expect((starts[starts.length - 1] - starts[0]) / (starts.length - 1)).toBeGreaterThanOrEqual(17);
		});
	}, 60_000);
});
