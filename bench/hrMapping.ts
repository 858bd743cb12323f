import type { ImportMapping } from '../lib/import';

const field = (path: string) => ({ type: 'field' as const, path });

/** How the generated HR export (bench/population) maps onto persons and contracts: every field, as a real source would. */
export const POPULATION_MAPPING: ImportMapping = {
	person: {
		externalId: field('employeeId'),
		givenName: field('givenName'),
		nickName: field('nickName'),
		initials: field('initials'),
		familyPrefix: field('familyPrefix'),
		familyName: field('familyName'),
		partnerFamilyPrefix: field('partnerFamilyPrefix'),
		partnerFamilyName: field('partnerFamilyName'),
		namingConvention: field('namingConvention'),
		birthDate: field('birthDate'),
		nationalId: field('nationalId'),
		email: field('email'),
		phone: field('phone'),
	},
	personCustom: { gender: field('gender') },
	contract: {
		externalId: field('contractId'),
		startDate: field('startDate'),
		endDate: field('endDate'),
		title: field('jobTitle'),
		departmentCode: field('departmentCode'),
		departmentName: field('departmentName'),
		managerExternalId: field('managerId'),
		costCentre: field('costCentre'),
		location: field('location'),
		employer: field('employer'),
		fte: field('fte'),
		type: field('contractType'),
	},
	department: {
		code: field('code'),
		name: field('name'),
		parentCode: field('parentCode'),
		managerExternalId: field('managerId'),
	},
};
