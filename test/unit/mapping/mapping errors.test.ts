import { compileMapping, compileValue, getPath, MAPPING_FUNCTIONS, MappingError, validateMapping } from '../../../lib/mapping';
import { mappingErrorOf } from './helpers';

const knownPaths = [
	'person.name.given',
	'person.name.family',
	'person.name.nickName',
	'person.contracts[].department.code',
	'person.custom.*',
];

describe('mapping errors', () => {
	it('an unknown function names the function, the field, every known function and the closest one', () => {
		const error = mappingErrorOf(() =>
			validateMapping({ sAMAccountName: { type: 'template', template: '{{ person.name.given | lowercase }}' } }),
		);
		expect(error).toBeInstanceOf(MappingError);
		expect(error.message).toMatch(/^Template for "sAMAccountName" uses unknown function "lowercase"/);
		expect(error.message).toContain(`Known functions: ${[...MAPPING_FUNCTIONS.keys()].join(', ')}.`);
		expect(error.message).toContain('Did you mean "lower"?');
		expect(error.field).toBe('sAMAccountName');
		expect(error.functionName).toBe('lowercase');
	});

	it('an unknown function called first is reported too', () => {
		const error = mappingErrorOf(() => compileValue({ type: 'template', template: "{{ joinn(' ', a, b) }}" }));
		expect(error.message).toContain('unknown function "joinn"');
		expect(error.message).toContain('Did you mean "join"?');
	});

	it('a syntax error gives its position', () => {
		const template = '{{ person.name.given | left(1 }}';
		const error = mappingErrorOf(() => compileValue({ type: 'template', template }, { field: 'mail' }));
		expect(error.message).toBe(
			`Template for "mail" has a syntax error at position ${template.indexOf('}}') + 1}: expected "," or ")" in the arguments of "left" but found "}}".`,
		);
		expect(error.position).toBe(template.indexOf('}}') + 1);
	});

	it('unbalanced braces are syntax errors pointing at the lone brace pair', () => {
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: 'ab {{ x' })).message).toContain(
			'the "{{" at position 4 is not closed with "}}"',
		);
		const closing = mappingErrorOf(() => compileValue({ type: 'template', template: '{{ x }} y }}' }));
		expect(closing.message).toContain('"}}" without an opening "{{"');
		expect(closing.position).toBe(11);
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: 'a {{ }}' })).message).toContain('empty "{{ }}"');
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: "{{ 'open }}" })).message).toContain(
			"the quoted text has no closing '",
		);
	});

	it('a wrong number of arguments says how many the function takes', () => {
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: '{{ x | left }}' })).message).toContain(
			'"| left" takes 1 argument (n) after the piped value, got 0',
		);
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: '{{ left(x) }}' })).message).toContain(
			'"left" takes 2 arguments (value, n), got 1',
		);
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: "{{ x | replace('a') }}" })).message).toContain(
			'"| replace" takes 2 arguments (find, with) after the piped value, got 1',
		);
		expect(mappingErrorOf(() => compileValue({ type: 'template', template: '{{ x | lower(1) }}' })).message).toContain(
			'"| lower" takes 0 arguments after the piped value, got 1',
		);
	});

	it('a literal text where a number is needed is an error', () => {
		const error = mappingErrorOf(() => compileValue({ type: 'template', template: "{{ x | left('2') }}" }));
		expect(error.message).toContain('"left" needs a number for n, got "2"');
	});

	it('an unknown path is an error only when known paths or roots are given', () => {
		const mapping = { mail: { type: 'template' as const, template: '{{ person.name.givn }}@example.com' } };
		expect(() => validateMapping(mapping)).not.toThrow();
		const error = mappingErrorOf(() => validateMapping(mapping, { knownPaths }));
		expect(error.message).toBe('Template for "mail" uses unknown path "person.name.givn". Did you mean "person.name.given"?');
		expect(error.path).toBe('person.name.givn');
		expect(error.field).toBe('mail');
	});

	it('an unknown path with nothing close lists the known paths at that level', () => {
		const error = mappingErrorOf(() => compileValue({ type: 'field', path: 'person.xyz' }, { knownPaths, field: 'title' }));
		expect(error.message).toBe(
			'Field mapping for "title" uses unknown path "person.xyz". Known paths under "person": person.name, person.contracts, person.custom.',
		);
	});

	it('known paths match any index, objects above them and anything below a ".*" path', () => {
		const template = '{{ person.contracts[2].department.code }} {{ person.name }} {{ person.custom.badge }}';
		expect(() => compileValue({ type: 'template', template }, { knownPaths })).not.toThrow();
	});

	it('an unknown root lists the known roots', () => {
		const error = mappingErrorOf(() =>
			compileValue({ type: 'template', template: '{{ persn.name.given }}' }, { knownRoots: ['person', 'contract'] }),
		);
		expect(error.message).toBe('Template uses unknown path "persn.name.given". Did you mean "person"? Known roots: person, contract.');
	});

	it('with known roots and known paths, a root no known path describes stays open', () => {
		const options = { knownRoots: ['person', 'contract'], knownPaths };
		expect(() => compileValue({ type: 'field', path: 'contract.anything' }, options)).not.toThrow();
		expect(mappingErrorOf(() => compileValue({ type: 'field', path: 'person.anything' }, options)).path).toBe('person.anything');
		expect(mappingErrorOf(() => compileValue({ type: 'field', path: 'department.code' }, options)).message).toContain(
			'Known roots: person, contract.',
		);
	});

	it('a malformed field path names the field and the position', () => {
		const error = mappingErrorOf(() => compileValue({ type: 'field', path: 'person..name' }, { field: 'cn' }));
		expect(error.message).toBe('Field mapping for "cn": path "person..name" is not valid at position 8: expected a name after ".".');
		expect(mappingErrorOf(() => getPath({}, 'a[x]')).message).toContain('Path "a[x]" is not valid at position 3');
	});

	it('compileMapping reports the first wrong field by name', () => {
		const error = mappingErrorOf(() =>
			compileMapping({
				givenName: { type: 'field', path: 'person.name.given' },
				department: { type: 'template', template: '{{ person.contracts[0].department.code | upperr }}' },
			}),
		);
		expect(error.field).toBe('department');
		expect(error.message).toContain('Did you mean "upper"?');
	});

	it('a value of the wrong shape names the field', () => {
		const broken = { cn: { type: 'templat', template: 'x' } } as never;
		expect(mappingErrorOf(() => compileMapping(broken)).message).toBe(
			'Mapping for "cn" has unknown type "templat"; use one of: field, fixed, template. Did you mean "template"?',
		);
	});
});
