import { getDraft, getPublished, getVersion, listVersions, loadRuleSet, publish, RuleError, saveDraft, type RuleSetDocument } from '../../../lib/rules';
import { forEachBackend, withVault } from '../../support/backends';
import { rule } from './helpers';

const ruleSet = (...names: string[]): RuleSetDocument => ({ rules: names.map((name) => rule({ name })) });
const names = (document: RuleSetDocument | undefined) => document?.rules.map((r) => r.name);

forEachBackend((open) => {
	describe('rule set versions', () => {
		test('saving a draft twice replaces the draft: one draft at a time', async () => {
			await withVault(open, async (vault) => {
				const first = await saveDraft(vault, ruleSet('Staff'), 'first try');
				const second = await saveDraft(vault, ruleSet('Staff', 'Managers'), 'with managers');

				expect(first).toMatchObject({ version: 1, status: 'draft', note: 'first try' });
				expect(second).toMatchObject({ id: first.id, version: 1, status: 'draft', note: 'with managers' });
				expect(names((await getDraft(vault))?.document)).toEqual(['Staff', 'Managers']);
				expect(await listVersions(vault)).toHaveLength(1);
			});
		});

		test('publishing makes the draft the published version; the next save starts a new draft', async () => {
			await withVault(open, async (vault) => {
				await saveDraft(vault, ruleSet('Staff'));
				const published = await publish(vault);
				expect(published).toMatchObject({ version: 1, status: 'published' });
				expect(published.publishedAt).toEqual(expect.any(String));
				expect(await getDraft(vault)).toBeUndefined();

				const draft = await saveDraft(vault, ruleSet('Staff', 'Managers'));
				expect(draft).toMatchObject({ version: 2, status: 'draft' });
				// Enforcement keeps using version 1 while version 2 is a draft.
				expect((await getPublished(vault))?.version).toBe(1);
				expect((await loadRuleSet(vault, 'published')).ruleSet.rules.map((r) => r.name)).toEqual(['Staff']);
				expect((await loadRuleSet(vault, 'draft')).ruleSet.rules.map((r) => r.name)).toEqual(['Staff', 'Managers']);
			});
		});

		test('publishing the next version supersedes the previous one, which stays readable', async () => {
			await withVault(open, async (vault) => {
				await saveDraft(vault, ruleSet('Staff'));
				await publish(vault);
				await saveDraft(vault, ruleSet('Staff', 'Managers'), 'managers get VPN');
				await publish(vault);

				expect(await listVersions(vault)).toEqual([
					expect.objectContaining({ version: 2, status: 'published', note: 'managers get VPN', ruleCount: 2, enabledRuleCount: 2 }),
					expect.objectContaining({ version: 1, status: 'superseded', ruleCount: 1 }),
				]);
				expect(names((await getVersion(vault, 1))?.document)).toEqual(['Staff']);
				expect((await getPublished(vault))?.version).toBe(2);
			});
		});

		test('publishing an earlier version rolls back to it and leaves the draft alone', async () => {
			await withVault(open, async (vault) => {
				await saveDraft(vault, ruleSet('A'));
				await publish(vault);
				await saveDraft(vault, ruleSet('B'));
				await publish(vault);
				await saveDraft(vault, ruleSet('C'));

				await publish(vault, 1);

				const statuses = (await listVersions(vault)).map((v) => [v.version, v.status]);
				expect(statuses).toEqual([
					[3, 'draft'],
					[2, 'superseded'],
					[1, 'published'],
				]);
			});
		});

		test('publishing with no draft, or a version that does not exist, says what to do', async () => {
			await withVault(open, async (vault) => {
				await expect(publish(vault)).rejects.toThrow('There is no draft to publish: save a draft first');
				await saveDraft(vault, ruleSet('A'));
				await expect(publish(vault, 7)).rejects.toThrow('Rule set version 7 does not exist. Versions: 1.');
				await expect(loadRuleSet(vault, 'published')).rejects.toThrow('No rule set is published yet');
			});
		});

		test('an invalid document is not saved, and the error names the rule', async () => {
			await withVault(open, async (vault) => {
				const bad = { rules: [rule({ name: 'VPN', condition: { field: 'contract.titel', operator: 'equals', value: 'x' } })] };
				await expect(saveDraft(vault, bad)).rejects.toThrow(RuleError);
				await expect(saveDraft(vault, bad)).rejects.toThrow("Rule 'VPN' refers to unknown field contract.titel");
				expect(await listVersions(vault)).toEqual([]);
			});
		});

		test('the stored document is the canonical one, with defaults filled in', async () => {
			await withVault(open, async (vault) => {
				await saveDraft(vault, { rules: [{ name: 'Everyone', entitlements: [{ type: 'account', target: 'entraId' }] }] });
				expect((await getDraft(vault))?.document).toEqual({
					rules: [
						{
							name: 'Everyone',
							enabled: true,
							daysBeforeStart: 0,
							daysAfterEnd: 0,
							condition: { match: 'and', conditions: [] },
							entitlements: [
								{ type: 'account', target: 'entraId', timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: null } },
							],
						},
					],
				});
			});
		});
	});
});
