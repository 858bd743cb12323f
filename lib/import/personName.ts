import type { PersonName } from '../model/person';

const join = (...parts: Array<string | undefined>) => parts.filter((part) => part && part.trim()).join(' ');

/** The family name as the naming convention forms it: birth name, partner's name, or both. */
export function conventionFamilyName(name: PersonName): string {
	const birth = join(name.familyPrefix, name.family);
	const partner = join(name.partnerFamilyPrefix, name.partnerFamily);
	switch (name.convention) {
		case 'P':
			return partner || birth;
		case 'BP':
			return partner ? `${birth}-${partner}` : birth;
		case 'PB':
			return partner ? `${partner}-${birth}` : birth;
		default:
			return birth;
	}
}

/** "Jan de Vries-van Dam": the nickname (else given name) and the convention's family name. */
export function displayName(name: PersonName): string {
	return join(name.nickName || name.given, conventionFamilyName(name));
}
