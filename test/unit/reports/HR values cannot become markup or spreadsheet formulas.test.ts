import { csvCell, csvRow, escapeHtml } from '../../../lib/reports';

describe('escapeHtml', () => {
	test('a script tag in a name is shown as text, not run', () => {
		expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	test('quotes and ampersands cannot end an attribute or start an entity', () => {
		expect(escapeHtml(`O'Brien, Jr. (Sales)* & "Co"`)).toBe('O&#39;Brien, Jr. (Sales)* &amp; &quot;Co&quot;');
		expect(escapeHtml('&lt;')).toBe('&amp;lt;');
	});

	test('other characters, accents and backslashes stay as they are', () => {
		expect(escapeHtml('#Müller\\')).toBe('#Müller\\');
		expect(escapeHtml(42)).toBe('42');
		expect(escapeHtml(null)).toBe('');
	});
});

describe('csvCell', () => {
	test.each([
		['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
		['+31 6 1234', "'+31 6 1234"],
		['-1+1', "'-1+1"],
		['@SUM(A1:A9)', "'@SUM(A1:A9)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', `"'\rcmd"`],
	])('a cell a spreadsheet would run as a formula, %j, stays text', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	test('commas, quotes and line breaks are quoted as RFC 4180 says', () => {
		expect(csvCell("O'Brien, Jr. (Sales)*")).toBe(`"O'Brien, Jr. (Sales)*"`);
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
	});

	test('plain values, markup and accents are left alone', () => {
		expect(csvCell('#Müller\\')).toBe('#Müller\\');
		expect(csvCell('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
		expect(csvCell('a=b')).toBe('a=b');
		expect(csvCell(null)).toBe('');
		expect(csvCell(7)).toBe('7');
	});

	test('csvRow joins the cells with commas', () => {
		expect(csvRow(['a', 'b,c', '=1'])).toBe(`a,"b,c",'=1`);
	});
});
