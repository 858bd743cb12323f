import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { runAggregation, DEFAULT_AGGREGATION_CONFIG } from '../lib/aggregation';
import { enforcePlan } from '../lib/enforcement';
import { evaluate } from '../lib/evaluation';
import { runImport } from '../lib/import';
import { publish, saveDraft } from '../lib/rules';
import { createActiveDirectoryConnector, withClient, type ActiveDirectoryConnection } from '../lib/targets/activeDirectory';
import { escapeDnValue, parseDn } from '../lib/targets/activeDirectory/escape';
import { openVault } from '../lib/vault';
import { POPULATION_MAPPING } from './hrMapping';
import { generatePopulation, POPULATION_DAY1 } from './population';

/** The directory from AD_URL, AD_BIND_DN, AD_BIND_PASSWORD, AD_BASE_DN and AD_CA_FILE (scripts/samba-ad-dc.sh prints them). */
export function adConnectionFromEnv(): ActiveDirectoryConnection {
	const { AD_URL, AD_BIND_DN, AD_BIND_PASSWORD, AD_BASE_DN, AD_CA_FILE } = process.env;
	if (!AD_URL || !AD_BIND_DN || !AD_BIND_PASSWORD || !AD_BASE_DN) {
		throw new Error('The enforceAd stage needs AD_URL, AD_BIND_DN, AD_BIND_PASSWORD and AD_BASE_DN (and AD_CA_FILE): start a DC with scripts/samba-ad-dc.sh');
	}
	return {
		urls: [AD_URL],
		security: AD_URL.startsWith('ldaps:') ? 'ldaps' : 'startTls',
		bindDn: AD_BIND_DN,
		password: AD_BIND_PASSWORD,
		caCertificate: AD_CA_FILE ? fs.readFileSync(AD_CA_FILE, 'utf8') : undefined,
		baseDn: AD_BASE_DN,
	};
}

/** Deletes an OU and everything under it, deepest entries first. */
async function removeTree(connection: ActiveDirectoryConnection, dn: string): Promise<void> {
	await withClient(connection, async (client) => {
		const { searchEntries } = await client.search(dn, { scope: 'sub', attributes: ['dn'], paged: { pageSize: 500 } });
		const depth = (entry: string) => parseDn(entry).length;
		for (const entry of searchEntries.map((e) => e.dn).sort((a, b) => depth(b) - depth(a))) await client.del(entry);
	});
}

/**
 * Creates `persons` accounts in a throwaway OU through the enforcement engine at the given
 * concurrency; returns the number created. The rule set only grants the account, so every
 * action is a create (correlate first, unique sAMAccountName, password over TLS).
 */
export async function enforceIntoAd(persons: number, seed: number, concurrency: number, measure: (run: () => Promise<number>) => Promise<number>): Promise<void> {
	const connection = adConnectionFromEnv();
	const ou = `OU=${escapeDnValue(`bench-${Date.now().toString(36)}`)},${connection.baseDn}`;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ad-'));
	const vault = await openVault({ backend: 'sqlite', path: path.join(folder, 'vault.sqlite') });
	await withClient(connection, async (client) => {
		await client.add(ou, { objectClass: ['top', 'organizationalUnit'] });
		await client.add(`OU=Users,${ou}`, { objectClass: ['top', 'organizationalUnit'] });
	});
	const connector = createActiveDirectoryConnector({
		connection,
		accounts: {
			searchBase: ou,
			initialOu: `OU=Users,${ou}`,
			correlation: { personField: 'person.externalId', attribute: 'employeeID' },
			unique: {
				sAMAccountName: [{ type: 'template', template: '{{person.name.given | normalizeDiacritics | stripNonAlphanumeric | left(1) | lower}}{{person.name.family | normalizeDiacritics | stripNonAlphanumeric | lower}}' }],
				userPrincipalName: [{ type: 'template', template: '{{account.sAMAccountName}}@bench.example' }],
			},
			attributes: { givenName: { type: 'field', path: 'person.name.given' }, sn: { type: 'field', path: 'person.name.family' }, title: { type: 'field', path: 'contract.title' } },
		},
	});
	try {
		const population = generatePopulation({ persons, seed, day: 1 });
		await runImport(vault, { source: 'HR', rowShape: 'contract', mapping: POPULATION_MAPPING, asOf: POPULATION_DAY1, thresholds: {} }, population.primary.rows, population.departments);
		await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
		const account = { type: 'account' as const, target: 'activeDirectory', timing: { createDaysBeforeStart: 10_000, enableOnStart: false, disableOnEnd: false, deleteDaysAfterEnd: null } };
		await saveDraft(vault, { rules: [{ name: 'Everyone', enabled: true, condition: { match: 'and', conditions: [] }, daysBeforeStart: 10_000, daysAfterEnd: 10_000, entitlements: [account] }] });
		await publish(vault);
		const plan = await evaluate(vault, { asOf: POPULATION_DAY1, targets: ['activeDirectory'] });
		await measure(async () => {
			const { summary } = await enforcePlan(vault, connector, { planId: plan.planId, asOf: POPULATION_DAY1, concurrency });
			if (summary.failed > 0) throw new Error(`${summary.failed} creates failed`);
			return summary.byAction.create?.done ?? 0;
		});
	} finally {
		await connector.close();
		await vault.close();
		fs.rmSync(folder, { recursive: true, force: true });
		await removeTree(connection, ou);
	}
}
