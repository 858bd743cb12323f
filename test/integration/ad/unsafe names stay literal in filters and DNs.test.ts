import { randomInt } from 'node:crypto';

import type { TargetConnector } from '../../../lib/enforcement/connector';
import { createActiveDirectoryConnector } from '../../../lib/targets/activeDirectory';
import { escapeDnValue, escapeFilterValue, parseDn } from '../../../lib/targets/activeDirectory/escape';
import { makeSubject, randomLetters, runContext } from '../../contract/connectorContract';
import { describeWithAd, withAdClient, withTestOu, type TestOu } from '../../support/ad';
import { adConnectorConfig, readAdAccount } from './adConnectorSetup';

const UNSAFE = ["O'Brien, Jr. (Sales)*", '#Müller\\', ' Leading and trailing ', 'a+b=c;d<e>"f"', 'Ünïcødé 日本 \\, \\2a'];

describeWithAd('unsafe names stay literal in filters and DNs', (settings) => {
	let ou: TestOu;
	let connector: TargetConnector;
	beforeEach(async () => {
		ou = await withTestOu(settings);
		const config = adConnectorConfig(settings, ou);
		// A sAMAccountName cannot hold these characters; the cn (display name) can.
		config.accounts.unique.sAMAccountName = [{ type: 'template', template: 'u{{person.externalId | stripNonAlphanumeric | lower | right(12)}}' }];
		connector = createActiveDirectoryConnector(config);
	});
	afterEach(async () => {
		await connector.close();
		await ou.dispose();
	});

	test.each(UNSAFE)('a user whose cn is %j is written with an escaped DN and found by an escaped filter', async (cn) => {
		await withAdClient(settings, async (client) => {
			const dn = `CN=${escapeDnValue(cn)},${ou.usersOu}`;
			await client.add(dn, { objectClass: 'user', sAMAccountName: `u${randomLetters(10)}` });
			try {
				// A decoy whose cn a wildcard or an unescaped backslash would also match.
				await client.add(`CN=${escapeDnValue(`${cn}x`)},${ou.usersOu}`, { objectClass: 'user', sAMAccountName: `d${randomLetters(10)}` });
				const { searchEntries } = await client.search(ou.dn, { filter: `(cn=${escapeFilterValue(cn)})`, attributes: ['cn'] });
				expect(searchEntries.map((entry) => entry.cn)).toEqual([cn]);
				expect(parseDn(searchEntries[0].dn)[0]).toEqual({ type: 'CN', value: cn });
			} finally {
				// Deleted here: a DN ending in an escaped backslash confuses simple DN splitting.
				for (const name of [`${cn}x`, cn]) await client.del(`CN=${escapeDnValue(name)},${ou.usersOu}`).catch(() => undefined);
			}
		});
	});

	test('a correlation value with filter characters matches only itself, never every account', async () => {
		await withAdClient(settings, (client) =>
			client.add(`CN=seed-${randomLetters(6)},${ou.usersOu}`, { objectClass: 'user', sAMAccountName: `s${randomLetters(10)}`, employeeID: 'EMP-1' }),
		);
		for (const externalId of ['*', 'EMP-1)(employeeID=*', 'EMP-*', 'EMP-1\\']) {
			expect(await connector.correlate(makeSubject({ externalId }))).toEqual([]);
		}
	});

	test.each(UNSAFE)('the connector creates, finds, disables and moves, groups and deletes an account for a person named %j', async (family) => {
		const externalId = `id(${randomInt(1e6)})*\\`;
		const subject = makeSubject({ externalId, given: 'Zoë', family });
		const created = await connector.create(subject, { enabled: true }, runContext());
		const dn = String(created.account.attributes.distinguishedName);
		expect(parseDn(dn)[0].value).toBe(`Zoë ${family}`);
		try {
			expect((await connector.correlate(subject)).map((account) => account.ref)).toEqual([created.account.ref]);

			const disabled = await connector.disable(created.account, subject, runContext());
			expect(disabled.result).toBe('done');
			const moved = await withAdClient(settings, (client) => readAdAccount(client, settings.baseDN, created.account.ref));
			expect(moved).toMatchObject({ enabled: false, attributes: { cn: `Zoë ${family}`, employeeID: externalId } });
			expect(parseDn(moved!.container!).map((rdn) => rdn.value)).toEqual(parseDn(ou.disabledOu).map((rdn) => rdn.value));

			const groupName = `GRP ${family}`.slice(0, 60);
			await withAdClient(settings, (client) =>
				client.add(`CN=${escapeDnValue(groupName)},${ou.groupsOu}`, { objectClass: 'group', sAMAccountName: `g${randomLetters(12)}` }),
			);
			const group = { key: `group:${groupName}`, name: groupName };
			expect((await connector.grant(created.account, group, runContext())).result).toBe('done');
			expect((await connector.grant(created.account, group, runContext())).result).toBe('noChange');
			expect((await connector.revoke(created.account, group, runContext())).result).toBe('done');
			await withAdClient(settings, (client) => client.del(`CN=${escapeDnValue(groupName)},${ou.groupsOu}`));
		} finally {
			expect((await connector.delete(created.account, runContext())).result).toBe('done');
		}
	});
});
