import { ConnectorError } from '../../enforcement/connector';

/** LDAP result codes the connector acts on (RFC 4511 and AD). */
export const LdapCode = {
	operationsError: 1,
	timeLimitExceeded: 3,
	strongAuthRequired: 8,
	noSuchAttribute: 16,
	undefinedAttributeType: 17,
	constraintViolation: 19,
	attributeOrValueExists: 20,
	invalidAttributeSyntax: 21,
	noSuchObject: 32,
	invalidDnSyntax: 34,
	invalidCredentials: 49,
	insufficientAccessRights: 50,
	busy: 51,
	unavailable: 52,
	unwillingToPerform: 53,
	namingViolation: 64,
	objectClassViolation: 65,
	notAllowedOnNonLeaf: 66,
	entryAlreadyExists: 68,
	other: 80,
} as const;

/**
 * The error's message. Errors are recognised by shape, not instanceof: Node's own errors come
 * from another realm in a sandbox such as jest's, where instanceof Error is false.
 */
export function errorMessage(error: unknown): string {
	if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
		return (error as { message: string }).message;
	}
	return String(error);
}

function codeOf(error: unknown): unknown {
	return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** The LDAP result code of an ldapts error, or undefined for network and other errors. */
export function ldapCode(error: unknown): number | undefined {
	const code = codeOf(error);
	return typeof code === 'number' ? code : undefined;
}

const SYSTEM_CODE_IN_TEXT = /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENETDOWN|ENOTFOUND|EAI_AGAIN)\b/;

/** Node's error code (ECONNRESET, ENOTFOUND, CERT_HAS_EXPIRED ...), also when only the message carries it. */
export function systemCode(error: unknown): string | undefined {
	const code = codeOf(error);
	if (typeof code === 'string') return code;
	return SYSTEM_CODE_IN_TEXT.exec(errorMessage(error))?.[1];
}

/**
 * AD's own error number from the diagnostic text: `80090308: LdapErr: ..., data 52e, v4563`
 * gives "52e" (the bind sub-code), `00002071: ...` gives "00002071".
 */
export function adDataCode(error: unknown): string | undefined {
	const message = errorMessage(error);
	const data = /\bdata ([0-9a-f]+)/i.exec(message);
	if (data) return data[1].toLowerCase();
	const leading = /^([0-9A-F]{8}):/i.exec(message);
	return leading ? leading[1].toUpperCase() : undefined;
}

const TRANSIENT_SYSTEM_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EAI_AGAIN',
]);

// ldapts reports a dropped connection or a timeout as a plain Error with one of these texts.
const TRANSIENT_MESSAGES = [
	/socket error/i,
	/connection closed/i,
	/socket connection not established/i,
	/operation timed out/i,
	/connection timeout/i,
	/socket hang up/i,
	/client network socket disconnected/i,
];

/**
 * Worth trying again: the DC was busy (51), unavailable (52) or out of time (3), or the
 * connection dropped, timed out or was refused (a DC restarting). Not 80 ("other"): AD uses it
 * for permanent faults too, and a retry would only repeat them.
 */
export function isTransientLdapError(error: unknown): boolean {
	if (error instanceof ConnectorError) return error.transient;
	const code = ldapCode(error);
	if (code !== undefined) return code === LdapCode.busy || code === LdapCode.unavailable || code === LdapCode.timeLimitExceeded;
	const system = systemCode(error);
	if (system !== undefined && TRANSIENT_SYSTEM_CODES.has(system)) return true;
	const message = errorMessage(error);
	return TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/** What AD's bind sub-codes mean (the `data xxx` part of code 49). */
const BIND_SUBCODES: Record<string, string> = {
	'525': 'no such user',
	'52e': 'wrong user name or password',
	'530': 'not permitted to log on at this time',
	'531': 'not permitted to log on at this workstation',
	'532': 'password expired',
	'533': 'account disabled',
	'568': 'too many security IDs',
	'701': 'account expired',
	'773': 'the password must be changed first',
	'775': 'account locked out',
};

export function describeInvalidCredentials(bindDn: string, error: unknown): string {
	const data = adDataCode(error);
	const meaning = data ? BIND_SUBCODES[data] : undefined;
	const detail = data ? ` (data ${data}${meaning ? `: ${meaning}` : ''})` : '';
	return `Invalid credentials for ${bindDn}${detail}. Check the bind DN or UPN and the password of the service account.`;
}

/** The reason part of a message for a failed LDAP operation, in words a person can act on. */
export function describeLdapError(error: unknown): string {
	const code = ldapCode(error);
	const text = errorMessage(error).replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
	switch (code) {
		case LdapCode.insufficientAccessRights:
			return `the service account lacks the permission for this (${text})`;
		case LdapCode.noSuchObject:
			return `the object or OU does not exist (${text})`;
		case LdapCode.undefinedAttributeType:
			return `an attribute is not in the AD schema (${text})`;
		case LdapCode.invalidAttributeSyntax:
			return `a value does not fit its attribute's syntax (${text})`;
		case LdapCode.constraintViolation:
			return adDataCode(error) === '0000052D'
				? `the password does not meet the domain's password policy (${text})`
				: `a value breaks an AD constraint, such as a length limit or a value that must be unique (${text})`;
		case LdapCode.objectClassViolation:
			return `the object would break its object class rules, e.g. a required attribute is missing (${text})`;
		case LdapCode.unwillingToPerform:
			return `AD refused the operation (${text})`;
		case LdapCode.strongAuthRequired:
			return `AD requires an encrypted connection for this: use LDAPS or StartTLS (${text})`;
		case LdapCode.busy:
			return `the domain controller is busy (${text})`;
		case LdapCode.unavailable:
			return `the domain controller is unavailable (${text})`;
		case undefined:
			return describeNetworkError(error, text);
		default:
			return `${text} (LDAP result code ${code})`;
	}
}

/** ldapts' texts for a lost connection, said plainly (its own text spans lines). */
function describeNetworkError(error: unknown, text: string): string {
	const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
	const detail = lines.length > 1 ? lines[lines.length - 1] : undefined;
	if (/^socket error/i.test(text)) return `the connection to the domain controller was lost${detail ? ` (${detail})` : ''}`;
	if (/connection closed before message response/i.test(text)) return 'the domain controller closed the connection before answering';
	if (/operation timed out/i.test(text)) return 'the domain controller did not answer in time (the connection was closed)';
	const system = systemCode(error);
	return system && !text.includes(system) ? `${lines.join(': ')} (${system})` : lines.join(': ');
}

/** Wraps an error from ldapts for one action: `${what}: ${reason}`, transient when worth a retry. */
export function toConnectorError(what: string, error: unknown): ConnectorError {
	if (error instanceof ConnectorError) return error;
	const wrapped = new ConnectorError(`${what}: ${describeLdapError(error)}`, isTransientLdapError(error));
	wrapped.cause = error;
	return wrapped;
}
