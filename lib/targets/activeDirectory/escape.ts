/**
 * Escaping for values that reach LDAP filters (RFC 4515) and distinguished names (RFC 4514),
 * and the small DN parser the connector needs (parent OU, first RDN, comparing DNs).
 * Non-ASCII characters stay as they are: ldapts writes strings as UTF-8.
 */

const FILTER_SPECIALS: Record<string, string> = { '*': '\\2a', '(': '\\28', ')': '\\29', '\\': '\\5c', '\0': '\\00' };

/** A value as it may stand in a filter: `O'Brien (Sales)*` → `O'Brien \28Sales\29\2a`. */
export function escapeFilterValue(value: string): string {
	return value.replace(/[*()\\\0]/g, (char) => FILTER_SPECIALS[char]);
}

/** Every byte as `\xx`, for binary values such as objectGUID. */
export function escapeFilterBytes(bytes: Uint8Array): string {
	let out = '';
	for (const byte of bytes) out += `\\${byte.toString(16).padStart(2, '0')}`;
	return out;
}

/**
 * A filter with every interpolated value escaped:
 * ldapFilter`(&(objectClass=user)(employeeID=${id}))`.
 */
export function ldapFilter(strings: TemplateStringsArray, ...values: Array<string | number>): string {
	let out = strings[0];
	values.forEach((value, i) => {
		out += escapeFilterValue(String(value)) + strings[i + 1];
	});
	return out;
}

/**
 * A value as it may stand in a DN's RDN: `Müller, Jan` → `Müller\, Jan`. Escapes
 * `, + " \ < > ; =`, a leading `#` or space, a trailing space and NUL (RFC 4514 2.4;
 * `=` too, as Active Directory does).
 */
export function escapeDnValue(value: string): string {
	let out = '';
	const last = value.length - 1;
	for (let i = 0; i <= last; i++) {
		const char = value[i];
		if (char === '\0') out += '\\00';
		else if (',+"\\<>;='.includes(char)) out += `\\${char}`;
		else if ((char === '#' || char === ' ') && i === 0) out += `\\${char}`;
		else if (char === ' ' && i === last) out += '\\ ';
		else out += char;
	}
	return out;
}

/** One RDN of a DN: its attribute type and its value, unescaped. */
export interface Rdn {
	type: string;
	value: string;
}

/** Thrown for a DN that cannot be parsed; names the DN. */
export class DnSyntaxError extends Error {
	constructor(dn: string, problem: string) {
		super(`"${dn}" is not a valid distinguished name: ${problem}.`);
		this.name = 'DnSyntaxError';
	}
}

/**
 * Splits a DN into its RDNs, values unescaped (`\,` and `\2C` alike; hex escapes are UTF-8
 * bytes). Multi-valued RDNs (`CN=a+UID=b`) are kept as one RDN whose value is the raw rest.
 */
export function parseDn(dn: string): Rdn[] {
	const rdns: Rdn[] = [];
	let i = 0;
	const text = dn.trim();
	if (text === '') return rdns;
	while (i <= text.length) {
		const eq = text.indexOf('=', i);
		if (eq === -1) throw new DnSyntaxError(dn, `"${text.slice(i)}" has no "="`);
		const type = text.slice(i, eq).trim();
		if (!/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)*)$/.test(type)) throw new DnSyntaxError(dn, `"${type}" is not an attribute type`);
		i = eq + 1;
		const bytes: number[] = [];
		let pendingSpaces = 0;
		let sawValue = false;
		const push = (chunk: string | number[]): void => {
			const encoded = typeof chunk === 'string' ? [...Buffer.from(chunk, 'utf8')] : chunk;
			for (let s = 0; s < pendingSpaces; s++) bytes.push(0x20);
			pendingSpaces = 0;
			bytes.push(...encoded);
		};
		for (; i < text.length; i++) {
			const char = text[i];
			if (char === ',' || char === ';') break;
			if (char === '\\') {
				const hex = text.slice(i + 1, i + 3);
				if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
					push([parseInt(hex, 16)]);
					i += 2;
				} else if (i + 1 < text.length) {
					push(text[i + 1]);
					i += 1;
				} else {
					throw new DnSyntaxError(dn, 'it ends with a lone "\\"');
				}
				sawValue = true;
			} else if (char === ' ') {
				// Unescaped spaces around a value are not part of it.
				if (sawValue) pendingSpaces++;
			} else {
				push(char);
				sawValue = true;
			}
		}
		rdns.push({ type, value: Buffer.from(bytes).toString('utf8') });
		if (i >= text.length) break;
		i++;
	}
	return rdns;
}

/** Builds a DN from RDNs, escaping each value. */
export function formatDn(rdns: readonly Rdn[]): string {
	return rdns.map((rdn) => `${rdn.type}=${escapeDnValue(rdn.value)}`).join(',');
}

/** `CN=a,OU=b,DC=c` → `OU=b,DC=c`. */
export function parentDn(dn: string): string {
	return formatDn(parseDn(dn).slice(1));
}

/** `CN=a\, b,OU=x` → `{ type: 'CN', value: 'a, b' }`. */
export function firstRdn(dn: string): Rdn {
	const [first] = parseDn(dn);
	if (!first) throw new DnSyntaxError(dn, 'it is empty');
	return first;
}

/** A DN in one spelling for comparisons: types upper-cased, values lower-cased (AD compares DNs without case). */
export function normalizeDn(dn: string): string {
	return parseDn(dn)
		.map((rdn) => `${rdn.type.toUpperCase()}=${escapeDnValue(rdn.value.toLowerCase())}`)
		.join(',');
}

export function sameDn(a: string, b: string): boolean {
	return normalizeDn(a) === normalizeDn(b);
}

/** True when `dn` is `ancestor` or lies below it. */
export function isDnWithin(dn: string, ancestor: string): boolean {
	const child = parseDn(dn);
	const parent = parseDn(ancestor);
	if (parent.length > child.length) return false;
	return normalizeDn(formatDn(child.slice(child.length - parent.length))) === normalizeDn(ancestor);
}

/** True when the text parses as a DN of at least two RDNs (a group "name" that is really a DN). */
export function looksLikeDn(text: string): boolean {
	try {
		return parseDn(text).length >= 2;
	} catch {
		return false;
	}
}

/**
 * An RDN for ldapts' modifyDN, which finds the new RDN's end at the first "," not preceded by
 * a backslash: a value ending in an escaped backslash (`\\,`) would be cut there, so
 * backslashes are written as `\5c` instead.
 */
export function rdnForModifyDn(rdn: Rdn): string {
	return `${rdn.type}=${escapeDnValue(rdn.value).replace(/\\\\/g, '\\5c')}`;
}
