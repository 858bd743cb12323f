import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client, InvalidCredentialsError } from 'ldapts';

import type { ConnectorContext, TargetAccount, TargetConnector } from '../../../lib/enforcement/connector';
import { createActiveDirectoryConnector, type ActiveDirectoryConfig } from '../../../lib/targets/activeDirectory';
import { escapeDnValue } from '../../../lib/targets/activeDirectory/escape';
import { makeSubject, randomLetters, runContext, withTitle } from '../../contract/connectorContract';
import { adTlsOptions, describeWithAd, withAdClient, withTestOu, type TestOu } from '../../support/ad';
import { adAccountNames, adConnectorConfig, readAdAccount } from './adConnectorSetup';

describeWithAd('a new account gets its password, manager and unique values from the whole domain', (settings) => {
	let ou: TestOu;
	let elsewhere: TestOu;
	let config: ActiveDirectoryConfig;
	let connector: TargetConnector;
	const open: TargetConnector[] = [];
	const connect = (change: (config: ActiveDirectoryConfig) => void = () => undefined): TargetConnector => {
		const changed = structuredClone(config);
		change(changed);
		const made = createActiveDirectoryConnector(changed);
		open.push(made);
		return made;
	};

	beforeEach(async () => {
		ou = await withTestOu(settings);
		elsewhere = await withTestOu(settings);
		config = adConnectorConfig(settings, ou);
		config.accounts.unique.userPrincipalName = [
			{ type: 'template', template: '{{account.sAMAccountName}}@example.test' },
			{ type: 'template', template: '{{person.name.given | lower}}.{{person.name.family | lower}}@example.test' },
		];
		config.accounts.unique.mail = config.accounts.unique.userPrincipalName;
		config.accounts.attributes.description = { type: 'field', path: 'contract.title', onCreateOnly: true };
		connector = connect();
	});
	afterEach(async () => {
		for (const made of open.splice(0)) await made.close();
		await ou.dispose();
		await elsewhere.dispose();
	});

	/** Adds an entry with ldapadd, blocking: the only way to act inside the synchronous reserveUnique. */
	const addSynchronously = (dn: string, attributes: Record<string, string>): void => {
		const ldif = [`dn: ${dn}`, ...Object.entries(attributes).map(([name, value]) => `${name}: ${value}`), ''].join('\n');
		const caFile = join(mkdtempSync(join(tmpdir(), 'ad-ca-')), 'ca.pem');
		writeFileSync(caFile, settings.caCertificate);
		const result = spawnSync('ldapadd', ['-x', '-H', settings.url, '-D', settings.bindDN, '-w', settings.bindPassword], {
			input: ldif,
			env: { ...process.env, LDAPTLS_CACERT: caFile },
			encoding: 'utf8',
		});
		if (result.status !== 0) throw new Error(`ldapadd failed: ${result.stderr}`);
	};
	const read = (ref: string) => withAdClient(settings, (client) => readAdAccount(client, settings.baseDN, ref));
	const bindAs = async (user: string, password: string): Promise<void> => {
		const client = new Client({ url: settings.url, tlsOptions: adTlsOptions(settings), timeout: 10_000 });
		try {
			await client.bind(user, password);
		} finally {
			await client.unbind();
		}
	};

	test('the person can log on with the generated initial password; the password is nowhere else in the outcome', async () => {
		const outcome = await connector.create(makeSubject(), { enabled: true }, runContext());
		const password = outcome.initialPassword!;
		expect(password).toHaveLength(16);
		await expect(bindAs(String(outcome.account.attributes.userPrincipalName), password)).resolves.toBeUndefined();
		expect(JSON.stringify({ ...outcome, initialPassword: undefined })).not.toContain(password);
		expect(outcome.changes.map((change) => change.attribute)).not.toContain('unicodePwd');
	});

	test('a create repeated for the same person (a retry after a lost answer) returns the account it made instead of a second one', async () => {
		const subject = makeSubject();
		const first = await connector.create(subject, { enabled: true }, runContext());
		const again = await connector.create(subject, { enabled: true }, runContext());
		expect(again).toMatchObject({ result: 'noChange', changes: [], account: { ref: first.account.ref, name: first.account.name } });
		expect(again.initialPassword).toBeUndefined();
		expect(await connector.correlate(subject)).toHaveLength(1);
	});

	test('an account created disabled has userAccountControl 514 and cannot log on', async () => {
		const outcome = await connector.create(makeSubject(), { enabled: false }, runContext());
		expect((await read(outcome.account.ref))?.attributes.userAccountControl).toBe('514');
		await expect(bindAs(String(outcome.account.attributes.userPrincipalName), outcome.initialPassword!)).rejects.toBeInstanceOf(InvalidCredentialsError);
	});

	test('a mail address held by an object outside the search base still counts as taken', async () => {
		const subject = makeSubject();
		const [sam] = adAccountNames(subject);
		await withAdClient(settings, (client) =>
			client.add(`CN=holder-${randomLetters(6)},${elsewhere.usersOu}`, { objectClass: 'contact', mail: `${sam}@example.test` }),
		);
		const outcome = await connector.create(subject, { enabled: true }, runContext());
		expect(outcome.account.name).toBe(sam);
		expect(outcome.account.attributes).toMatchObject({
			userPrincipalName: `${sam}@example.test`,
			mail: `jan.${subject.person.name.family!.toLowerCase()}@example.test`,
		});
	});

	test('a name another writer takes between the check and the write moves on to the next candidate', async () => {
		const subject = makeSubject();
		const [first, second] = adAccountNames(subject);
		const base = runContext();
		let raced = false;
		const racing: ConnectorContext = {
			dryRun: false,
			reserveUnique(attribute, value) {
				// Called after the connector found the name free in AD: another writer takes it right now
				// (ldapadd, synchronously, so the take lands before the connector's add).
				if (attribute === 'sAMAccountName' && value === first && !raced) {
					raced = true;
					addSynchronously(`CN=racer-${randomLetters(6)},${elsewhere.usersOu}`, { objectClass: 'user', sAMAccountName: first });
				}
				return base.reserveUnique(attribute, value);
			},
		};
		const outcome = await connector.create(subject, { enabled: true }, racing);
		expect(raced).toBe(true);
		expect(outcome.account.name).toBe(second);
		expect(outcome.account.attributes.userPrincipalName).toBe(`${second}@example.test`);
	});

	test('the manager attribute holds the manager account’s DN, follows a new manager and is cleared when there is none', async () => {
		const boss = await connector.create(makeSubject({ given: 'Bea' }), { enabled: true }, runContext());
		const other = await connector.create(makeSubject({ given: 'Otto' }), { enabled: true }, runContext());
		const managed = (account: TargetAccount) => ({ ...makeSubject(), manager: { person: makeSubject().person, account } });
		const subject = managed(boss.account);
		const created = await connector.create(subject, { enabled: true }, runContext());
		expect((await read(created.account.ref))?.attributes.manager).toBe(boss.account.attributes.distinguishedName);

		const moved = { ...subject, manager: { person: subject.manager.person, account: other.account } };
		const update = await connector.update(created.account, moved, runContext());
		expect(update.changes).toEqual([{ attribute: 'manager', before: boss.account.attributes.distinguishedName, after: other.account.attributes.distinguishedName }]);

		const cleared = await connector.update(created.account, { ...moved, manager: null }, runContext());
		expect(cleared.changes.map((change) => change.attribute)).toEqual(['manager']);
		expect((await read(created.account.ref))?.attributes.manager).toBeUndefined();
	});

	test('an attribute marked onCreateOnly is written on create and left alone by updates', async () => {
		const subject = makeSubject({ title: 'Trainee' });
		const created = await connector.create(subject, { enabled: true }, runContext());
		const update = await connector.update(created.account, withTitle(subject, 'Engineer'), runContext());
		expect(update.changes.map((change) => change.attribute)).toEqual(['title']);
		expect((await read(created.account.ref))?.attributes).toMatchObject({ title: 'Engineer', description: 'Trainee' });
	});

	test('over plain LDAP the connector refuses to create an account with a password and writes nothing', async () => {
		const plain = connect((changed) => {
			changed.connection.urls = [settings.url.replace(/^ldaps:\/\/([^:/]+)(:\d+)?/, 'ldap://$1:389')];
			changed.connection.security = 'none';
		});
		const subject = makeSubject();
		await expect(plain.create(subject, { enabled: true }, runContext())).rejects.toThrow(
			/initial password can only be set over an encrypted connection. Use LDAPS or StartTLS/,
		);
		expect(await connector.correlate(subject)).toEqual([]);
	});

	test('over StartTLS on port 389 the connector creates and finds accounts like over LDAPS', async () => {
		const startTls = connect((changed) => {
			changed.connection.urls = [settings.url.replace(/^ldaps:\/\/([^:/]+)(:\d+)?/, 'ldap://$1:389')];
			changed.connection.security = 'startTls';
		});
		const subject = makeSubject();
		const created = await startTls.create(subject, { enabled: true }, runContext());
		expect(created.initialPassword).toBeDefined();
		expect((await startTls.correlate(subject)).map((account) => account.ref)).toEqual([created.account.ref]);
	});

	test('a group named by its DN works as well as by its name; an unknown group is named in the error', async () => {
		const created = await connector.create(makeSubject(), { enabled: true }, runContext());
		const name = `GRP ${randomLetters(6)}, Sales`;
		const dn = `CN=${escapeDnValue(name)},${ou.groupsOu}`;
		await withAdClient(settings, (client) => client.add(dn, { objectClass: 'group', sAMAccountName: `g${randomLetters(10)}` }));
		expect((await connector.grant(created.account, { key: `group:${dn}`, name: dn }, runContext())).result).toBe('done');
		expect((await connector.grant(created.account, { key: `group:${name}`, name }, runContext())).result).toBe('noChange');
		await expect(connector.grant(created.account, { key: 'group:GRP-NOPE', name: 'GRP-NOPE' }, runContext())).rejects.toThrow(
			`Group "GRP-NOPE" was not found under ${ou.groupsOu}`,
		);
	});
});
