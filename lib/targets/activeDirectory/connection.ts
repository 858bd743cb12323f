import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';

import { Client, type Entry, type Filter, type SearchOptions } from 'ldapts';

import { ConnectorError } from '../../enforcement/connector';
import { checkConnection, type ActiveDirectoryConnection, type CompiledConnection } from './config';
import { describeInvalidCredentials, describeLdapError, errorMessage, isTransientLdapError, LdapCode, ldapCode, systemCode } from './errors';
import { guidToString } from './guid';

/** Certificate problems that the CA certificate setting (or the host name) fixes. */
const TLS_VERIFY_CODES = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
]);

/** TLS settings, a new object every time: ldapts' startTLS adds the socket to the object it gets. */
function tlsOptions(connection: CompiledConnection, host: string): ConnectionOptions {
	const options: ConnectionOptions = { rejectUnauthorized: !connection.allowUnauthorizedCerts, minVersion: 'TLSv1.2' };
	if (connection.caCertificate) options.ca = [connection.caCertificate];
	// StartTLS upgrades an open socket: tell TLS which name the certificate must carry.
	options.host = host;
	if (isIP(host) === 0) options.servername = host;
	return options;
}

/** A connection failure in words: what happened at which URL and what to check. */
export function describeConnectError(error: unknown, url: string, connection: CompiledConnection): string {
	const code = ldapCode(error);
	if (code === LdapCode.invalidCredentials) return describeInvalidCredentials(connection.bindDn, error);
	if (code === LdapCode.strongAuthRequired) {
		return `${url} requires an encrypted connection to bind: use LDAPS (ldaps://, port 636) or StartTLS.`;
	}
	if (code !== undefined) return `${url}: ${describeLdapError(error)}`;
	const system = systemCode(error);
	const message = errorMessage(error);
	if (system === 'ECONNREFUSED') return `Connection refused by ${url} — is the DC running and the port right?`;
	if (system === 'ENOTFOUND' || system === 'EAI_AGAIN') {
		return `The host name in ${url} cannot be resolved (DNS ${system}): check the name, or use the DC's IP address.`;
	}
	if (system === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return `The certificate of ${url} is not issued for that host name (${message}): connect by a name the certificate carries.`;
	}
	if (system === 'CERT_HAS_EXPIRED') return `The certificate of ${url} has expired: renew the DC's certificate.`;
	if (system !== undefined && TLS_VERIFY_CODES.has(system)) {
		return `The certificate of ${url} could not be verified (${system}): add the CA certificate that signed it (PEM) to the connection settings.`;
	}
	if (/connection timeout|timed out/i.test(message)) return `${url} did not answer within ${connection.timeoutMs} ms.`;
	return `Could not connect to ${url}: ${message}${system ? ` (${system})` : ''}.`;
}

async function connectOne(connection: CompiledConnection, url: string): Promise<Client> {
	const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
	const client = new Client({
		url,
		timeout: connection.timeoutMs,
		connectTimeout: connection.timeoutMs,
		tlsOptions: connection.security === 'ldaps' ? tlsOptions(connection, host) : undefined,
	});
	try {
		if (connection.security === 'startTls') await client.startTLS(tlsOptions(connection, host));
		await client.bind(connection.bindDn, connection.password);
		return client;
	} catch (error) {
		await client.unbind().catch(() => undefined);
		throw error;
	}
}

/** A bound client and the URL of the DC it reached. */
export interface OpenedClient {
	client: Client;
	url: string;
}

/**
 * Connects and binds to the first DC in `urls` that answers. Wrong credentials stop at once
 * (the next DC would refuse them too); network and certificate problems try the next URL.
 * Throws ConnectorError with every URL's reason, never the password.
 */
export async function openClient(connection: CompiledConnection): Promise<OpenedClient> {
	const failures: string[] = [];
	let transient = true;
	for (const url of connection.urls) {
		try {
			return { client: await connectOne(connection, url), url };
		} catch (error) {
			const reason = describeConnectError(error, url, connection);
			if (ldapCode(error) === LdapCode.invalidCredentials) {
				const failure = new ConnectorError(reason, false);
				failure.cause = error;
				throw failure;
			}
			transient &&= isTransientLdapError(error);
			failures.push(reason);
		}
	}
	const message = failures.length === 1 ? failures[0] : `No domain controller could be reached: ${failures.join(' ')}`;
	return Promise.reject(new ConnectorError(message, transient));
}

/** Runs fn with a bound client and always unbinds. */
export async function withClient<T>(connection: ActiveDirectoryConnection, fn: (client: Client) => Promise<T>): Promise<T> {
	const { client } = await openClient(checkConnection(connection));
	try {
		return await fn(client);
	} finally {
		await client.unbind().catch(() => undefined);
	}
}

export interface ConnectionTestResult {
	ok: boolean;
	message: string;
}

/**
 * The credential test: connects, binds and reads the base DN. Never throws; the message says
 * what to fix (refused, DNS, certificate, credentials, base DN).
 */
export async function testActiveDirectoryConnection(settings: ActiveDirectoryConnection): Promise<ConnectionTestResult> {
	let connection: CompiledConnection;
	try {
		connection = checkConnection(settings);
	} catch (error) {
		return { ok: false, message: errorMessage(error) };
	}
	let opened: OpenedClient;
	try {
		opened = await openClient(connection);
	} catch (error) {
		return { ok: false, message: errorMessage(error) };
	}
	try {
		await opened.client.search(connection.baseDn, { scope: 'base', attributes: ['distinguishedName'] });
		return { ok: true, message: `Connected to ${opened.url} as ${connection.bindDn}; base DN ${connection.baseDn} found.` };
	} catch (error) {
		const reason =
			ldapCode(error) === LdapCode.noSuchObject
				? `the base DN ${connection.baseDn} does not exist on this domain`
				: describeLdapError(error);
		return { ok: false, message: `Connected to ${opened.url} as ${connection.bindDn}, but ${reason}.` };
	} finally {
		await opened.client.unbind().catch(() => undefined);
	}
}

/** Binary attributes read as buffers, never as text. */
export const BINARY_ATTRIBUTES = ['objectGUID', 'objectSid'];
export const PAGE_SIZE = 500;

export interface PagedSearch {
	filter: string | Filter;
	attributes: string[];
	scope?: SearchOptions['scope'];
	/** Entries per page; default 500. */
	pageSize?: number;
}

/** Searches a page of 500 at a time (AD caps unpaged searches at 1,000 entries). */
export async function* searchPaged(client: Client, base: string, search: PagedSearch): AsyncGenerator<Entry> {
	const pages = client.searchPaginated(base, {
		scope: search.scope ?? 'sub',
		filter: search.filter,
		attributes: search.attributes,
		explicitBufferAttributes: BINARY_ATTRIBUTES,
		paged: { pageSize: search.pageSize ?? PAGE_SIZE },
	});
	for await (const page of pages) yield* page.searchEntries;
}

/** Every entry of a search, paged. */
export async function searchAll(client: Client, base: string, search: PagedSearch): Promise<Entry[]> {
	const entries: Entry[] = [];
	for await (const entry of searchPaged(client, base, search)) entries.push(entry);
	return entries;
}

/** The entry's objectGUID as a GUID string (the account's `ref`). */
export function entryGuid(entry: Entry): string {
	const value = entry.objectGUID;
	const bytes = Array.isArray(value) ? value[0] : value;
	if (!Buffer.isBuffer(bytes)) throw new Error(`${entry.dn} has no objectGUID; read it with explicitBufferAttributes.`);
	return guidToString(bytes);
}
