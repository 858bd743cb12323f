import { compilePath, formatPath, parsePath, SyntaxProblem, type PathSegment } from '../mapping/path';
import { closestMatches, didYouMean } from '../mapping/suggest';
import { RuleError } from './errors';

/** The person fields a condition or template can read (lib/model/person.ts). */
export const PERSON_FIELDS: readonly string[] = [
	'person.externalId',
	'person.source',
	'person.name.given',
	'person.name.nickName',
	'person.name.initials',
	'person.name.familyPrefix',
	'person.name.family',
	'person.name.partnerFamilyPrefix',
	'person.name.partnerFamily',
	'person.name.convention',
	'person.name.display',
	'person.birthDate',
	'person.nationalId',
	'person.email',
	'person.phone',
	'person.primaryContractId',
	'person.managerExternalId',
];

/** The contract fields a condition or template can read; `source` is the HR source it came from. */
export const CONTRACT_FIELDS: readonly string[] = [
	'contract.externalId',
	'contract.startDate',
	'contract.endDate',
	'contract.title',
	'contract.department.code',
	'contract.department.name',
	'contract.department.parentCode',
	'contract.managerExternalId',
	'contract.costCentre',
	'contract.location',
	'contract.employer',
	'contract.fte',
	'contract.type',
	'contract.source',
];

/** Fields that hold dates: the only built-in ones date operators accept (custom fields are open). */
export const DATE_FIELDS: ReadonlySet<string> = new Set(['person.birthDate', 'contract.startDate', 'contract.endDate']);

/** For lib/mapping's known-path check of templates. */
export const TEMPLATE_KNOWN_PATHS: string[] = [...PERSON_FIELDS, ...CONTRACT_FIELDS, 'person.custom.*', 'contract.custom.*'];

const KNOWN = new Set([...PERSON_FIELDS, ...CONTRACT_FIELDS]);

export type Root = 'person' | 'contract';

export interface ParsedField {
	/** As written back canonically, e.g. `contract.custom['cost type']`. */
	path: string;
	root: Root;
	/** Reads the value below the root: `department.code` of the contract. */
	read: (root: unknown) => unknown;
	isCustom: boolean;
}

function knownList(root: Root): string {
	const fields = root === 'person' ? PERSON_FIELDS : CONTRACT_FIELDS;
	return `${fields.join(', ')}, ${root}.custom.<name>`;
}

/** Close known fields, compared below the root; the other root counts too (person.title is probably contract.title). */
function suggest(path: string): string[] {
	const [root, ...rest] = path.split('.');
	const below = rest.join('.');
	const byBelow = new Map<string, string[]>();
	for (const field of KNOWN) {
		const key = field.slice(field.indexOf('.') + 1);
		byBelow.set(key, [...(byBelow.get(key) ?? []), field]);
	}
	const close = closestMatches(below, byBelow.keys(), true);
	// Same root first: contract.title before person.title.
	return close
		.flatMap((key) => byBelow.get(key) ?? [])
		.sort((a, b) => Number(!a.startsWith(`${root}.`)) - Number(!b.startsWith(`${root}.`)))
		.slice(0, 3);
}

/**
 * Checks a condition field and compiles its reader. Throws a RuleError naming the rule, the
 * field and the known fields of its root (with a "did you mean" for typos).
 */
export function parseField(written: unknown, rule: string): ParsedField {
	if (typeof written !== 'string' || written.trim() === '') {
		throw new RuleError(
			`Rule '${rule}' has a condition without a field. Fields start with "person." or "contract.", e.g. contract.department.code.`,
			rule,
			'field',
		);
	}
	const text = written.trim();
	let segments: PathSegment[];
	try {
		segments = parsePath(text);
	} catch (error) {
		if (!(error instanceof SyntaxProblem)) throw error;
		throw new RuleError(`Rule '${rule}' refers to field "${text}", which is not a valid path (position ${error.position}: ${error.message}).`, rule, text);
	}
	const [root, ...rest] = segments;
	if (root !== 'person' && root !== 'contract') {
		throw new RuleError(
			`Rule '${rule}' refers to unknown field ${text}. Fields start with "person." or "contract.", e.g. person.name.family or contract.department.code.${didYouMean(suggest(text))}`,
			rule,
			text,
		);
	}
	const names = rest.filter((segment): segment is string => typeof segment === 'string');
	if (names.length !== rest.length) {
		throw new RuleError(`Rule '${rule}' refers to ${text}: conditions read single fields, not list positions.`, rule, text);
	}
	const isCustom = names[0] === 'custom';
	if (isCustom && names.length < 2) {
		throw new RuleError(`Rule '${rule}' refers to ${text} without a custom field name: write ${root}.custom.<name>, e.g. ${root}.custom.costType.`, rule, text);
	}
	const path = formatPath(segments);
	if (!isCustom && !KNOWN.has(path)) {
		throw new RuleError(`Rule '${rule}' refers to unknown field ${path}. Known ${root} fields: ${knownList(root)}.${didYouMean(suggest(path))}`, rule, path);
	}
	return { path, root, read: compilePath(rest), isCustom };
}
