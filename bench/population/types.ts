/**
 * Row shapes of the synthetic HR export, as an HR system hands them over: one flat row per
 * contract, the person's fields repeated on each. The import mapping maps these field names.
 */

export type NamingConvention = 'B' | 'P' | 'BP' | 'PB';
export type ContractType = 'permanent' | 'temporary' | 'intern' | 'external';

export interface ContractRow {
	employeeId: string;
	givenName: string;
	nickName?: string;
	familyPrefix?: string;
	familyName: string;
	partnerFamilyPrefix?: string;
	partnerFamilyName?: string;
	namingConvention: NamingConvention;
	initials: string;
	/** YYYY-MM-DD */
	birthDate: string;
	/** A fake Dutch BSN: 9 digits passing the 11-proof, unique within a population. */
	nationalId: string;
	email: string;
	phone: string;
	gender?: 'M' | 'F' | 'X';
	contractId: string;
	/** YYYY-MM-DD */
	startDate: string;
	/** YYYY-MM-DD, the last working day; absent means open-ended. */
	endDate?: string;
	jobTitle: string;
	departmentCode: string;
	departmentName: string;
	/** Absent means: the department's manager applies. */
	managerId?: string;
	costCentre: string;
	location: string;
	employer: string;
	/** 0.2 .. 1.0 */
	fte: number;
	contractType: ContractType;
}

export interface DepartmentRow {
	code: string;
	name: string;
	parentCode?: string;
	managerId?: string;
}

export interface SourceRows {
	/** Source system name: "HR" (primary) or "Payroll" (secondary). */
	source: string;
	/**
	 * One row per contract, all rows of a person adjacent, persons ordered by employee id.
	 * Produced lazily on every iteration: nothing is held in memory.
	 */
	rows: Iterable<ContractRow>;
	/** Persons in this export. */
	persons: number;
	/** Contract rows in this export (counted on first read, without building the rows). */
	contracts: number;
	/** The rows of one person, regenerated on its own; empty when the person is not in this export. */
	rowsFor(employeeId: string): ContractRow[];
}

export interface OverlapPair {
	/** Employee id in the primary source (HR). */
	primary: string;
	/** Employee id of the same person in the secondary source (Payroll). */
	secondary: string;
}

/** What the generator did, by employee id, so tests can check an import's classification. */
export interface PopulationStats {
	departments: number;
	/** Depth of the department tree; the root is level 1. */
	departmentLevels: number;
	/** Primary persons whose contracts had all ended before the day-1 date (rehire candidates). */
	leftBeforeDay1: string[];
	/** Day 2 only (empty on day 1): new employee ids, not in the day-1 export, starting on day 2 or later. */
	joiners: string[];
	/** Day 2: department, title and/or manager changed on the person's main contract. */
	movers: string[];
	/** Day 2: every leaver, both those with ended contracts and those in `removed`. */
	leavers: string[];
	/** Day 2: the leavers that are missing from the day-2 export altogether. */
	removed: string[];
	/** Day 2: persons from `leftBeforeDay1` who have a new contract on day 2. */
	rehires: string[];
	/** Day 2: e-mail, phone or name (marriage, divorce, naming convention) changed. */
	attributeChanges: string[];
	/** Day 2: for each mover and attribute change, the row fields that differ from day 1 on its first row. */
	changedFields: Record<string, string[]>;
	/** Persons in both sources, ordered by primary employee id. */
	overlapPairs: OverlapPair[];
}

export interface Population {
	departments: DepartmentRow[];
	/** The HR export. */
	primary: SourceRows;
	/** The Payroll export: part of the HR persons under other ids, plus persons of its own. The same on both days. */
	secondary: SourceRows;
	day: 1 | 2;
	stats: PopulationStats;
}

export interface PopulationOptions {
	/** Persons in the day-1 primary export. */
	persons: number;
	/** Same seed, same population. Default 1. */
	seed?: number;
	/** 1: the day-1 export; 2: day 1 plus joiners, movers, leavers, rehires and attribute changes. Default 1. */
	day?: 1 | 2;
	/** Share of primary persons that also appear in the secondary source. Default 0.05. */
	secondSourceOverlap?: number;
	/** Share of persons changed on day 2. Default 0.01. */
	changeRate?: number;
}
