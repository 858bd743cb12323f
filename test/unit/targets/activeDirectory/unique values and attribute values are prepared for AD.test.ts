import { ConnectorError } from '../../../../lib/enforcement/connector';
import { createActiveDirectoryConnector } from '../../../../lib/targets/activeDirectory';
import { ldapValues, sameValues, shapeValues, withEnabled } from '../../../../lib/targets/activeDirectory/attributes';
import { invalidUniqueValue, takenFilter } from '../../../../lib/targets/activeDirectory/unique';
import { makeSubject } from '../../../contract/connectorContract';

describe('unique values', () => {
	test('a mail address counts as taken when any object has it as mail or as an SMTP proxy address', () => {
		expect(takenFilter('mail', 'j.smith@example.test')).toBe('(|(mail=j.smith@example.test)(proxyAddresses=smtp:j.smith@example.test))');
		expect(takenFilter('proxyAddresses', 'SMTP:j.smith@example.test')).toBe('(|(proxyAddresses=SMTP:j.smith@example.test)(mail=j.smith@example.test))');
		expect(takenFilter('proxyAddresses', 'X400:c=NL')).toBe('(proxyAddresses=X400:c=NL)');
	});

	test('candidate values are escaped in the check', () => {
		expect(takenFilter('cn', 'Smith (Sales)*')).toBe('(cn=Smith \\28Sales\\29\\2a)');
	});

	test.each([
		['j.o,brien', 'contains ","'],
		['j*smith', 'contains "*"'],
		['smith.', 'ends with "."'],
	])('sAMAccountName %j is refused before AD sees it: %s', (value, reason) => {
		expect(invalidUniqueValue('sAMAccountName', value)).toContain(reason);
	});

	test("names AD accepts pass: apostrophes, dots, hyphens, letters with accents", () => {
		expect(invalidUniqueValue('sAMAccountName', "j.o'brien-müller")).toBeUndefined();
		expect(invalidUniqueValue('userPrincipalName', 'j.smith@example.test')).toBeUndefined();
		expect(invalidUniqueValue('userPrincipalName', 'j.smith')).toBe('is not of the form name@suffix');
	});
});

describe('attribute values', () => {
	test('mapped values become LDAP values: empty means none, lists stay lists, booleans are TRUE/FALSE', () => {
		expect(ldapValues(undefined)).toEqual([]);
		expect(ldapValues('')).toEqual([]);
		expect(ldapValues(['a', '', null, 'b'])).toEqual(['a', 'b']);
		expect(ldapValues(true)).toEqual(['TRUE']);
		expect(ldapValues(42)).toEqual(['42']);
	});

	test('single values compare exactly, lists without regard to order', () => {
		expect(sameValues('title', ['Dev'], ['dev'])).toBe(false);
		expect(sameValues('title', [], [])).toBe(true);
		expect(sameValues('proxyAddresses', ['SMTP:a', 'smtp:b'], ['smtp:b', 'SMTP:a'])).toBe(true);
		expect(shapeValues('proxyAddresses', ['SMTP:a'])).toEqual(['SMTP:a']);
		expect(shapeValues('title', ['Dev'])).toBe('Dev');
	});

	test('enabling and disabling touch only the ACCOUNTDISABLE bit of userAccountControl', () => {
		const dontExpire = 0x10000;
		expect(withEnabled(512 | 2 | dontExpire, true)).toBe(512 | dontExpire);
		expect(withEnabled(512 | dontExpire, false)).toBe(512 | 2 | dontExpire);
	});
});

describe('the connector without a connection', () => {
	const connector = createActiveDirectoryConnector({
		connection: { urls: ['ldaps://dc1.example.test'], security: 'ldaps', bindDn: 'svc@example.test', password: 'pw', baseDn: 'DC=example,DC=test' },
		accounts: {
			initialOu: 'OU=Users,DC=example,DC=test',
			correlation: { personField: 'person.externalId', attribute: 'employeeID' },
			unique: { sAMAccountName: [{ type: 'field', path: 'person.externalId' }] },
			attributes: {},
		},
	});

	test('reads the correlation value from the person and from the account (attribute names without case)', () => {
		expect(connector.target).toBe('activeDirectory');
		expect(connector.personCorrelationValue(makeSubject({ externalId: '1042' }))).toBe('1042');
		expect(connector.accountCorrelationValue({ ref: 'x', name: 'x', enabled: true, attributes: { EmployeeId: '1042' } })).toBe('1042');
		expect(connector.accountCorrelationValue({ ref: 'x', name: 'x', enabled: true, attributes: {} })).toBeUndefined();
	});

	test('a person without a correlation value cannot be correlated, and the error says why', async () => {
		const subject = makeSubject({ externalId: '' });
		await expect(connector.correlate(subject)).rejects.toThrow(/has no value for person.externalId, so no account can be matched by employeeID/);
	});

	test('an account ref that is not a GUID is refused without asking AD', async () => {
		const error = await connector
			.disable({ ref: 'j.smith', name: 'j.smith', enabled: true, attributes: {} }, makeSubject(), { dryRun: false, reserveUnique: () => true })
			.catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(ConnectorError);
		expect((error as Error).message).toBe(
			'Cannot disable account j.smith: its ref "j.smith" is not an objectGUID; Active Directory accounts are referred to by their GUID.',
		);
		expect(connector.isTransient(error)).toBe(false);
	});
});
