import type { SuggestionStatus } from '../vault/schema';
import type { Vault } from '../vault/types';
import { AggregationError } from './errors';
import { inChunks } from '../vault/inChunks';

/** A person's key fields, enough for an admin to judge a suggestion. */
export interface PersonSummary {
	id: string;
	source: string;
	externalId: string;
	displayName: string;
	givenName: string;
	familyName: string;
	birthDate: string | null;
	email: string | null;
	phone: string | null;
	nationalId: string | null;
	status: string;
	/** The survivor this person is merged into, or null. */
	mergedInto: string | null;
}

export interface SuggestionView {
	id: string;
	score: number;
	/** Names of the rules that matched. */
	rules: string[];
	status: SuggestionStatus;
	createdAt: string;
	decidedAt: string | null;
	personA: PersonSummary;
	personB: PersonSummary;
}

export interface ListSuggestionsOptions {
	/** Default 'open'. Open suggestions whose persons have since been merged together, or left, are not listed. */
	status?: SuggestionStatus | 'all';
	/** Default 100. */
	limit?: number;
	offset?: number;
	/** Only these suggestions. */
	ids?: readonly string[];
}

const PERSON_COLUMNS = [
	'id',
	'external_id',
	'display_name',
	'given_name',
	'family_name',
	'birth_date',
	'email',
	'phone',
	'national_id',
	'status',
	'merged_into',
] as const;

/** Suggestions, best score first, with both persons' key fields for display. */
export async function listSuggestions(vault: Vault, options: ListSuggestionsOptions = {}): Promise<SuggestionView[]> {
	const status = options.status ?? 'open';
	const limit = options.limit ?? 100;
	const offset = options.offset ?? 0;
	if (!Number.isInteger(limit) || limit < 1) throw new AggregationError(`The limit ${limit} must be a whole number of at least 1`);
	if (!Number.isInteger(offset) || offset < 0) throw new AggregationError(`The offset ${offset} must be a whole number, 0 or more`);

	const query = (ids?: readonly string[]) => {
		let q = vault.db
			.selectFrom('merge_suggestions as s')
			.innerJoin('persons as pa', 'pa.id', 's.person_a')
			.innerJoin('persons as pb', 'pb.id', 's.person_b')
			.leftJoin('sources as sa', 'sa.id', 'pa.source_id')
			.leftJoin('sources as sb', 'sb.id', 'pb.source_id')
			.select(['s.id', 's.score', 's.rules', 's.status', 's.created_at', 's.decided_at', 'sa.name as a_source', 'sb.name as b_source'])
			.select(PERSON_COLUMNS.map((column) => `pa.${column} as a_${column}` as const))
			.select(PERSON_COLUMNS.map((column) => `pb.${column} as b_${column}` as const));
		if (ids) q = q.where('s.id', 'in', ids);
		if (status !== 'all') q = q.where('s.status', '=', status);
		if (status === 'open') {
			q = q
				.where('pa.status', '=', 'active')
				.where('pb.status', '=', 'active')
				.where((eb) => eb(eb.fn.coalesce('pa.merged_into', 'pa.id'), '<>', eb.fn.coalesce('pb.merged_into', 'pb.id')));
		}
		return q.orderBy('s.score', 'desc').orderBy('s.created_at').orderBy('s.id');
	};

	type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
	let rows: Row[];
	if (options.ids) {
		if (options.ids.length === 0) return [];
		rows = await inChunks(options.ids, (chunk) => query(chunk).execute());
		rows.sort((x, y) => y.score - x.score || x.created_at.localeCompare(y.created_at) || x.id.localeCompare(y.id));
		rows = rows.slice(offset, offset + limit);
	} else {
		rows = await query().limit(limit).offset(offset).execute();
	}
	return rows.map((row) => ({
		id: row.id,
		score: Number(row.score),
		rules: JSON.parse(row.rules) as string[],
		status: row.status,
		createdAt: row.created_at,
		decidedAt: row.decided_at,
		personA: summary(row as unknown as Record<string, unknown>, 'a'),
		personB: summary(row as unknown as Record<string, unknown>, 'b'),
	}));
}

function summary(row: Record<string, unknown>, side: 'a' | 'b'): PersonSummary {
	const get = (column: string) => row[`${side}_${column}`] as string | null;
	return {
		id: get('id') as string,
		source: get('source') ?? '',
		externalId: get('external_id') as string,
		displayName: get('display_name') as string,
		givenName: get('given_name') as string,
		familyName: get('family_name') as string,
		birthDate: get('birth_date'),
		email: get('email'),
		phone: get('phone'),
		nationalId: get('national_id'),
		status: get('status') as string,
		mergedInto: get('merged_into'),
	};
}
