import { MAPPING_FUNCTIONS } from '../../../lib/mapping';
import { render } from './helpers';

describe('template functions', () => {
	it('lower and upper change the case', () => {
		expect(render('{{ v | lower }}', { v: 'Jan DE Vries' })).toBe('jan de vries');
		expect(render('{{ v | upper }}', { v: 'Jan de Vries' })).toBe('JAN DE VRIES');
	});

	it('trim removes spaces at both ends only', () => {
		expect(render('[{{ v | trim }}]', { v: '  Jan de Vries \t' })).toBe('[Jan de Vries]');
	});

	it.each([
		['Müller', 'Muller'],
		['Åsa', 'Asa'],
		['Øyvind', 'Oyvind'],
		['Łukasz', 'Lukasz'],
		['Straße', 'Strasse'],
		['ĳsselmeer', 'ijsselmeer'],
		['Ĳsselmeer', 'IJsselmeer'],
		['Ægir Þórsson', 'AEgir THorsson'],
		['François Đorđević', 'Francois Dordevic'],
		['Zoë Brontë', 'Zoe Bronte'],
	])('normalizeDiacritics turns %s into %s', (name, ascii) => {
		expect(render('{{ v | normalizeDiacritics }}', { v: name })).toBe(ascii);
	});

	it('normalizeDiacritics also handles decomposed input (letter + combining accent)', () => {
		expect(render('{{ v | normalizeDiacritics }}', { v: 'Jose\u0301' })).toBe('Jose');
	});

	it('left, right and mid count characters, mid from 0', () => {
		const context = { v: 'Johnson' };
		expect(render('{{ v | left(2) }}', context)).toBe('Jo');
		expect(render('{{ v | right(3) }}', context)).toBe('son');
		expect(render('{{ v | mid(1, 3) }}', context)).toBe('ohn');
		expect(render('{{ v | mid(4) }}', context)).toBe('son');
		expect(render('{{ v | left(20) }}', context)).toBe('Johnson');
		expect(render('{{ v | right(0) }}', context)).toBe('');
	});

	it('left and right do not split characters outside the basic plane', () => {
		expect(render('{{ v | left(2) }}', { v: '𝔄𝔅𝔆' })).toBe('𝔄𝔅');
		expect(render('{{ v | right(1) }}', { v: '𝔄𝔅𝔆' })).toBe('𝔆');
	});

	it('replace replaces every occurrence literally', () => {
		expect(render("{{ v | replace(' ', '.') }}", { v: 'de la Cruz' })).toBe('de.la.Cruz');
		expect(render("{{ v | replace('.', '$&') }}", { v: 'a.b' })).toBe('a$&b');
		expect(render("{{ v | replace('', 'x') }}", { v: 'ab' })).toBe('ab');
	});

	it('join puts the separator between values and skips empty ones', () => {
		const context = { given: 'Jan', prefix: '', family: 'Vries', middle: null };
		expect(render("{{ join(' ', given, prefix, middle, missing, family) }}", context)).toBe('Jan Vries');
		expect(render("{{ join('-', 'a', 1, 'b') }}", context)).toBe('a-1-b');
	});

	it('coalesce gives the first value that is not empty', () => {
		expect(render('{{ coalesce(nick, given) }}', { nick: '', given: 'Johannes' })).toBe('Johannes');
		expect(render('{{ coalesce(nick, given) }}', { nick: 'Hans', given: 'Johannes' })).toBe('Hans');
		expect(render('[{{ coalesce(a, b) }}]', {})).toBe('[]');
	});

	it('formatDate writes a YYYY-MM-DD date or an ISO timestamp with yyyy, yy, MM, M, dd, d', () => {
		expect(render("{{ d | formatDate('dd-MM-yyyy') }}", { d: '1990-04-07' })).toBe('07-04-1990');
		expect(render("{{ d | formatDate('d/M/yy') }}", { d: '1990-04-07' })).toBe('7/4/90');
		expect(render("{{ d | formatDate('yyyyMMdd') }}", { d: '2024-12-31T23:30:00+01:00' })).toBe('20241231');
	});

	it('formatDate gives empty text for a missing or unreadable date', () => {
		expect(render("[{{ d | formatDate('dd-MM-yyyy') }}]", {})).toBe('[]');
		expect(render("[{{ d | formatDate('dd-MM-yyyy') }}]", { d: '07/04/1990' })).toBe('[]');
		expect(render("[{{ d | formatDate('dd-MM-yyyy') }}]", { d: '1990-13-01' })).toBe('[]');
	});

	it('initials takes the first letter of each word, upper-case', () => {
		expect(render('{{ v | initials }}', { v: 'Jan Pieter' })).toBe('JP');
		expect(render('{{ v | initials }}', { v: 'anne-marie van  dam' })).toBe('AMVD');
	});

	it('default gives the fallback only when the value is empty', () => {
		expect(render("{{ v | default('Employee') }}", {})).toBe('Employee');
		expect(render("{{ v | default('Employee') }}", { v: '' })).toBe('Employee');
		expect(render("{{ v | default('Employee') }}", { v: 'Manager' })).toBe('Manager');
		expect(render("{{ v | default('x') }}", { v: 0 })).toBe('0');
	});

	it('removeSpaces removes all white space', () => {
		expect(render('{{ v | removeSpaces }}', { v: ' van der\tBerg ' })).toBe('vanderBerg');
	});

	it('stripNonAlphanumeric keeps letters and digits of any script', () => {
		expect(render('{{ v | stripNonAlphanumeric }}', { v: "O'Brien-Smith 2nd" })).toBe('OBrienSmith2nd');
		expect(render('{{ v | stripNonAlphanumeric }}', { v: 'Jürgen (Ωmega) 東京!' })).toBe('JürgenΩmega東京');
	});

	it('capitalize upper-cases the first letter and leaves the rest', () => {
		expect(render('{{ v | capitalize }}', { v: 'élodie mcDonald' })).toBe('Élodie mcDonald');
		expect(render('[{{ v | capitalize }}]', { v: '' })).toBe('[]');
	});

	it('every function of the library is covered by the tests above', () => {
		const covered = [
			...['lower', 'upper', 'trim', 'normalizeDiacritics', 'left', 'right', 'mid', 'replace', 'join'],
			...['coalesce', 'formatDate', 'initials', 'default', 'removeSpaces', 'stripNonAlphanumeric', 'capitalize'],
		];
		expect([...MAPPING_FUNCTIONS.keys()].sort()).toEqual(covered.sort());
	});
});
