import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, NoSuchObjectError } from 'ldapts';
import { parseDn } from '../../lib/targets/activeDirectory/escape';

/**
 * A real Active Directory domain controller to test against, named by the variables that
 * scripts/samba-ad-dc.sh prints (CI always starts one; see docs/active-directory.md).
 */
export interface AdTestSettings {
	url: string;
	bindDN: string;
	bindPassword: string;
	baseDN: string;
	/** PEM of the CA that signed the DC's certificate, to pin in tlsOptions.ca. */
	caCertificate: string;
}

const variables = ['AD_URL', 'AD_BIND_DN', 'AD_BIND_PASSWORD', 'AD_BASE_DN', 'AD_CA_FILE'] as const;

function missingVariables(): string[] {
	return variables.filter((name) => !process.env[name]);
}

/** The test DC from the environment, or null when any of the five variables is unset. */
export function adSettingsFromEnv(): AdTestSettings | null {
	if (missingVariables().length > 0) return null;
	const env = process.env as Record<(typeof variables)[number], string>;
	let caCertificate: string;
	try {
		caCertificate = readFileSync(env.AD_CA_FILE, 'utf8');
	} catch (error) {
		throw new Error(`AD_CA_FILE=${env.AD_CA_FILE} cannot be read: ${(error as Error).message}`);
	}
	return {
		url: env.AD_URL,
		bindDN: env.AD_BIND_DN,
		bindPassword: env.AD_BIND_PASSWORD,
		baseDN: env.AD_BASE_DN,
		caCertificate,
	};
}

/**
 * Runs the block against the test DC when one is configured and skips it visibly otherwise.
 * CI sets REQUIRE_AD=1 so a missing DC fails instead of skipping.
 */
export function describeWithAd(name: string, fn: (settings: AdTestSettings) => void): void {
	const settings = adSettingsFromEnv();
	if (settings) {
		describe(name, () => fn(settings));
		return;
	}
	const missing = missingVariables().join(', ');
	if (process.env.REQUIRE_AD === '1') {
		describe(name, () => {
			test('has a domain controller to run against', () => {
				throw new Error(`REQUIRE_AD=1 but ${missing} not set: start one with scripts/samba-ad-dc.sh`);
			});
		});
	} else {
		// Skipped, not failed: a developer without a DC still runs everything else. Jest does not
		// list a file whose tests are all skipped, so say why on stderr (jest passes it through).
		const reason = `needs a domain controller: ${missing} not set, see docs/active-directory.md`;
		process.stderr.write(`skipped "${name}": ${reason}\n`);
		describe.skip(`${name} (${reason})`, () => {
			test('against Active Directory', () => undefined);
		});
	}
}

/**
 * TLS options that verify the DC against its pinned CA. A fresh object on every call:
 * ldapts' startTLS() adds a socket to the object it is given, and a client reusing that
 * object then hangs on bind.
 */
export function adTlsOptions(settings: AdTestSettings): ConnectionOptions {
	return { ca: [settings.caCertificate] };
}

export function adClient(settings: AdTestSettings): Client {
	return new Client({ url: settings.url, tlsOptions: adTlsOptions(settings), timeout: 10_000, connectTimeout: 5_000 });
}

/** Binds as the configured account, runs fn and always unbinds. */
export async function withAdClient<T>(settings: AdTestSettings, fn: (client: Client) => Promise<T>): Promise<T> {
	const client = adClient(settings);
	try {
		await client.bind(settings.bindDN, settings.bindPassword);
		return await fn(client);
	} finally {
		await client.unbind();
	}
}

/** The OU scripts/samba-ad-dc.sh creates for tests and the demo. */
export function provisioningOu(settings: AdTestSettings): string {
	return `OU=Provisioning,${settings.baseDN}`;
}

export interface TestOu {
	dn: string;
	usersOu: string;
	disabledOu: string;
	groupsOu: string;
	/** Deletes the OU and everything created under it. */
	dispose(): Promise<void>;
}

/**
 * A unique OU=t-<random> under the Provisioning OU with sub-OUs Users, Disabled and Groups.
 * Tests share one DC, so each test works inside an OU of its own and disposes it.
 */
export async function withTestOu(settings: AdTestSettings): Promise<TestOu> {
	const dn = `OU=t-${randomBytes(6).toString('hex')},${provisioningOu(settings)}`;
	const ou = { dn, usersOu: `OU=Users,${dn}`, disabledOu: `OU=Disabled,${dn}`, groupsOu: `OU=Groups,${dn}` };
	await withAdClient(settings, async (client) => {
		for (const child of [ou.dn, ou.usersOu, ou.disabledOu, ou.groupsOu]) {
			await client.add(child, { objectClass: 'organizationalUnit' });
		}
	});
	return { ...ou, dispose: () => deleteSubtree(settings, dn) };
}

async function deleteSubtree(settings: AdTestSettings, dn: string): Promise<void> {
	await withAdClient(settings, async (client) => {
		let entries;
		try {
			({ searchEntries: entries } = await client.search(dn, { scope: 'sub', attributes: ['1.1'], paged: true }));
		} catch (error) {
			if (error instanceof NoSuchObjectError) return; // already gone
			throw error;
		}
		// Children before their parents: deepest DN first (DN separators are unescaped commas).
		const depth = (entryDn: string) => parseDn(entryDn).length;
		for (const entry of entries.sort((a, b) => depth(b.dn) - depth(a.dn))) {
			await client.del(entry.dn);
		}
	});
}
