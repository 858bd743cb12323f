import { compileValue, uniqueCandidates } from '../../../lib/mapping';

const template = (text: string) => compileValue({ type: 'template', template: text });
const usernames = [
	template('{{ person.name.given | left(1) | lower }}.{{ person.name.family | lower }}'),
	template('{{ person.name.given | left(2) | lower }}.{{ person.name.family | lower }}'),
	template('{{ person.name.given | lower }}.{{ person.name.family | lower }}'),
];
const john = { person: { name: { given: 'John', family: 'Smith' } } };

describe('unique candidates', () => {
	it('offers the listed candidates in order, then the first one numbered from 2', () => {
		const values = [...uniqueCandidates(usernames, john, { maxIterations: 3 })];
		expect(values).toEqual(['j.smith', 'jo.smith', 'john.smith', 'j.smith2', 'j.smith3', 'j.smith4']);
	});

	it('skips empty and repeated candidates', () => {
		const jo = { person: { name: { given: 'Jo', family: 'Smith' } } };
		const candidates = [template('{{ person.nickName }}'), ...usernames];
		expect([...uniqueCandidates(candidates, jo, { maxIterations: 1 })]).toEqual(['j.smith', 'jo.smith', 'j.smith2']);
	});

	it('cuts every value to the 20-character limit and shortens the base so the number fits', () => {
		const long = { person: { name: { given: 'Alexandra', family: 'Vandenberghe-Smith' } } };
		const values = [...uniqueCandidates(usernames, long, { maxLength: 20, iterationStart: 9, maxIterations: 2 })];
		expect(values).toEqual(['a.vandenberghe-smith', 'al.vandenberghe-smit', 'alexandra.vandenberg', 'a.vandenberghe-smit9', 'a.vandenberghe-smi10']);
		for (const value of values) expect(value.length).toBeLessThanOrEqual(20);
	});

	it('starts numbering where asked and stops after maxIterations', () => {
		const values = [...uniqueCandidates(usernames.slice(0, 1), john, { iterationStart: 1, maxIterations: 2 })];
		expect(values).toEqual(['j.smith', 'j.smith1', 'j.smith2']);
	});

	it('offers nothing when every candidate is empty', () => {
		expect([...uniqueCandidates([template('{{ missing }}')], john)]).toEqual([]);
	});

	it('evaluates later candidates only when the caller asks for more', () => {
		let evaluated = 0;
		const counting = (context: object) => {
			evaluated++;
			return usernames[1](context);
		};
		const next = uniqueCandidates([usernames[0], counting], john).next();
		expect(next.value).toBe('j.smith');
		expect(evaluated).toBe(0);
	});
});
