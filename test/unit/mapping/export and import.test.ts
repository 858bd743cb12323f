import { compileMapping, exportMapping, importMapping, type Mapping } from '../../../lib/mapping';
import { mappingErrorOf } from './helpers';

const mapping: Mapping = {
	sAMAccountName: { type: 'template', template: '{{ person.name.given | left(1) | lower }}.{{ person.name.family | lower }}' },
	employeeID: { type: 'field', path: 'person.externalId' },
	company: { type: 'fixed', value: 'Acme' },
	description: { type: 'fixed', value: null },
};

describe('export and import', () => {
	it('an exported mapping imports to the same mapping, which gives the same values', () => {
		const imported = importMapping(exportMapping(mapping));
		expect(imported).toEqual(mapping);
		const context = { person: { externalId: '42', name: { given: 'Ann', family: 'Lee' } } };
		expect(compileMapping(imported)(context)).toEqual(compileMapping(mapping)(context));
	});

	it('exports pretty JSON with sorted field names and "type" first, whatever the edit order', () => {
		const reordered: Mapping = {
			description: { value: null, type: 'fixed' } as never,
			company: mapping.company,
			employeeID: { path: 'person.externalId', type: 'field' } as never,
			sAMAccountName: mapping.sAMAccountName,
		};
		const text = exportMapping(reordered);
		expect(text).toBe(exportMapping(mapping));
		expect(Object.keys(JSON.parse(text))).toEqual(['company', 'description', 'employeeID', 'sAMAccountName']);
		expect(text).toContain('"employeeID": {\n    "type": "field",\n    "path": "person.externalId"\n  }');
	});

	it('a document that is not JSON says so', () => {
		expect(mappingErrorOf(() => importMapping('{ "cn": ')).message).toMatch(/^The mapping document is not valid JSON/);
	});

	it.each([
		['[]', 'A mapping must be an object of target field name → value, got a list.'],
		['{"cn": "x"}', 'Mapping for "cn" must be an object with a "type" (field, fixed, template), got a string.'],
		['{"cn": {"path": "a"}}', 'Mapping for "cn" has no "type"; use one of: field, fixed, template.'],
		['{"cn": {"type": "field"}}', 'Mapping for "cn" (type "field") needs "path".'],
		['{"cn": {"type": "fixed"}}', 'Mapping for "cn" (type "fixed") needs "value".'],
		['{"cn": {"type": "template", "template": 3}}', 'Mapping for "cn" (type "template") needs "template" as text, got a number.'],
		['{"cn": {"type": "template", "tempalte": "x"}}', 'Mapping for "cn" (type "template") has unknown property "tempalte"; it takes "template".'],
		['{"__proto__": {"type": "fixed", "value": 1}}', 'A mapping cannot have a field named "__proto__".'],
	])('a bad document %s is refused: %s', (json, message) => {
		expect(mappingErrorOf(() => importMapping(json)).message).toBe(message);
	});

	it('a document with a broken template is refused with the field named', () => {
		const error = mappingErrorOf(() => importMapping('{"mail": {"type": "template", "template": "{{ x | nope }}"}}'));
		expect(error.field).toBe('mail');
		expect(error.message).toContain('unknown function "nope"');
	});

	it('import checks paths against the known paths when given', () => {
		const json = '{"mail": {"type": "field", "path": "person.mial"}}';
		expect(() => importMapping(json)).not.toThrow();
		expect(mappingErrorOf(() => importMapping(json, { knownPaths: ['person.mail'] })).message).toContain(
			'Did you mean "person.mail"?',
		);
	});
});
