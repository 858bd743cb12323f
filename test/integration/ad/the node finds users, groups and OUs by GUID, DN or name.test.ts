import { directoryAccount, getDirectoryObject, searchDirectory, type ActiveDirectoryConnection } from '../../../lib/targets/activeDirectory';
import { escapeDnValue } from '../../../lib/targets/activeDirectory/escape';
import { randomLetters } from '../../contract/connectorContract';
import { describeWithAd, withAdClient, withTestOu, type TestOu } from '../../support/ad';
import { guidOf } from './adConnectorSetup';

describeWithAd('the node finds users, groups and OUs by GUID, DN or name', (settings) => {
	let ou: TestOu;
	let connection: ActiveDirectoryConnection;
	const sam = `lk${randomLetters(10)}`;
	const cn = `Lookup (${randomLetters(4)}), *Test*`;
	let userDn: string;
	let guid: string;
	beforeAll(async () => {
		ou = await withTestOu(settings);
		connection = { urls: [settings.url], security: 'ldaps', bindDn: settings.bindDN, password: settings.bindPassword, caCertificate: settings.caCertificate, baseDn: settings.baseDN };
		userDn = `CN=${escapeDnValue(cn)},${ou.usersOu}`;
		await withAdClient(settings, async (client) => {
			await client.add(userDn, { objectClass: 'user', sAMAccountName: sam, employeeID: 'LK-1', mail: `${sam}@example.test` });
			await client.add(`CN=${sam}-group,${ou.groupsOu}`, { objectClass: 'group', sAMAccountName: `${sam}-g` });
			guid = await guidOf(client, userDn);
		});
	});
	afterAll(async () => {
		await ou.dispose();
	});

	test('a user is found by objectGUID, by DN and by sAMAccountName, always as the same object', async () => {
		const byGuid = await getDirectoryObject(connection, 'user', guid);
		expect(byGuid).toMatchObject({ kind: 'user', guid, dn: userDn, name: sam, container: ou.usersOu, enabled: false });
		expect(byGuid?.attributes).toMatchObject({ employeeID: 'LK-1', mail: `${sam}@example.test` });
		expect(await getDirectoryObject(connection, 'user', userDn)).toEqual(byGuid);
		expect(await getDirectoryObject(connection, 'user', sam)).toEqual(byGuid);
		expect(await getDirectoryObject(connection, 'group', guid)).toBeNull();
		expect(await getDirectoryObject(connection, 'user', 'nobody-here')).toBeNull();
	});

	test('a search takes the query literally, wildcards and parentheses included', async () => {
		const found = await searchDirectory(connection, { kind: 'user', query: '), *Test', base: ou.dn });
		expect(found.map((object) => object.name)).toEqual([sam]);
		// As a wildcard "Lookup*Test" would match the cn; taken literally it does not.
		expect(await searchDirectory(connection, { kind: 'user', query: 'Lookup*Test', base: ou.dn })).toEqual([]);
		const groups = await searchDirectory(connection, { kind: 'group', query: sam });
		expect(groups.map((group) => group.name)).toEqual([`${sam}-group`]);
		const ous = await searchDirectory(connection, { kind: 'ou', base: ou.dn });
		expect(ous.map((object) => object.name).sort()).toEqual(['Disabled', 'Groups', 'Users', ou.dn.split(',')[0].slice(3)].sort());
	});

	test('a found user becomes the account the vault links, referred to by its GUID', async () => {
		const object = await getDirectoryObject(connection, 'user', sam);
		expect(directoryAccount(object!)).toMatchObject({ ref: guid, name: sam, enabled: false, container: ou.usersOu, attributes: { distinguishedName: userDn, sAMAccountName: sam } });
	});
});
