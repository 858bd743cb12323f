import { EqualityFilter, type Client } from 'ldapts';

import type { AccountSubject, TargetAccount } from '../../../lib/enforcement/connector';
import { createActiveDirectoryConnector, type ActiveDirectoryConfig } from '../../../lib/targets/activeDirectory';
import { escapeDnValue, ldapFilter, parentDn } from '../../../lib/targets/activeDirectory/escape';
import { guidToBytes, guidToString } from '../../../lib/targets/activeDirectory/guid';
import type { ContractScope, ContractSetup } from '../../contract/connectorContract';
import { withAdClient, withTestOu, type AdTestSettings, type TestOu } from '../../support/ad';
import { startResettingProxy } from './resettingProxy';

/**
 * The account mapping the AD tests use: j.family, then jan.family for sAMAccountName; the
 * display name as cn; UPN and mail from the chosen sAMAccountName; title and department from
 * the contract; a description written only on create.
 */
export function adConnectorConfig(settings: AdTestSettings, ou: TestOu, url = settings.url): ActiveDirectoryConfig {
	return {
		connection: {
			urls: [url],
			security: 'ldaps',
			bindDn: settings.bindDN,
			password: settings.bindPassword,
			caCertificate: settings.caCertificate,
			baseDn: settings.baseDN,
			timeoutMs: 10_000,
		},
		accounts: {
			searchBase: ou.dn,
			initialOu: ou.usersOu,
			disabledOu: ou.disabledOu,
			correlation: { personField: 'person.externalId', attribute: 'employeeID' },
			unique: {
				sAMAccountName: [
					{ type: 'template', template: '{{person.name.given | left(1) | lower}}.{{person.name.family | lower | normalizeDiacritics}}' },
					{ type: 'template', template: '{{person.name.given | lower}}.{{person.name.family | lower | normalizeDiacritics}}' },
				],
				cn: [{ type: 'template', template: '{{person.name.given}} {{person.name.family}}' }],
				userPrincipalName: [{ type: 'template', template: '{{account.sAMAccountName}}@example.test' }],
				mail: [{ type: 'template', template: '{{account.sAMAccountName}}@example.test' }],
			},
			attributes: {
				givenName: { type: 'field', path: 'person.name.given' },
				sn: { type: 'field', path: 'person.name.family' },
				displayName: { type: 'template', template: '{{person.name.given}} {{person.name.family}}' },
				title: { type: 'field', path: 'contract.title' },
				department: { type: 'field', path: 'contract.department.name' },
				description: { type: 'fixed', value: 'Created by provisioning', onCreateOnly: true },
			},
		},
		groups: { searchBase: ou.groupsOu },
	};
}

/** The names adConnectorConfig makes: first and second sAMAccountName candidate. */
export function adAccountNames(subject: AccountSubject): [string, string] {
	const family = (subject.person.name.family ?? '').toLowerCase();
	const given = (subject.person.name.given ?? '').toLowerCase();
	return [`${given.slice(0, 1)}.${family}`, `${given}.${family}`];
}

const READ = ['sAMAccountName', 'userAccountControl', 'employeeID', 'givenName', 'sn', 'displayName', 'title', 'department', 'description', 'manager', 'mail', 'userPrincipalName', 'cn'];

/** An account read straight from AD by objectGUID, without the connector's code. */
export async function readAdAccount(client: Client, baseDn: string, ref: string): Promise<TargetAccount | null> {
	const { searchEntries } = await client.search(baseDn, {
		filter: new EqualityFilter({ attribute: 'objectGUID', value: guidToBytes(ref) }),
		attributes: READ,
	});
	const entry = searchEntries[0];
	if (!entry) return null;
	const attributes: Record<string, unknown> = { distinguishedName: entry.dn };
	for (const name of READ) {
		const value = entry[name];
		// ldapts lists a requested attribute the entry lacks as [].
		if (value !== undefined && !(Array.isArray(value) && value.length === 0)) attributes[name] = value;
	}
	return {
		ref,
		name: String(entry.sAMAccountName),
		enabled: (Number(entry.userAccountControl) & 2) === 0,
		container: parentDn(entry.dn),
		attributes,
	};
}

export async function guidOf(client: Client, dn: string): Promise<string> {
	const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['objectGUID'], explicitBufferAttributes: ['objectGUID'] });
	return guidToString(searchEntries[0].objectGUID as Buffer);
}

/** The connector contract's setup for AD: a test OU per test, a resetting proxy in front of the DC. */
export function adContractSetup(settings: AdTestSettings): ContractSetup {
	return {
		accountNames: adAccountNames,
		titleAttribute: 'title',
		async scope(): Promise<ContractScope> {
			const ou = await withTestOu(settings);
			const proxy = await startResettingProxy(settings.url);
			const connector = createActiveDirectoryConnector(adConnectorConfig(settings, ou, proxy.url));
			return {
				connector,
				otherContainer: ou.disabledOu,
				async seedAccount(subject, name) {
					await withAdClient(settings, (client) =>
						client.add(`CN=${escapeDnValue(name)},${ou.usersOu}`, {
							objectClass: 'user',
							sAMAccountName: name,
							employeeID: subject.person.externalId,
						}),
					);
				},
				async seedGroup(name) {
					await withAdClient(settings, (client) => client.add(`CN=${escapeDnValue(name)},${ou.groupsOu}`, { objectClass: 'group', sAMAccountName: name }));
					return { key: `group:${name}`, name };
				},
				readAccount: (ref) => withAdClient(settings, (client) => readAdAccount(client, settings.baseDN, ref)),
				groupMembers: (permission) =>
					withAdClient(settings, async (client) => {
						const { searchEntries } = await client.search(ou.groupsOu, {
							filter: ldapFilter`(&(objectClass=group)(cn=${permission.name}))`,
							attributes: ['member'],
						});
						const members = searchEntries[0]?.member ?? [];
						const dns = Array.isArray(members) ? members.map(String) : [String(members)];
						return await Promise.all(dns.map((dn) => guidOf(client, dn)));
					}),
				failNextCallTransiently: async () => proxy.resetNext(),
				async dispose() {
					await proxy.close();
					await ou.dispose();
				},
			};
		},
	};
}
