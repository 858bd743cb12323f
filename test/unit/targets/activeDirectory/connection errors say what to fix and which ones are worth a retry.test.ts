import { createServer } from 'node:net';

import {
	AlreadyExistsError,
	BusyError,
	ConstraintViolationError,
	InsufficientAccessError,
	InvalidCredentialsError,
	UnavailableError,
	UnknownStatusCodeError,
} from 'ldapts';

import { ConnectorError } from '../../../../lib/enforcement/connector';
import { checkConnection, type ActiveDirectoryConnection } from '../../../../lib/targets/activeDirectory/config';
import { describeConnectError, openClient, testActiveDirectoryConnection } from '../../../../lib/targets/activeDirectory/connection';
import { describeLdapError, isTransientLdapError, toConnectorError } from '../../../../lib/targets/activeDirectory/errors';

const PASSWORD = 'Very$ecret-42';

function connection(urls: string[], security: ActiveDirectoryConnection['security'] = 'ldaps'): ActiveDirectoryConnection {
	return { urls, security, bindDn: 'CN=svc,DC=example,DC=test', password: PASSWORD, baseDn: 'DC=example,DC=test', timeoutMs: 2_000 };
}

/** A local port that nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('which errors are transient', () => {
	test.each([
		['busy (51)', new BusyError('busy'), true],
		['unavailable (52)', new UnavailableError('unavailable'), true],
		['a reset connection', withCode('read ECONNRESET', 'ECONNRESET'), true],
		['a timed-out connection', withCode('connect ETIMEDOUT', 'ETIMEDOUT'), true],
		['a broken pipe', withCode('write EPIPE', 'EPIPE'), true],
		['ldapts: socket error', new Error('Socket error. Message type: SearchRequest (0x63)\nread ECONNRESET'), true],
		['ldapts: closed before the answer', new Error('Connection closed before message response was received. Message type: ModifyRequest (0x66)'), true],
		['ldapts: operation timeout', new Error('SearchRequest: Operation timed out'), true],
		['invalid credentials (49)', new InvalidCredentialsError('80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 52e, v3839'), false],
		['already exists (68)', new AlreadyExistsError('00002071: exists'), false],
		['insufficient access (50)', new InsufficientAccessError('no'), false],
		['other (80)', new UnknownStatusCodeError(80, '00000523: SysErr'), false],
		['DNS failure', withCode('getaddrinfo ENOTFOUND dc1', 'ENOTFOUND'), false],
		['a permanent ConnectorError', new ConnectorError('gone'), false],
		['a transient ConnectorError', new ConnectorError('try again', true), true],
	])('%s → %s', (_name, error, transient) => {
		expect(isTransientLdapError(error)).toBe(transient);
		expect(toConnectorError('Cannot do it', error).transient).toBe(transient);
	});
});

describe('what the messages say', () => {
	test('a constraint violation from the password policy says so', () => {
		const error = new ConstraintViolationError('0000052D: Constraint violation - check_password_restrictions: the password is too short');
		expect(describeLdapError(error)).toMatch(/^the password does not meet the domain's password policy/);
	});

	test('a lost connection is said plainly, on one line', () => {
		const wrapped = toConnectorError('Cannot disable account j.smith', new Error('Socket error. Message type: ModifyRequest (0x66)\nread ECONNRESET'));
		expect(wrapped.message).toBe('Cannot disable account j.smith: the connection to the domain controller was lost (read ECONNRESET)');
	});

	test('wrong credentials name the bind DN and AD’s sub-code, never the password', () => {
		const checked = checkConnection(connection(['ldaps://dc1.example.test']));
		const message = describeConnectError(new InvalidCredentialsError('80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 52e, v3839'), 'ldaps://dc1.example.test', checked);
		expect(message).toBe(
			'Invalid credentials for CN=svc,DC=example,DC=test (data 52e: wrong user name or password). Check the bind DN or UPN and the password of the service account.',
		);
		expect(message).not.toContain(PASSWORD);
	});

	test('a refused connection asks whether the DC runs and the port is right', async () => {
		const url = `ldaps://127.0.0.1:${await closedPort()}`;
		const failure = await openClient(checkConnection(connection([url]))).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ConnectorError);
		expect((failure as ConnectorError).message).toBe(`Connection refused by ${url} — is the DC running and the port right?`);
		expect((failure as ConnectorError).transient).toBe(true);
	});

	test('a name that does not resolve is called a DNS problem', async () => {
		const url = 'ldaps://dc1.does-not-exist.invalid:636';
		const result = await testActiveDirectoryConnection(connection([url]));
		expect(result.ok).toBe(false);
		expect(result.message).toMatch(/^The host name in ldaps:\/\/dc1.does-not-exist.invalid:636 cannot be resolved \(DNS (ENOTFOUND|EAI_AGAIN)\)/);
	});

	test('with several DCs every one is tried and every reason is reported', async () => {
		const first = `ldap://127.0.0.1:${await closedPort()}`;
		const second = `ldap://127.0.0.1:${await closedPort()}`;
		const result = await testActiveDirectoryConnection(connection([first, second], 'startTls'));
		expect(result.ok).toBe(false);
		expect(result.message).toContain(`No domain controller could be reached: Connection refused by ${first}`);
		expect(result.message).toContain(`Connection refused by ${second}`);
		expect(result.message).not.toContain(PASSWORD);
	});

	test('a DC that accepts the connection but never answers times out with the time waited', async () => {
		const server = createServer(() => undefined);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `ldap://127.0.0.1:${(server.address() as { port: number }).port}`;
		try {
			const result = await testActiveDirectoryConnection({ ...connection([url], 'none'), timeoutMs: 300 });
			expect(result).toEqual({ ok: false, message: `${url} did not answer within 300 ms.` });
		} finally {
			server.close();
		}
	});

	test('a configuration mistake is reported by the credential test instead of thrown', async () => {
		const result = await testActiveDirectoryConnection(connection(['ldap://dc1.example.test'], 'ldaps'));
		expect(result).toEqual({ ok: false, message: 'Active Directory URL "ldap://dc1.example.test" must be ldaps:// when security is LDAPS.' });
	});
});
