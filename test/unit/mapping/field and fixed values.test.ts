import { compileMapping, compileValue, getPath } from '../../../lib/mapping';

const employee = {
	number: 'E001',
	active: false,
	contracts: [{ department: { code: 'SALES', name: 'Sales' }, fte: 1 }],
	'Cost Centre': 'CC-4',
};

describe('field and fixed values', () => {
	it('a field value reads a dotted path with indexes and returns the raw value', () => {
		expect(compileValue({ type: 'field', path: 'employee.contracts[0].department.code' })({ employee })).toBe('SALES');
		expect(compileValue({ type: 'field', path: 'employee.contracts[0].fte' })({ employee })).toBe(1);
		expect(compileValue({ type: 'field', path: 'employee.active' })({ employee })).toBe(false);
		expect(compileValue({ type: 'field', path: 'employee.contracts[0].department' })({ employee })).toBe(
			employee.contracts[0].department,
		);
	});

	it('a field value is undefined when any step is missing', () => {
		for (const path of ['employee.contracts[3].department.code', 'employee.name.given', 'nobody', 'employee.number.length.x']) {
			expect(compileValue({ type: 'field', path })({ employee })).toBeUndefined();
		}
	});

	it('a field path reads names with spaces as written', () => {
		expect(compileValue({ type: 'field', path: 'employee.Cost Centre' })({ employee })).toBe('CC-4');
	});

	it('a path never reaches inherited members such as constructor or toString', () => {
		expect(compileValue({ type: 'field', path: 'employee.constructor' })({ employee })).toBeUndefined();
		expect(getPath(employee, 'number.toString')).toBeUndefined();
	});

	it('a fixed value is returned as it is', () => {
		expect(compileValue({ type: 'fixed', value: 'Employee' })({})).toBe('Employee');
		expect(compileValue({ type: 'fixed', value: 3 })({})).toBe(3);
		expect(compileValue({ type: 'fixed', value: null })({})).toBeNull();
	});

	it('getPath reads the same paths as field values', () => {
		expect(getPath({ employee }, 'employee.contracts[0].department.name')).toBe('Sales');
		expect(getPath({ employee }, 'employee.contracts[1].department.name')).toBeUndefined();
		expect(getPath([['a', 'b']], '[0][1]')).toBe('b');
	});

	it('a compiled mapping gives every target field for each context', () => {
		const build = compileMapping({
			employeeID: { type: 'field', path: 'person.externalId' },
			company: { type: 'fixed', value: 'Acme' },
			displayName: { type: 'template', template: '{{ person.name.given }} {{ person.name.family }}' },
		});
		expect(build({ person: { externalId: '7', name: { given: 'Ann', family: 'Lee' } } })).toEqual({
			employeeID: '7',
			company: 'Acme',
			displayName: 'Ann Lee',
		});
		expect(build({ person: { externalId: '8', name: { given: 'Bo' } } })).toEqual({
			employeeID: '8',
			company: 'Acme',
			displayName: 'Bo ',
		});
	});
});
