import { encodeUnicodePwd, generatePassword } from '../../../../lib/targets/activeDirectory/password';

test('a generated password has the asked length and every character class AD complexity counts', () => {
	for (let i = 0; i < 200; i++) {
		const password = generatePassword(16);
		expect(password).toHaveLength(16);
		expect(password).toMatch(/[A-Z]/);
		expect(password).toMatch(/[a-z]/);
		expect(password).toMatch(/[0-9]/);
		expect(password).toMatch(/[^A-Za-z0-9]/);
		expect(password).not.toMatch(/[\s"'\\`]/);
	}
});

test('passwords differ from one another', () => {
	const passwords = new Set(Array.from({ length: 100 }, () => generatePassword(12)));
	expect(passwords.size).toBe(100);
});

test('unicodePwd is the quoted password in UTF-16LE', () => {
	expect(encodeUnicodePwd('Ab1!').equals(Buffer.from('"Ab1!"', 'utf16le'))).toBe(true);
	expect(encodeUnicodePwd('Ab1!')).toHaveLength(12);
});
