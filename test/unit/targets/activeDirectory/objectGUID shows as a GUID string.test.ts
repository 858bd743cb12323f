import { guidToBytes, guidToString, isGuid } from '../../../../lib/targets/activeDirectory/guid';

test('the first three groups are little-endian, as Windows shows objectGUID', () => {
	const stored = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
	expect(guidToString(stored)).toBe('33221100-5544-7766-8899-aabbccddeeff');
});

test('a GUID string (with or without braces) turns back into the stored bytes', () => {
	const stored = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');
	const text = guidToString(stored);
	expect(guidToBytes(text).equals(stored)).toBe(true);
	expect(guidToBytes(`{${text.toUpperCase()}}`).equals(stored)).toBe(true);
	expect(isGuid(text)).toBe(true);
	expect(isGuid('j.smith')).toBe(false);
});

test('a value that is not a GUID is refused with a readable message', () => {
	expect(() => guidToBytes('not-a-guid')).toThrow('"not-a-guid" is not a GUID');
	expect(() => guidToString(Buffer.alloc(15))).toThrow('16 bytes');
});
