import * as templateParser from '../../../lib/mapping/template';
import { compileMapping, compileValue } from '../../../lib/mapping';

describe('compiling', () => {
	afterEach(() => jest.restoreAllMocks());

	it('parses a template once when compiled, never when evaluated', () => {
		const parse = jest.spyOn(templateParser, 'parseTemplate');
		const username = compileValue({
			type: 'template',
			template: '{{ person.name.given | left(1) | lower }}.{{ person.name.family | lower | normalizeDiacritics }}',
		});
		expect(parse).toHaveBeenCalledTimes(1);
		for (let i = 0; i < 1000; i++) username({ person: { name: { given: `Given${i}`, family: 'Müller' } } });
		expect(username({ person: { name: { given: 'Ann', family: 'Müller' } } })).toBe('a.muller');
		expect(parse).toHaveBeenCalledTimes(1);
	});

	it('parses each template of a mapping once, however many persons it runs for', () => {
		const parse = jest.spyOn(templateParser, 'parseTemplate');
		const build = compileMapping({
			cn: { type: 'template', template: '{{ person.name.given }}' },
			mail: { type: 'template', template: '{{ person.name.given | lower }}@example.com' },
			title: { type: 'field', path: 'person.contracts[0].title' },
		});
		for (let i = 0; i < 100; i++) build({ person: { name: { given: 'Ann' }, contracts: [] } });
		expect(parse).toHaveBeenCalledTimes(2);
	});
});
