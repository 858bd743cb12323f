import { randomBytes } from 'node:crypto';

import { Client, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';

import { adClient, describeWithAd, provisioningOu, withAdClient, withTestOu } from '../../support/ad';

describeWithAd('the test domain controller answers over LDAPS', (settings) => {
	test('binds over LDAPS with the pinned CA and finds the Provisioning OU with its sub-OUs', async () => {
		const names = await withAdClient(settings, async (client) => {
			const { searchEntries } = await client.search(provisioningOu(settings), {
				scope: 'one',
				filter: '(objectClass=organizationalUnit)',
				attributes: ['ou'],
			});
			return searchEntries.map((entry) => String(entry.ou));
		});
		expect(names).toEqual(expect.arrayContaining(['Users', 'Disabled', 'Groups']));
	});

	test('a client without the pinned CA refuses the certificate', async () => {
		const client = new Client({ url: settings.url, connectTimeout: 5_000 });
		try {
			await expect(client.bind(settings.bindDN, settings.bindPassword)).rejects.toThrow(/certificate/i);
		} finally {
			await client.unbind();
		}
	});

	test('a wrong password is refused with result code 49', async () => {
		const client = adClient(settings);
		try {
			const bind = client.bind(settings.bindDN, `${settings.bindPassword}-wrong`);
			await expect(bind).rejects.toBeInstanceOf(InvalidCredentialsError);
			await expect(bind).rejects.toMatchObject({ code: 49 });
		} finally {
			await client.unbind();
		}
	});

	test('a test OU is created with Users, Disabled and Groups and disposed with everything in it', async () => {
		const ou = await withTestOu(settings);
		const groupName = `g-${randomBytes(6).toString('hex')}`;
		const groupDn = `CN=${groupName},${ou.groupsOu}`;
		try {
			await withAdClient(settings, async (client) => {
				await client.add(groupDn, { objectClass: 'group', sAMAccountName: groupName });
				const { searchEntries } = await client.search(ou.dn, { scope: 'sub', attributes: ['1.1'] });
				expect(searchEntries.map((entry) => entry.dn).sort()).toEqual(
					[ou.dn, ou.usersOu, ou.disabledOu, ou.groupsOu, groupDn].sort(),
				);
			});
		} finally {
			await ou.dispose();
		}

		await withAdClient(settings, async (client) => {
			await expect(client.search(ou.dn, { scope: 'base' })).rejects.toBeInstanceOf(NoSuchObjectError);
		});
	});
});
