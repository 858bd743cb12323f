import {
	ActiveDirectoryConfigError,
	validateActiveDirectoryConfig,
	type ActiveDirectoryConfig,
} from '../../../../lib/targets/activeDirectory/config';

function config(change: (config: ActiveDirectoryConfig) => void = () => undefined): ActiveDirectoryConfig {
	const base: ActiveDirectoryConfig = {
		connection: {
			urls: ['ldaps://dc1.example.test', 'ldaps://dc2.example.test'],
			security: 'ldaps',
			bindDn: 'svc-provisioning@example.test',
			password: 'secret-pw',
			baseDn: 'DC=example,DC=test',
		},
		accounts: {
			initialOu: 'OU=Users,DC=example,DC=test',
			correlation: { personField: 'person.externalId', attribute: 'employeeID' },
			unique: {
				sAMAccountName: [{ type: 'template', template: '{{person.name.given | left(1) | lower}}.{{person.name.family | lower}}' }],
				userPrincipalName: [{ type: 'template', template: '{{account.sAMAccountName}}@example.test' }],
			},
			attributes: {
				title: { type: 'field', path: 'contract.title' },
				description: { type: 'fixed', value: 'HR', onCreateOnly: true },
				info: { type: 'template', template: 'Reports to {{manager.name.display}}' },
			},
		},
	};
	change(base);
	return base;
}

const problem = (change: (config: ActiveDirectoryConfig) => void): string => {
	try {
		validateActiveDirectoryConfig(config(change));
	} catch (error) {
		expect(error).toBeInstanceOf(ActiveDirectoryConfigError);
		return (error as Error).message;
	}
	throw new Error('the configuration was accepted');
};

test('a valid configuration gets its defaults: target name, search bases, cn from sAMAccountName, password, manager', () => {
	const compiled = validateActiveDirectoryConfig(config());
	expect(compiled.target).toBe('activeDirectory');
	expect(compiled.accounts.searchBase).toBe('DC=example,DC=test');
	expect(compiled.groups.searchBase).toBe('DC=example,DC=test');
	expect(compiled.accounts.unique.map((unique) => unique.attribute)).toEqual(['sAMAccountName', 'cn', 'userPrincipalName']);
	expect(compiled.accounts.password).toEqual({ generate: true, length: 16 });
	expect(compiled.accounts.setManager).toBe(true);
	expect(compiled.connection).toMatchObject({ allowUnauthorizedCerts: false, timeoutMs: 10_000 });
	expect(compiled.accounts.attributes.map((attribute) => [attribute.name, attribute.onCreateOnly])).toEqual([
		['title', false],
		['description', true],
		['info', false],
	]);
});

test('the cn defaults to the chosen sAMAccountName and UPNs read it as account.sAMAccountName', () => {
	const compiled = validateActiveDirectoryConfig(config());
	const context = { person: { name: { given: 'Jan', family: 'Smith' } }, account: { sAMAccountName: 'j.smith' } };
	const [sam, cn, upn] = compiled.accounts.unique;
	expect(sam.candidates[0](context)).toBe('j.smith');
	expect(cn.candidates[0](context)).toBe('j.smith');
	expect(upn.candidates[0](context)).toBe('j.smith@example.test');
});

test.each([
	['an unknown function names the attribute', (c: ActiveDirectoryConfig) => (c.accounts.attributes.title = { type: 'template', template: '{{contract.title | lowr}}' }), /"title".*unknown function "lowr"/],
	['an unknown root names the attribute', (c: ActiveDirectoryConfig) => (c.accounts.attributes.title = { type: 'field', path: 'contrct.title' }), /"title".*unknown path "contrct.title"/],
	[
		'a unique value may only read values chosen before it',
		(c: ActiveDirectoryConfig) => (c.accounts.unique.sAMAccountName = [{ type: 'template', template: '{{account.mail}}' }]),
		/sAMAccountName \(candidate 1\).*unknown path "account.mail"/,
	],
	['a typo in account.* is caught', (c: ActiveDirectoryConfig) => (c.accounts.attributes.info = { type: 'template', template: '{{account.samAccountName}}' }), /"info".*account.samAccountName/],
	['sAMAccountName is required', (c: ActiveDirectoryConfig) => delete c.accounts.unique.sAMAccountName, /unique.sAMAccountName/],
	['an unsupported unique attribute is named', (c: ActiveDirectoryConfig) => ((c.accounts.unique as Record<string, unknown>).displayName = []), /"displayName" is not supported/],
	['attributes the connector writes cannot be mapped', (c: ActiveDirectoryConfig) => (c.accounts.attributes.unicodePwd = { type: 'fixed', value: 'x' }), /"unicodePwd" cannot be mapped: the initial password is generated/],
	['the correlation attribute cannot be mapped too', (c: ActiveDirectoryConfig) => (c.accounts.attributes.employeeId = { type: 'fixed', value: 'x' }), /"employeeId".*correlation attribute/],
	['a bad attribute name is refused', (c: ActiveDirectoryConfig) => (c.accounts.attributes['bad name'] = { type: 'fixed', value: 'x' }), /"bad name" is not an LDAP attribute name/],
	['a mapping with an unknown property is refused', (c: ActiveDirectoryConfig) => (c.accounts.attributes.title = { type: 'field', path: 'contract.title', onCreate: true } as never), /"title".*unknown property "onCreate"/],
	['an ldap:// URL with LDAPS', (c: ActiveDirectoryConfig) => (c.connection.urls = ['ldap://dc1.example.test']), /"ldap:\/\/dc1.example.test" must be ldaps:\/\//],
	['no URL at all', (c: ActiveDirectoryConfig) => (c.connection.urls = [' ']), /no URL/],
	['an OU that is not a DN', (c: ActiveDirectoryConfig) => (c.accounts.disabledOu = 'Disabled users'), /accounts.disabledOu.*not a valid distinguished name/],
	['a password too short to generate', (c: ActiveDirectoryConfig) => (c.accounts.password = { generate: true, length: 4 }), /Password length 4/],
	['an unknown security', (c: ActiveDirectoryConfig) => (c.connection.security = 'tls' as never), /security "tls" is unknown/],
])('%s', (_name, change, message) => {
	expect(problem(change)).toMatch(message);
});

test('the password is never part of a configuration error', () => {
	const message = problem((c) => (c.connection.baseDn = 'not a dn'));
	expect(message).toContain('connection.baseDn');
	expect(message).not.toContain('secret-pw');
});
