import type { AggregatedContract, AggregatedPerson } from '../../../lib/aggregation';
import { primaryContractOf } from '../../../lib/enforcement/subject';

const contract = (externalId: string, source = 'HR'): AggregatedContract => ({ externalId, source, personId: `${source}-record` });

const person = (contracts: AggregatedContract[], primaryContractId?: string): AggregatedPerson => ({
	id: 'p1',
	externalId: 'E001',
	source: 'HR',
	name: { given: 'Anna', family: 'Smith' },
	custom: {},
	sources: [{ source: 'HR', externalId: 'E001', personId: 'HR-record' }],
	contracts,
	...(primaryContractId === undefined ? {} : { primaryContractId }),
});

test("the primary contract is the one the import chose, even when it is not the first", () => {
	expect(primaryContractOf(person([contract('C1'), contract('C2')], 'C2'))).toEqual(contract('C2'));
});

test('a contract id repeated by a lower-priority source does not win over the first source', () => {
	expect(primaryContractOf(person([contract('C1', 'HR'), contract('C1', 'Payroll')], 'C1'))?.source).toBe('HR');
});

test('without a primary contract id, or with one that no contract has, the first contract is used', () => {
	expect(primaryContractOf(person([contract('C1'), contract('C2')]))).toEqual(contract('C1'));
	expect(primaryContractOf(person([contract('C1'), contract('C2')], 'C9'))).toEqual(contract('C1'));
});

test('a person without contracts has no contract', () => {
	expect(primaryContractOf(person([], 'C1'))).toBeUndefined();
});
