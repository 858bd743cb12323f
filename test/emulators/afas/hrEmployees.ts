import type { AfasConnectorDefinition, AfasRow } from './index';

/** Fields of an employees-with-contracts GetConnector, named the way AFAS customers commonly name them. */
export const HR_EMPLOYEE_FIELDS: AfasConnectorDefinition['fields'] = [
	{ id: 'Medewerker', dataType: 'string', label: 'Medewerker', length: 15 },
	{ id: 'Roepnaam', dataType: 'string', label: 'Roepnaam', length: 30 },
	{ id: 'Voorvoegsel', dataType: 'string', label: 'Voorvoegsel', length: 15 },
	{ id: 'Achternaam', dataType: 'string', label: 'Achternaam', length: 80 },
	{ id: 'Geboortedatum', dataType: 'date', label: 'Geboortedatum', length: 0 },
	{ id: 'Email_werk', dataType: 'string', label: 'E-mail werk', length: 255 },
	{ id: 'Contract_id', dataType: 'int', label: 'Volgnummer contract', length: 9 },
	{ id: 'Begindatum_contract', dataType: 'date', label: 'Begindatum contract', length: 0 },
	{ id: 'Einddatum_contract', dataType: 'date', label: 'Einddatum contract', length: 0 },
	{ id: 'Functie', dataType: 'string', label: 'Functie', length: 50 },
	{ id: 'Afdeling_code', dataType: 'string', label: 'Organisatorische eenheid', length: 15 },
	{ id: 'Afdeling', dataType: 'string', label: 'Omschrijving organisatorische eenheid', length: 50 },
	{ id: 'Manager', dataType: 'string', label: 'Leidinggevende', length: 15 },
	{ id: 'FTE', dataType: 'decimal', label: 'FTE', length: 9, decimals: 4 },
];

const GIVEN = ['Jan', 'Sanne', 'Pieter', 'Fleur', 'Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Bram', 'Anouk', 'Thijs', 'Noor', 'Ruben', 'Lotte'];
const PREFIX = [null, null, null, 'van', 'de', 'van der', 'van den', null, 'ter', null];
const FAMILY = ['Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dijkstra', 'Berg', 'Dekker', 'Brink', 'Wal', 'Hoek', 'Linden', 'Heuvel'];
const DEPARTMENTS = [
	{ code: 'FIN', name: 'Financiën', manager: '100000' },
	{ code: 'HR', name: 'Personeelszaken', manager: '100001' },
	{ code: 'ICT', name: 'Informatievoorziening', manager: '100002' },
	{ code: 'VERK', name: 'Verkoop', manager: '100003' },
	{ code: 'ZORG', name: 'Zorg en Welzijn', manager: '100004' },
];
const TITLES = ['Medewerker', 'Senior medewerker', 'Teamleider', 'Adviseur', 'Specialist', 'Stagiair'];
const FTES = [1, 0.8, 0.5, 0.6, 0.8889];

/** AFAS writes dates as date-times with a Z that stands for Amsterdam time. */
const afasDate = (year: number, month: number, day: number) =>
	`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00Z`;

/**
 * `count` contract rows, deterministic: every seventh employee has a second contract, so
 * the unique key of a row is Medewerker + Contract_id, as in a real employments connector.
 */
export function hrEmployeeRows(count: number): AfasRow[] {
	const rows: AfasRow[] = [];
	for (let employee = 0; rows.length < count; employee++) {
		const number = String(100000 + employee);
		const given = GIVEN[employee % GIVEN.length];
		const prefix = PREFIX[employee % PREFIX.length];
		const family = FAMILY[(employee * 7) % FAMILY.length];
		const email = `${given}.${prefix ? prefix.replace(/ /g, '') : ''}${family}@example.nl`.toLowerCase();
		const contracts = employee % 7 === 3 ? 2 : 1;
		for (let contract = 1; contract <= contracts && rows.length < count; contract++) {
			const department = DEPARTMENTS[(employee + contract) % DEPARTMENTS.length];
			const startYear = 2010 + ((employee + contract * 3) % 15);
			const ended = employee % 11 === 5;
			rows.push({
				Medewerker: number,
				Roepnaam: given,
				Voorvoegsel: prefix,
				Achternaam: family,
				Geboortedatum: afasDate(1960 + (employee % 40), 1 + (employee % 12), 1 + (employee % 28)),
				Email_werk: email,
				Contract_id: contract,
				Begindatum_contract: afasDate(startYear, 1 + ((employee + contract) % 12), 1),
				Einddatum_contract: ended ? afasDate(startYear + 2, 12, 31) : null,
				Functie: TITLES[(employee + contract) % TITLES.length],
				Afdeling_code: department.code,
				Afdeling: department.name,
				Manager: department.manager === number ? null : department.manager,
				FTE: FTES[(employee + contract) % FTES.length],
			});
		}
	}
	return rows;
}
