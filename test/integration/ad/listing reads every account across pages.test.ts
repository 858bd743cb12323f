import { searchPaged } from '../../../lib/targets/activeDirectory/connection';
import { randomLetters } from '../../contract/connectorContract';
import { describeWithAd, withAdClient, withTestOu } from '../../support/ad';

describeWithAd('listing reads every account across pages', (settings) => {
	test('seven users read two at a time come back once each', async () => {
		const ou = await withTestOu(settings);
		try {
			const names = Array.from({ length: 7 }, () => `pg${randomLetters(10)}`);
			const listed = await withAdClient(settings, async (client) => {
				for (const name of names) await client.add(`CN=${name},${ou.usersOu}`, { objectClass: 'user', sAMAccountName: name });
				const found: string[] = [];
				for await (const entry of searchPaged(client, ou.dn, { filter: '(objectClass=user)', attributes: ['sAMAccountName'], pageSize: 2 })) {
					found.push(String(entry.sAMAccountName));
				}
				return found;
			});
			expect(listed.sort()).toEqual([...names].sort());
		} finally {
			await ou.dispose();
		}
	});
});
