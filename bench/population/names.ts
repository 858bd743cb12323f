/**
 * The word lists of the synthetic population. Lists of names are ordered by popularity
 * (Rng.popular favours the front), so common names repeat as they do in a real workforce.
 */

export const MALE_GIVEN_NAMES = [
	'Jan', 'Daan', 'Sem', 'Lucas', 'Thomas', 'Bram', 'Pieter', 'Mark', 'Tim', 'Ruben',
	'Peter', 'Erik', 'Luuk', 'Jesse', 'Lars', 'Sven', 'Kees', 'Dennis', 'Martijn', 'Joost',
	'Bas', 'Stefan', 'Noah', 'Milan', 'Levi', 'Finn', 'Rik', 'Niels', 'Mohammed', 'Ahmed',
	'Youssef', 'Mehmet', 'Emre', 'Łukasz', 'Piotr', 'José', 'João', 'François', 'Jürgen', 'Björn',
	'Søren', 'Anders', 'Luca', 'Matteo', 'Sébastien', 'Zoltán', 'Dušan', 'Mihai', 'Seán', 'Noël',
];

export const FEMALE_GIVEN_NAMES = [
	'Emma', 'Anna', 'Sanne', 'Julia', 'Sophie', 'Lisa', 'Eva', 'Laura', 'Anouk', 'Iris',
	'Fleur', 'Lotte', 'Noor', 'Sara', 'Tess', 'Lieke', 'Femke', 'Inge', 'Linda', 'Marieke',
	'Saskia', 'Esther', 'Petra', 'Annemiek', 'Ingrid', 'Fatima', 'Yasmina', 'Ayşe', 'Zeynep', 'Zoë',
	'Chloë', 'Anaïs', 'Noëlle', 'Małgorzata', 'Agnieszka', 'Katarzyna', 'María', 'Inês', 'Hélène', 'Françoise',
	'Åsa', 'Mette', 'Siobhán', 'Giulia', 'Dóra', 'Ida', 'Renée', 'Maïté', 'Gülşen', 'Ilse',
];

/** Formal (baptismal) names and the name the person goes by: HR stores both. */
export const MALE_FORMAL_NAMES: ReadonlyArray<readonly [formal: string, nick: string]> = [
	['Johannes', 'Jan'], ['Cornelis', 'Kees'], ['Wilhelmus', 'Wim'], ['Hendrik', 'Henk'],
	['Jacobus', 'Koos'], ['Petrus', 'Piet'], ['Gerardus', 'Gerard'], ['Theodorus', 'Theo'],
	['Franciscus', 'Frans'], ['Antonius', 'Toon'], ['Adrianus', 'Arie'], ['Johannes', 'Hans'],
];

export const FEMALE_FORMAL_NAMES: ReadonlyArray<readonly [formal: string, nick: string]> = [
	['Johanna', 'Anneke'], ['Maria', 'Mieke'], ['Catharina', 'Tineke'], ['Elisabeth', 'Els'],
	['Wilhelmina', 'Mien'], ['Hendrika', 'Riek'], ['Adriana', 'Jeanne'], ['Geertruida', 'Truus'],
];

/** A family name, with its prefix (tussenvoegsel) where it has one. */
export type FamilyName = string | readonly [prefix: string, name: string];

export const FAMILY_NAMES: readonly FamilyName[] = [
	['de', 'Jong'], 'Jansen', ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], 'Bakker', 'Janssen',
	'Visser', 'Smit', 'Meijer', ['de', 'Boer'], 'Mulder', ['de', 'Groot'], 'Bos', 'Vos', 'Peters',
	'Hendriks', ['van', 'Leeuwen'], 'Dekker', 'Brouwer', ['de', 'Wit'], 'Dijkstra', 'Smits', ['de', 'Graaf'],
	['van der', 'Meer'], ['van der', 'Linden'], 'Kok', 'Jacobs', ['de', 'Haan'], 'Vermeulen',
	['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'], ['de', 'Bruijn'], ['van der', 'Heijden'],
	'Schouten', ['van', 'Beek'], 'Willems', ['van', 'Vliet'], ['van de', 'Ven'], 'Hoekstra', 'Maas',
	'Verhoeven', 'Koster', ['van', 'Dam'], ['ter', 'Horst'], ['ter', 'Haar'], ['van der', 'Wal'], 'Prins',
	'Blom', 'Huisman', 'Peeters', ["in 't", 'Veld'], ["van 't", 'Hof'], ["d'", 'Hondt'], ['te', 'Velde'],
	'Müller', 'Schmidt', 'Schäfer', 'Özdemir', 'Yılmaz', 'Kaya', 'Öztürk', 'Kowalski', 'Nowak',
	'Wiśniewski', 'Lewandowski', 'García', 'Fernández', 'Rodríguez', 'Rossi', 'Bianchi', 'Dubois',
	'Lefèvre', "O'Brien", "O'Connor", 'Andersen', 'Ødegaard', 'Sørensen', 'Nguyễn', 'El Amrani',
	'Bouzid', 'Benali', 'Çelik', 'Dvořák', 'Novák', 'Horváth', 'Papadopoulos', 'Popescu', 'Jovanović',
];

/**
 * Family names that break naive code; a fixed share of persons carries one (see identity.ts).
 * Each is legal in an HR system and must survive templates, CSV, LDAP filters and DNs.
 */
export const TRICKY_FAMILY_NAMES = [
	"O'Brien, Jr. (Sales)*", // LDAP filter specials ( ) * and a comma in a DN
	'#Müller\\', // DN: leading '#', trailing backslash
	'Smith+Jones <Ltd>; "Co"', // DN specials + < > ; "
	'=HYPERLINK("x")', // spreadsheet formula injection in a CSV export
	'Null', // the string many systems read as "no value"
	'Lee ', // trailing space, which a DN must escape
];

export interface Division {
	code: string;
	name: string;
	employer: string;
	titles: string[];
}

export const DIVISIONS: Division[] = [
	{ code: 'FIN', name: 'Financiën', employer: 'Voorbeeld Groep B.V.', titles: ['Financieel administrateur', 'Controller', 'Boekhouder', 'Financieel analist', 'Crediteurenadministrateur'] },
	{ code: 'SAL', name: 'Sales', employer: 'Voorbeeld Nederland B.V.', titles: ['Accountmanager', 'Verkoopadviseur', 'Sales engineer', 'Binnendienstmedewerker'] },
	{ code: 'OPS', name: 'Operations', employer: 'Voorbeeld Nederland B.V.', titles: ['Productiemedewerker', 'Operator', 'Planner', 'Procesengineer', 'Kwaliteitsmedewerker'] },
	{ code: 'ICT', name: 'ICT', employer: 'Voorbeeld Services B.V.', titles: ['Servicedeskmedewerker', 'Systeembeheerder', 'Software developer', 'Netwerkbeheerder', 'Informatieanalist'] },
	{ code: 'HRM', name: 'Human Resources', employer: 'Voorbeeld Groep B.V.', titles: ['HR-adviseur', 'Salarisadministrateur', 'Recruiter', 'HR-medewerker'] },
	{ code: 'MKT', name: 'Marketing & Communicatie', employer: 'Voorbeeld Nederland B.V.', titles: ['Marketeer', 'Communicatieadviseur', 'Contentspecialist', 'Grafisch ontwerper'] },
	{ code: 'LEG', name: 'Juridische Zaken', employer: 'Voorbeeld Groep B.V.', titles: ['Bedrijfsjurist', 'Compliance officer', 'Juridisch medewerker'] },
	{ code: 'LOG', name: 'Logistiek', employer: 'Voorbeeld België NV', titles: ['Magazijnmedewerker', 'Chauffeur', 'Logistiek planner', 'Expeditiemedewerker'] },
	{ code: 'KCC', name: 'Klantcontact', employer: 'Voorbeeld Services B.V.', titles: ['Klantenservicemedewerker', 'Teamcoach klantcontact', 'Klachtbehandelaar'] },
	{ code: 'RND', name: 'Research & Development', employer: 'Voorbeeld Groep B.V.', titles: ['Onderzoeker', 'Productontwikkelaar', 'Data scientist', 'Laborant'] },
	{ code: 'FAC', name: 'Facilitair', employer: 'Voorbeeld Services B.V.', titles: ['Facilitair medewerker', 'Receptionist', 'Huismeester', 'Schoonmaker'] },
	{ code: 'INK', name: 'Inkoop', employer: 'Voorbeeld Groep B.V.', titles: ['Inkoper', 'Contractmanager', 'Inkoopassistent'] },
];

export const BOARD: Division = { code: 'BOARD', name: 'Raad van Bestuur', employer: 'Voorbeeld Groep B.V.', titles: ['Bestuurssecretaris', 'Managementassistent', 'Strategisch adviseur'] };

/** Level-3 department names: a division's regional or market units. */
export const UNITS = ['Noord', 'Zuid', 'Oost', 'West', 'Midden', 'Randstad', 'Benelux', 'DACH', 'Internationaal', 'Zakelijk', 'Particulier', 'Online'];

/** Level-4 department names: teams within a unit. */
export const TEAMS = ['Planning', 'Support', 'Projecten', 'Beheer', 'Advies', 'Analyse', 'Uitvoering', 'Innovatie', 'Kwaliteit', 'Service'];

export const LOCATIONS = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', "'s-Hertogenbosch", 'Eindhoven', 'Groningen', 'Zwolle', 'Maastricht', 'Arnhem', 'Brussel', 'Antwerpen', 'Düsseldorf'];

/** Employers of external staff (agencies, secondment firms). */
export const AGENCIES = ['Flexkracht Uitzendbureau B.V.', 'Interim Partners B.V.', 'Detachering & Co B.V.'];

/** Private e-mail domains; reserved example domains, so no real mailbox is ever named. */
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'post.example'];
