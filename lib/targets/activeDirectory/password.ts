import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
// No quotes, backslash or spaces: the password survives being pasted into a shell or a mail.
const SYMBOLS = '!#$%&*+-=?@^_~';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

/**
 * A random password (crypto.randomInt) with at least one upper-case letter, lower-case letter,
 * digit and symbol, which meets AD's complexity rule. Look-alike characters (I, l, O, 0, 1)
 * are left out because the password is handed to a person.
 */
export function generatePassword(length = 16): string {
	if (!Number.isInteger(length) || length < 4) throw new Error(`A password needs at least 4 characters, got ${length}.`);
	const pick = (set: string): string => set[randomInt(set.length)];
	const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
	while (chars.length < length) chars.push(pick(ALL));
	// Fisher-Yates, so the guaranteed classes are not always in front.
	for (let i = chars.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[chars[i], chars[j]] = [chars[j], chars[i]];
	}
	return chars.join('');
}

/** unicodePwd's value: the password in double quotes, UTF-16LE. */
export function encodeUnicodePwd(password: string): Buffer {
	return Buffer.from(`"${password}"`, 'utf16le');
}
