import { type CompiledValue, compileFields, compileMapping, type Mapping } from '../mapping';
import type { Contract, Department, NamingConvention } from '../model/person';
import { type DateSettings, parseHrDate } from './dates';
import {
	type ContractField,
	DEFAULT_REQUIRED_FIELDS,
	DEPARTMENT_FIELDS,
	type ImportMapping,
	type ImportOptions,
	type PersonField,
} from './options';

/** A problem with one HR row, naming the row (1-based, as the admin counts) and the field. */
export interface RowIssue {
	row: number;
	externalId?: string;
	field: string;
	message: string;
	/** 'error': the person is blocked or the row skipped; 'warning': imported, worth a look. */
	severity: 'error' | 'warning';
}

export interface PersonFields {
	externalId?: string;
	givenName?: string;
	nickName?: string;
	initials?: string;
	familyPrefix?: string;
	familyName?: string;
	partnerFamilyPrefix?: string;
	partnerFamilyName?: string;
	namingConvention?: NamingConvention;
	birthDate?: string;
	nationalId?: string;
	email?: string;
	phone?: string;
	custom: Record<string, unknown>;
}

/** What one HR row contributes: person fields, its contracts, and what was wrong with it. */
export interface MappedRow {
	row: number;
	person: PersonFields;
	contracts: Contract[];
	issues: RowIssue[];
}

const CONVENTIONS = new Set(['B', 'P', 'BP', 'PB']);

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const result = (value instanceof Date ? value.toISOString() : String(value)).trim();
	return result === '' ? undefined : result;
}

/** Accepts 0.8, "0.8" and the Dutch "0,8". */
function number(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	const raw = text(value);
	if (raw === undefined) return undefined;
	const parsed = Number(raw.replace(',', '.'));
	if (Number.isNaN(parsed)) throw new Error(`"${raw}" is not a number`);
	return parsed;
}

/** A reader per mapped field: rows are read field by field, without building an object of values first. */
const fieldReaders = <F extends string>(fields: Partial<Record<F, unknown>> | undefined) =>
	Object.fromEntries(compileFields((fields ?? {}) as Mapping)) as Partial<Record<F, CompiledValue>>;

/** What turning rows into persons needs; stored with the import so a held import applies as staged. */
export type RowMapping = Pick<ImportOptions, 'mapping' | 'rowShape' | 'contractsPath' | 'requiredFields'> & { dates: DateSettings };

export type RowMapper = (row: object, rowNo: number) => MappedRow;

export function compileRowMapper(options: RowMapping): RowMapper {
	const dates = options.dates;
	const mapping: ImportMapping = options.mapping;
	const personReaders = fieldReaders<PersonField>(mapping.person);
	// Each person field's reader and the conversion to its type, in the mapping's order.
	const personFieldReaders = (Object.keys(personReaders) as PersonField[]).map(
		(field) => [field, personReaders[field] as CompiledValue, personFieldType(field, dates)] as const,
	);
	const mapPersonCustom = compileMapping(mapping.personCustom ?? {});
	const contractReaders = fieldReaders<ContractField>(mapping.contract);
	const mapContractCustom = compileMapping(mapping.contractCustom ?? {});
	const required = new Set<PersonField>(['externalId', ...(options.requiredFields ?? DEFAULT_REQUIRED_FIELDS)]);
	const contractsPath = options.rowShape === 'person' ? options.contractsPath : undefined;
	const hasContracts = Object.keys(mapping.contract ?? {}).length > 0;

	function personFields(row: object, rowNo: number, issues: RowIssue[]): PersonFields {
		const person: PersonFields = { custom: mapPersonCustom(row) };
		const externalId = text(personReaders.externalId?.(row));
		for (const [field, read, toType] of personFieldReaders) {
			const value = read(row);
			try {
				(person as unknown as Record<string, unknown>)[field] = toType(value);
			} catch (error) {
				issues.push({ row: rowNo, externalId, field, message: (error as Error).message, severity: 'error' });
			}
		}
		for (const field of required) {
			if (person[field as keyof PersonFields] === undefined && !issues.some((issue) => issue.field === field)) {
				issues.push({ row: rowNo, externalId, field, message: `${field} is required but empty`, severity: 'error' });
			}
		}
		return person;
	}

	function contract(source: object, rowNo: number, personKey: string | undefined, issues: RowIssue[]): Contract {
		const value = (field: ContractField) => contractReaders[field]?.(source);
		const result: Contract = { externalId: text(value('externalId')) ?? '' };
		const fail = (field: string, error: unknown) =>
			issues.push({ row: rowNo, externalId: personKey, field: `contract.${field}`, message: (error as Error).message, severity: 'error' });
		for (const field of ['startDate', 'endDate'] as const) {
			try {
				result[field] = parseHrDate(value(field), dates);
			} catch (error) {
				fail(field, error);
			}
		}
		try {
			result.fte = number(value('fte'));
		} catch (error) {
			fail('fte', error);
		}
		for (const field of ['title', 'managerExternalId', 'costCentre', 'location', 'employer', 'type'] as const) {
			result[field] = text(value(field));
		}
		const department = departmentOf(value);
		if (department) result.department = department;
		const custom = mapContractCustom(source);
		if (Object.keys(custom).length) result.custom = custom;
		if (result.startDate && result.endDate && result.endDate < result.startDate) {
			issues.push({
				row: rowNo,
				externalId: personKey,
				field: 'contract.endDate',
				message: `ends (${result.endDate}) before it starts (${result.startDate})`,
				severity: 'error',
			});
		}
		return result;
	}

	return function mapRow(row: object, rowNo: number): MappedRow {
		const issues: RowIssue[] = [];
		const person = personFields(row, rowNo, issues);
		const contracts = contractSources(row, contractsPath, hasContracts).map((source) => contract(source, rowNo, person.externalId, issues));
		return { row: rowNo, person, contracts, issues };
	};
}

/** What staging needs from a row before it is mapped: its person key and the departments its contracts name. */
export interface RowOutline {
	key?: string;
	departments: Department[];
}

/**
 * Reads only the person key and the contracts' department fields of a row, as mapRow reads
 * them: far cheaper than mapping the whole row, which an import does only for persons whose
 * rows changed.
 */
export function compileRowOutline(options: RowMapping): (row: object) => RowOutline {
	const mapping: ImportMapping = options.mapping;
	const mapKey = compileMapping({ externalId: mapping.person.externalId } as Mapping);
	const departmentFields = (['departmentCode', 'departmentName', 'departmentParentCode'] as const).filter((field) => mapping.contract?.[field] !== undefined);
	const departmentReaders = fieldReaders<ContractField>(Object.fromEntries(departmentFields.map((field) => [field, mapping.contract?.[field]])));
	const contractsPath = options.rowShape === 'person' ? options.contractsPath : undefined;
	const hasDepartments = departmentFields.includes('departmentCode');
	return (row) => {
		const departments: Department[] = [];
		if (hasDepartments) {
			for (const source of contractSources(row, contractsPath, true)) {
				const department = departmentOf((field) => departmentReaders[field]?.(source));
				if (department) departments.push(department);
			}
		}
		return { key: text(mapKey(row).externalId), departments };
	};
}

/** The objects a row's contracts are read from: the row itself, or the items at contractsPath. */
function contractSources(row: object, contractsPath: string | undefined, hasContracts: boolean): object[] {
	if (contractsPath) return getList(row, contractsPath) as object[];
	return hasContracts ? [row] : [];
}

function departmentOf(value: (field: ContractField) => unknown): Department | undefined {
	const code = text(value('departmentCode'));
	return code ? { code, name: text(value('departmentName')), parentCode: text(value('departmentParentCode')) } : undefined;
}

/** How a person field's mapped value becomes the field: a date, a naming convention or text. */
function personFieldType(field: PersonField, dates: DateSettings): (value: unknown) => unknown {
	if (field === 'birthDate') return (value) => parseHrDate(value, dates);
	if (field === 'namingConvention') return convention;
	return text;
}

function convention(value: unknown): NamingConvention | undefined {
	const raw = text(value)?.toUpperCase();
	if (raw === undefined) return undefined;
	if (!CONVENTIONS.has(raw)) throw new Error(`"${raw}" is not a naming convention (B, P, BP or PB)`);
	return raw as NamingConvention;
}

function getList(row: object, path: string): unknown[] {
	let value: unknown = row;
	for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
	return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function stripUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
	return value;
}

export function compileDepartmentMapper(mapping: ImportMapping) {
	const byName = Object.fromEntries(DEPARTMENT_FIELDS.map((field) => [field, { type: 'field', path: field }]));
	const map = compileMapping((mapping.department ?? byName) as Mapping);
	return (row: object, rowNo: number): { department?: Department; issue?: RowIssue } => {
		const values = map(row);
		const code = text(values.code);
		if (!code) return { issue: { row: rowNo, field: 'department.code', message: 'code is required but empty', severity: 'error' } };
		return {
			department: stripUndefined({
				code,
				name: text(values.name),
				parentCode: text(values.parentCode),
				managerExternalId: text(values.managerExternalId),
			}),
		};
	};
}
