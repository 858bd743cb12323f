import { render } from './helpers';

const person = {
	name: { given: 'Jan Pieter', nickName: '', familyPrefix: 'van der', family: 'Müller' },
	birthDate: '1990-04-07',
	fte: 0.8,
	contracts: [{ department: { code: 'HR' } }, { department: { code: 'IT' } }],
};

describe('templates', () => {
	it('chain pipes from left to right', () => {
		expect(render('{{person.name.given | lower}}.{{person.name.family | lower | normalizeDiacritics}}', { person })).toBe(
			'jan pieter.muller',
		);
	});

	it('pass literal arguments in single or double quotes and numbers', () => {
		expect(render(`{{ person.name.given | replace(" ", '_') | left(5) }}`, { person })).toBe('Jan_P');
	});

	it('call a function first, with paths and literals as arguments, then pipe its result', () => {
		expect(render('{{ coalesce(person.name.nickName, person.name.given) | lower }}', { person })).toBe('jan pieter');
		expect(render("{{ join(' ', person.name.given, person.name.familyPrefix, person.name.family) }}", { person })).toBe(
			'Jan Pieter van der Müller',
		);
	});

	it('accept expressions with pipes as arguments', () => {
		expect(render("{{ join('.', person.name.given | left(1), person.name.family | normalizeDiacritics) | lower }}", { person })).toBe(
			'j.muller',
		);
	});

	it('pipe a value into join as one of the joined values', () => {
		expect(render("{{ person.name.given | join(' ', person.name.family) }}", { person })).toBe('Jan Pieter Müller');
	});

	it('read indexed paths', () => {
		expect(render('GRP-{{ person.contracts[1].department.code }}', { person })).toBe('GRP-IT');
	});

	it('write missing values as empty text', () => {
		expect(render('[{{ person.name.middle }}|{{ person.contracts[5].department.code | upper }}]', { person })).toBe('[|]');
	});

	it('always give text, also for numbers and a lone block', () => {
		expect(render('{{ person.fte }}', { person })).toBe('0.8');
		expect(render('{{ 42 }}', {})).toBe('42');
		expect(render('', {})).toBe('');
	});

	it('keep text outside blocks as written, single braces included', () => {
		expect(render('(&(cn={x}) {{ person.name.given | left(3) }})', { person })).toBe('(&(cn={x}) Jan)');
	});

	it('allow "}}" and "|" inside quoted text and escaped quotes', () => {
		expect(render("{{ 'a}}b|c' }}", {})).toBe('a}}b|c');
		expect(render("{{ 'it\\'s' }}", {})).toBe("it's");
	});

	it('read quoted names for keys with spaces', () => {
		expect(render("{{ row['Employee ID'] }}", { row: { 'Employee ID': 'E-12' } })).toBe('E-12');
	});

	it('work without spaces around pipes', () => {
		expect(render('{{person.name.given|left(1)|lower}}', { person })).toBe('j');
	});
});
