import type { MappingValue } from '../mapping';
import type { DateSettings } from './dates';
import type { ContractSortKey } from './primaryContract';

export const PERSON_FIELDS = [
	'externalId',
	'givenName',
	'nickName',
	'initials',
	'familyPrefix',
	'familyName',
	'partnerFamilyPrefix',
	'partnerFamilyName',
	'namingConvention',
	'birthDate',
	'nationalId',
	'email',
	'phone',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const CONTRACT_FIELDS = [
	'externalId',
	'startDate',
	'endDate',
	'title',
	'departmentCode',
	'departmentName',
	'departmentParentCode',
	'managerExternalId',
	'costCentre',
	'location',
	'employer',
	'fte',
	'type',
] as const;
export type ContractField = (typeof CONTRACT_FIELDS)[number];

export const DEPARTMENT_FIELDS = ['code', 'name', 'parentCode', 'managerExternalId'] as const;
export type DepartmentField = (typeof DEPARTMENT_FIELDS)[number];

/** How HR rows map to persons, contracts and departments (see docs/import.md). */
export interface ImportMapping {
	person: Partial<Record<PersonField, MappingValue>> & { externalId: MappingValue };
	personCustom?: Record<string, MappingValue>;
	contract?: Partial<Record<ContractField, MappingValue>>;
	contractCustom?: Record<string, MappingValue>;
	department?: Partial<Record<DepartmentField, MappingValue>> & { code: MappingValue };
}

/** A limit on one kind of change against the previous snapshot; either bound may be left out. */
export interface ThresholdLimit {
	max?: number;
	maxPercent?: number;
}

/** HelloID's source thresholds. Over any of them the import is held until approved. */
export interface SourceThresholds {
	added?: ThresholdLimit;
	removed?: ThresholdLimit;
	blocked?: ThresholdLimit;
}

/** A truncated or empty export must never turn into mass leavers. */
export const DEFAULT_THRESHOLDS: SourceThresholds = {
	removed: { maxPercent: 10 },
	blocked: { maxPercent: 10 },
};

export interface ImportOptions {
	/** Name of the source system, e.g. "AFAS" or "Payroll". */
	source: string;
	mapping: ImportMapping;
	/** 'contract': one row per contract, grouped into persons by the person's external id. 'person': one row per person with its contracts in an array at contractsPath. */
	rowShape: 'contract' | 'person';
	contractsPath?: string;
	/** 'full': the complete export, persons missing from it are gone. 'single': only the persons given are updated (HR webhooks). */
	mode?: 'full' | 'single';
	dates?: Partial<DateSettings>;
	/** Person fields that must have a value; a person missing one is blocked. externalId is always required. */
	requiredFields?: PersonField[];
	thresholds?: SourceThresholds;
	primaryContractOrder?: ContractSortKey[];
	/** Reference date (YYYY-MM-DD) for active contracts and change kinds; default today in the date time zone. */
	asOf?: string;
	/** Cap on the changed persons and row issues returned (all are stored). */
	maxChanges?: number;
	/** Rebuild every person instead of only those whose rows changed (the result is the same; this is slower). */
	rebuildAll?: boolean;
	/** Priority of a new source (lower wins in aggregation); default 100. */
	sourcePriority?: number;
}

export const DEFAULT_REQUIRED_FIELDS: PersonField[] = ['familyName'];
