/**
 * The person as the pipeline sees it, after import mapping. Stored as JSON in
 * persons.data; the columns of `persons` repeat the fields that lookups need.
 * Names follow HelloID's person model.
 */

/** How the family name is formed (HelloID's naming conventions): birth name, partner's name, or both in either order. */
export type NamingConvention = 'B' | 'P' | 'BP' | 'PB';

export interface PersonName {
	given?: string;
	nickName?: string;
	initials?: string;
	familyPrefix?: string;
	family?: string;
	partnerFamilyPrefix?: string;
	partnerFamily?: string;
	convention?: NamingConvention;
	/** Computed from the parts and the convention, e.g. "Jan de Vries-van Dam". */
	display?: string;
}

export interface DepartmentRef {
	code: string;
	name?: string;
	parentCode?: string;
}

export interface Contract {
	externalId: string;
	/** YYYY-MM-DD; absent means "since ever". */
	startDate?: string;
	/** YYYY-MM-DD, the last working day; absent means open-ended. */
	endDate?: string;
	title?: string;
	department?: DepartmentRef;
	managerExternalId?: string;
	costCentre?: string;
	location?: string;
	employer?: string;
	fte?: number;
	type?: string;
	custom?: Record<string, unknown>;
}

export interface Person {
	/** The person's key in its source system (employee number). */
	externalId: string;
	/** Name of the source system it came from. */
	source: string;
	name: PersonName;
	birthDate?: string;
	nationalId?: string;
	email?: string;
	phone?: string;
	custom: Record<string, unknown>;
	contracts: Contract[];
	/** externalId of the primary contract (see lib/import/primaryContract). */
	primaryContractId?: string;
	/** Resolved primary manager: from the primary contract, else its department, else up the department tree. */
	managerExternalId?: string;
}

export interface Department {
	code: string;
	name?: string;
	parentCode?: string;
	managerExternalId?: string;
}

/** Snapshot difference per person (HelloID's change kinds). */
export type ChangeKind = 'joiner' | 'mover' | 'leaver' | 'rehire' | 'attributeChange' | 'unchanged';
