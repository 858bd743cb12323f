import {
	escapeDnValue,
	escapeFilterBytes,
	escapeFilterValue,
	firstRdn,
	formatDn,
	isDnWithin,
	ldapFilter,
	looksLikeDn,
	parentDn,
	parseDn,
	rdnForModifyDn,
	sameDn,
} from '../../../../lib/targets/activeDirectory/escape';

describe('RFC 4515 filter values', () => {
	test.each([
		["O'Brien, Jr. (Sales)*", "O'Brien, Jr. \\28Sales\\29\\2a"],
		['#Müller\\', '#Müller\\5c'],
		['a\0b', 'a\\00b'],
		['*)(objectClass=*', '\\2a\\29\\28objectClass=\\2a'],
		['Zoë Ångström', 'Zoë Ångström'],
		['plain', 'plain'],
	])('%j is written as %j', (value, escaped) => {
		expect(escapeFilterValue(value)).toBe(escaped);
	});

	test('a filter built from an injection attempt matches only the literal value', () => {
		expect(ldapFilter`(&(objectClass=user)(employeeID=${'*)(cn=*'}))`).toBe('(&(objectClass=user)(employeeID=\\2a\\29\\28cn=\\2a))');
	});

	test('binary values are written byte by byte', () => {
		expect(escapeFilterBytes(Buffer.from([0x00, 0x0f, 0xab, 0xff]))).toBe('\\00\\0f\\ab\\ff');
	});
});

describe('RFC 4514 DN values', () => {
	test.each([
		["O'Brien, Jr. (Sales)*", "O'Brien\\, Jr. (Sales)*"],
		['#Müller\\', '\\#Müller\\\\'],
		[' leading and trailing ', '\\ leading and trailing\\ '],
		['a+b=c;d<e>"f"', 'a\\+b\\=c\\;d\\<e\\>\\"f\\"'],
		['mid#dle', 'mid#dle'],
		['nul\0', 'nul\\00'],
		[' ', '\\ '],
	])('%j is written as %j', (value, escaped) => {
		expect(escapeDnValue(value)).toBe(escaped);
	});

	test.each(["O'Brien, Jr. (Sales)*", '#Müller\\', ' both ', 'a+b=c;d<e>"f"', 'x\\,y', 'Ågren 日本', '\\'])(
		'%j survives a round trip through a DN',
		(value) => {
			const dn = formatDn([{ type: 'CN', value }, { type: 'OU', value: 'Users, Staff' }, { type: 'DC', value: 'example' }]);
			expect(parseDn(dn)).toEqual([
				{ type: 'CN', value },
				{ type: 'OU', value: 'Users, Staff' },
				{ type: 'DC', value: 'example' },
			]);
		},
	);

	test('hex escapes are read as UTF-8 bytes, as AD may write them', () => {
		expect(firstRdn('CN=M\\C3\\BCller\\2C Jan,OU=x').value).toBe('Müller, Jan');
	});

	test('spaces around separators are not part of the values', () => {
		expect(parseDn('CN=Jan Smith , OU=Users,  DC=example')).toEqual([
			{ type: 'CN', value: 'Jan Smith' },
			{ type: 'OU', value: 'Users' },
			{ type: 'DC', value: 'example' },
		]);
	});

	test('the parent and the first RDN are found past escaped commas', () => {
		const dn = 'CN=Smith\\, Jan\\\\,OU=Users,DC=example,DC=test';
		expect(firstRdn(dn)).toEqual({ type: 'CN', value: 'Smith, Jan\\' });
		expect(parentDn(dn)).toBe('OU=Users,DC=example,DC=test');
	});

	test('DNs compare without regard to case or escaping style', () => {
		expect(sameDn('CN=M\\C3\\BCller,OU=Users,DC=Example', 'cn=müller,ou=users,dc=example')).toBe(true);
		expect(sameDn('CN=a,OU=Users', 'CN=a,OU=Disabled')).toBe(false);
		expect(isDnWithin('CN=a,OU=Users,DC=example', 'ou=users,dc=example')).toBe(true);
		expect(isDnWithin('OU=Users,DC=example', 'CN=a,OU=Users,DC=example')).toBe(false);
	});

	test('a new RDN for ldapts modifyDN writes backslashes as \\5c so the RDN is not cut short', () => {
		// ldapts takes the first "," not preceded by "\" as the end of the new RDN.
		const rdn = rdnForModifyDn({ type: 'CN', value: '#Müller\\' });
		expect(rdn).toBe('CN=\\#Müller\\5c');
		const newDn = `${rdn},OU=Disabled,DC=example`;
		expect(newDn.search(/[^\\],/) + 1).toBe(rdn.length);
		expect(parseDn(newDn)[0].value).toBe('#Müller\\');
	});

	test('broken DNs are refused with the DN in the message', () => {
		expect(() => parseDn('CN=a,broken')).toThrow('"CN=a,broken" is not a valid distinguished name');
		expect(() => parseDn('CN=a\\')).toThrow('lone');
		expect(looksLikeDn('GRP-SALES')).toBe(false);
		expect(looksLikeDn('CN=GRP-SALES,OU=Groups,DC=example')).toBe(true);
	});
});
