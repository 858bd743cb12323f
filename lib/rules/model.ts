/**
 * Business rules (HelloID's vocabulary): a rule's condition over person and contract fields
 * decides which entitlements a person should have. Stored as JSON in rule_sets.document.
 */

export type Operator =
	| 'equals'
	| 'notEquals'
	| 'in'
	| 'notIn'
	| 'startsWith'
	| 'endsWith'
	| 'contains'
	| 'regex'
	| 'isEmpty'
	| 'isNotEmpty'
	| 'dateBefore'
	| 'dateAfter'
	| 'dateOn'
	| 'greaterThan'
	| 'greaterOrEqual'
	| 'lessThan'
	| 'lessOrEqual';

/**
 * One test of one field. Fields are paths: `person.name.family`, `person.custom.costType`,
 * `contract.department.code`, `contract.title`, `contract.fte`, `contract.startDate` ...
 * Text compares case-insensitively unless caseSensitive. Date operators compare the field
 * with `value` (YYYY-MM-DD, or 'today' meaning the evaluation's as-of date) moved by `days`.
 */
export interface Comparison {
	field: string;
	operator: Operator;
	value?: string | number | Array<string | number>;
	days?: number;
	caseSensitive?: boolean;
}

export interface ConditionGroup {
	/** 'and': every condition holds; 'or': at least one does. An empty group holds. */
	match: 'and' | 'or';
	conditions: Condition[];
	negate?: boolean;
}

export type Condition = Comparison | ConditionGroup;

/** Lifecycle timing of an account, relative to the contracts that grant it. */
export interface AccountTiming {
	/** Create the account this many days before the first contract starts. */
	createDaysBeforeStart: number;
	/** Enable on the start date (else the account is created enabled). */
	enableOnStart: boolean;
	/** Disable the day after the last contract ends. */
	disableOnEnd: boolean;
	/** Delete this many days after the end; null: never delete (disable only). */
	deleteDaysAfterEnd: number | null;
}

export interface AccountEntitlement {
	type: 'account';
	/** Target system name as configured, e.g. 'activeDirectory', 'googleWorkspace', 'entraId', 'helloId'. */
	target: string;
	timing: AccountTiming;
}

/** Whether the account is enabled while the rule matches ("account access"). */
export interface AccountAccessEntitlement {
	type: 'accountAccess';
	target: string;
	enabled: boolean;
}

/** A group membership or permission, by name or id; or one per value with a template (dynamic permission). */
export interface PermissionEntitlement {
	type: 'permission';
	target: string;
	/** Fixed name or id of the group/permission. */
	name?: string;
	id?: string;
	/** Dynamic: e.g. 'GRP-{{contract.department.code}}' (lib/mapping template syntax), one per matching contract value. */
	template?: string;
}

/** A HelloID self-service product (grant only: HelloID's API cannot revoke). */
export interface ProductEntitlement {
	type: 'product';
	target: string;
	productId: string;
	name?: string;
}

export type Entitlement = AccountEntitlement | AccountAccessEntitlement | PermissionEntitlement | ProductEntitlement;

export interface BusinessRule {
	name: string;
	category?: string;
	enabled: boolean;
	condition: Condition;
	/** A contract counts as active from this many days before its start ... */
	daysBeforeStart: number;
	/** ... until this many days after its end (HelloID's per-rule contract timing). */
	daysAfterEnd: number;
	entitlements: Entitlement[];
}

/** The JSON document of one rule set version, as exported to git. */
export interface RuleSetDocument {
	rules: BusinessRule[];
}

/** Why a person should have an entitlement: the rule and the contract that matched it. */
export interface EntitlementReason {
	rule: string;
	contractId: string;
}

/**
 * What one person should have in one target, as the rules decide on an as-of date: the
 * hand-off from lib/rules (desiredState) to lib/evaluation (the plan).
 */
export interface DesiredEntitlement {
	target: string;
	type: 'account' | 'permission' | 'product';
	/** Stable key within the target: 'account', 'group:<name or id>', 'product:<id>'. */
	key: string;
	/** Group name or id, product name; the target's account for type 'account'. */
	name: string;
	reasons: EntitlementReason[];
	/** For groups, permissions and products: the grant signature of target and key (lib/vault/grantSignature); compiled rules always give it. */
	signature?: number;
	/** For type 'account': the lifecycle dates (YYYY-MM-DD) from the matching contracts, and whether access is enabled now. */
	account?: {
		createOn: string;
		enableOn: string | null;
		disableOn: string | null;
		deleteOn: string | null;
		enabled: boolean;
	};
}
