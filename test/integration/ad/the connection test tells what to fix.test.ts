import { createServer } from 'node:net';

import { testActiveDirectoryConnection, type ActiveDirectoryConnection } from '../../../lib/targets/activeDirectory';
import { describeWithAd, type AdTestSettings } from '../../support/ad';

function connection(settings: AdTestSettings, change: Partial<ActiveDirectoryConnection> = {}): ActiveDirectoryConnection {
	return {
		urls: [settings.url],
		security: 'ldaps',
		bindDn: settings.bindDN,
		password: settings.bindPassword,
		caCertificate: settings.caCertificate,
		baseDn: settings.baseDN,
		timeoutMs: 5_000,
		...change,
	};
}

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describeWithAd('the connection test tells what to fix', (settings) => {
	test('with the pinned CA and the right password it connects and finds the base DN', async () => {
		expect(await testActiveDirectoryConnection(connection(settings))).toEqual({
			ok: true,
			message: `Connected to ${settings.url} as ${settings.bindDN}; base DN ${settings.baseDN} found.`,
		});
	});

	test('a wrong password gives AD’s sub-code and never the password', async () => {
		const wrong = `${settings.bindPassword}-wrong`;
		const result = await testActiveDirectoryConnection(connection(settings, { password: wrong }));
		expect(result).toEqual({
			ok: false,
			message: `Invalid credentials for ${settings.bindDN} (data 52e: wrong user name or password). Check the bind DN or UPN and the password of the service account.`,
		});
		expect(result.message).not.toContain(wrong);
	});

	test('without the CA certificate the DC’s certificate is refused and the message says to add it', async () => {
		const result = await testActiveDirectoryConnection(connection(settings, { caCertificate: undefined }));
		expect(result.ok).toBe(false);
		expect(result.message).toMatch(new RegExp(`^The certificate of ${settings.url} could not be verified \\(\\w+\\): add the CA certificate`));
	});

	test('allowing unauthorized certificates connects without the CA (for test DCs only)', async () => {
		const result = await testActiveDirectoryConnection(connection(settings, { caCertificate: undefined, allowUnauthorizedCerts: true }));
		expect(result.ok).toBe(true);
	});

	test('a DC that refuses is skipped for the next one in the list', async () => {
		const down = `ldaps://127.0.0.1:${await closedPort()}`;
		const result = await testActiveDirectoryConnection(connection(settings, { urls: [down, settings.url] }));
		expect(result).toEqual({ ok: true, message: `Connected to ${settings.url} as ${settings.bindDN}; base DN ${settings.baseDN} found.` });
	});

	test('a base DN that does not exist is named', async () => {
		const baseDn = 'DC=wrong,DC=test';
		const result = await testActiveDirectoryConnection(connection(settings, { baseDn }));
		expect(result).toEqual({ ok: false, message: `Connected to ${settings.url} as ${settings.bindDN}, but the base DN ${baseDn} does not exist on this domain.` });
	});

	test('the service account may be given by its UPN, and StartTLS works on port 389', async () => {
		const upn = `Administrator@${settings.baseDN.replace(/DC=/gi, '').replace(/,/g, '.')}`;
		const startTls = settings.url.replace(/^ldaps:\/\/([^:/]+)(:\d+)?/, 'ldap://$1:389');
		const result = await testActiveDirectoryConnection(connection(settings, { bindDn: upn, urls: [startTls], security: 'startTls' }));
		expect(result).toEqual({ ok: true, message: `Connected to ${startTls} as ${upn}; base DN ${settings.baseDN} found.` });
	});
});
