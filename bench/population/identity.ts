import { DAY1, isoDate, YEAR } from './dates';
import {
	EMAIL_DOMAINS,
	FAMILY_NAMES,
	FEMALE_FORMAL_NAMES,
	FEMALE_GIVEN_NAMES,
	MALE_FORMAL_NAMES,
	MALE_GIVEN_NAMES,
	TRICKY_FAMILY_NAMES,
} from './names';
import { OWN_IDENTITY_BASE, type Plan } from './plan';
import { hash32, type Rng, rngFor, STREAM } from './random';
import type { ContractRow } from './types';

type ContractKey =
	| 'contractId'
	| 'startDate'
	| 'endDate'
	| 'jobTitle'
	| 'departmentCode'
	| 'departmentName'
	| 'managerId'
	| 'costCentre'
	| 'location'
	| 'employer'
	| 'fte'
	| 'contractType';

/** The fields of a row that belong to the person (repeated on each of its contract rows). */
export type PersonFields = Omit<ContractRow, ContractKey>;
export type ContractFields = Pick<ContractRow, ContractKey>;

type Gender = 'M' | 'F' | 'X';

interface Name {
	gender?: Gender;
	givenName: string;
	nickName?: string;
	familyPrefix?: string;
	familyName: string;
}

/** One person in this many carries a tricky family name, so every population has a few. */
const TRICKY_EVERY = 101;
/** Share of persons named exactly like someone shortly before them: username generation must collide. */
const NAMESAKE_PERCENT = 6;

const PERSON_KEYS: ReadonlyArray<keyof PersonFields> = [
	'employeeId', 'givenName', 'nickName', 'familyPrefix', 'familyName', 'partnerFamilyPrefix', 'partnerFamilyName',
	'namingConvention', 'initials', 'birthDate', 'nationalId', 'email', 'phone', 'gender',
];

/** The person fields in the order of the export, without the ones left empty. */
export function personFields(values: PersonFields): PersonFields {
	const result: Record<string, unknown> = {};
	for (const key of PERSON_KEYS) if (values[key] !== undefined) result[key] = values[key];
	return result as unknown as PersonFields;
}

function ownName(seed: number, index: number): Name {
	const rng = rngFor(seed, STREAM.names, index);
	const gender = rng.weighted<Gender | undefined>([['M', 48], ['F', 48], ['X', 1], [undefined, 3]]);
	const female = gender === 'F' || (gender !== 'M' && rng.chance(0.5));
	let givenName: string;
	let nickName: string | undefined;
	if (rng.chance(0.1)) [givenName, nickName] = rng.pick(female ? FEMALE_FORMAL_NAMES : MALE_FORMAL_NAMES);
	else givenName = rng.popular(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
	const family =
		index % TRICKY_EVERY === TRICKY_EVERY >> 1
			? TRICKY_FAMILY_NAMES[Math.floor(index / TRICKY_EVERY) % TRICKY_FAMILY_NAMES.length]
			: rng.popular(FAMILY_NAMES);
	const [familyPrefix, familyName] = typeof family === 'string' ? [undefined, family] : family;
	return { gender, givenName, nickName, familyPrefix, familyName };
}

/** A person's name; a few copy the name of someone with a slightly lower number. */
function nameOf(seed: number, index: number): Name {
	const first = index >= OWN_IDENTITY_BASE ? OWN_IDENTITY_BASE : 0;
	const h = hash32(seed, STREAM.namesake, index);
	if (h % 100 < NAMESAKE_PERCENT && index > first) return ownName(seed, Math.max(first, index - 1 - ((h >>> 8) % 64)));
	return ownName(seed, index);
}

const ASCII: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', đ: 'd', ı: 'i' };

/** "Łukasz Müller" -> "Lukasz Muller". */
export const dropAccents = (text: string): string =>
	/^[\x00-\x7f]*$/.test(text)
		? text
		: text
				.normalize('NFD')
				.replace(/[\u0300-\u036f]/g, '')
				.replace(/[łŁøØßæÆœđı]/g, (c) => ASCII[c]);

const letters = (text: string) => dropAccents(text).toLowerCase().replace(/[^a-z]/g, '');

/**
 * A private address; it ends in the person's number, so no two persons share one (aggregation
 * may match on e-mail) while namesakes still look alike.
 */
export function emailAddress(person: Pick<PersonFields, 'givenName' | 'nickName' | 'familyPrefix' | 'familyName'>, number: number, variant: number, domain: string): string {
	const given = letters(person.nickName ?? person.givenName) || 'x';
	const family = letters(`${person.familyPrefix ?? ''}${person.familyName}`) || 'x';
	const local = variant === 0 ? `${given}.${family}` : variant === 1 ? `${given[0]}${family}` : `${family}.${given}`;
	return `${local}${number}@${domain}`;
}

export function phoneNumber(rng: Rng): string {
	const digits = String(rng.between(10_000_000, 99_999_999));
	const formats = [`06-${digits}`, `+31 6 ${digits}`, `+316${digits}`, `06 ${digits.slice(0, 4)} ${digits.slice(4)}`];
	return rng.pick(formats);
}

/**
 * A fake BSN passing the 11-proof (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11). Each run of ten
 * numbers d1..d7 + d8 has at least nine whose check digit d9 is 0..9; a slot picks the run
 * and one of its first nine, so different slots never give the same BSN.
 */
export function bsnFromSlot(slot: number): string {
	const head = String(1_000_000 + Math.floor(slot / 9));
	let sum = 0;
	for (let k = 0; k < 7; k++) sum += (9 - k) * Number(head[k]);
	let wanted = slot % 9;
	for (let d8 = 0; d8 <= 9; d8++) {
		const check = (sum + 2 * d8) % 11;
		if (check === 10) continue;
		if (wanted-- === 0) return `${head}${d8}${check}`;
	}
	throw new Error('unreachable: every run of ten has nine valid numbers');
}

function initialOf(name: string): string {
	return `${[...name][0].toUpperCase()}.`;
}

/**
 * The person half of a row, and the birth day (day number) the contracts start after.
 * `index` is the identity number: names, BSN and e-mail derive from it.
 */
export function makePerson(plan: Plan, index: number, employeeId: string, ages: readonly [number, number]): { person: PersonFields; birthDay: number } {
	const name = nameOf(plan.seed, index);
	const rng = rngFor(plan.seed, STREAM.identity, index);
	const birthDay = DAY1 - rng.between(ages[0] * YEAR, ages[1] * YEAR + YEAR - 1);
	const female = name.gender === 'F';
	let initials = initialOf(name.givenName);
	for (let extra = rng.weighted([[0, 5], [1, 3], [2, 2]]); extra > 0; extra--) {
		initials += initialOf(rng.popular(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES));
	}
	const partner = rng.chance(female ? 0.3 : 0.08) ? rng.popular(FAMILY_NAMES) : undefined;
	const [partnerFamilyPrefix, partnerFamilyName] = typeof partner === 'string' ? [undefined, partner] : (partner ?? []);
	const namingConvention = partner ? rng.weighted([['B', 35], ['P', 20], ['BP', 25], ['PB', 20]] as const) : 'B';
	// Built field by field in export order; most persons leave the optional fields empty.
	const person = { employeeId, givenName: name.givenName } as PersonFields;
	if (name.nickName) person.nickName = name.nickName;
	if (name.familyPrefix) person.familyPrefix = name.familyPrefix;
	person.familyName = name.familyName;
	if (partnerFamilyPrefix) person.partnerFamilyPrefix = partnerFamilyPrefix;
	if (partnerFamilyName) person.partnerFamilyName = partnerFamilyName;
	person.namingConvention = namingConvention;
	person.initials = initials;
	person.birthDate = isoDate(birthDay);
	person.nationalId = bsnFromSlot(plan.bsn.forward(index));
	person.email = emailAddress(name, index + 1, rng.int(3), rng.pick(EMAIL_DOMAINS));
	person.phone = phoneNumber(rng);
	if (name.gender) person.gender = name.gender;
	return { person, birthDay };
}
