/**
 * AFAS Profit REST services (GetConnectors), without n8n runtime imports so it can be
 * tested on its own. Shapes follow AFAS's documentation: docs.afas.help "GetConnector"
 * and "Fouten verhelpen", help.afas.nl "REST API voor ontwikkelaars" (see docs/afas.md).
 */

export type AfasEnvironmentType = 'production' | 'test' | 'accept';

export interface AfasCredentialData {
	environmentNumber?: string | number;
	environmentType?: AfasEnvironmentType;
	token?: string;
	baseUrl?: string;
}

export interface AfasConnection {
	/** The ProfitRestServices root, without a trailing slash. */
	baseUrl: string;
	/** The Authorization header value. Never put it in a message. */
	authorization: string;
}

export type AfasRow = Record<string, unknown>;

export interface AfasFilter {
	field: string;
	/** AFAS operator code (operatortypes). */
	operator: number;
	value: string;
}

export interface AfasSort {
	field: string;
	descending: boolean;
}

export interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** One GET; resolves for every HTTP status, rejects only when no response came (DNS, refused, timeout). */
export type HttpGet = (url: string, headers: Record<string, string>) => Promise<HttpResponse>;

/** AFAS's filter operators (operatortypes), as docs.afas.help lists them. 15 (quick filter) is left out. */
export const AFAS_OPERATORS = [
	{ code: 1, name: 'Is Equal To' },
	{ code: 2, name: 'Is Greater Than or Equal To' },
	{ code: 3, name: 'Is Less Than or Equal To' },
	{ code: 4, name: 'Is Greater Than' },
	{ code: 5, name: 'Is Less Than' },
	{ code: 6, name: 'Contains' },
	{ code: 7, name: 'Is Not Equal To' },
	{ code: 8, name: 'Is Empty' },
	{ code: 9, name: 'Is Not Empty' },
	{ code: 10, name: 'Starts With' },
	{ code: 11, name: 'Does Not Contain' },
	{ code: 12, name: 'Does Not Start With' },
	{ code: 13, name: 'Ends With' },
	{ code: 14, name: 'Does Not End With' },
] as const;

/** Operators that take no value: AFAS still wants the (empty) value in its place. */
export const VALUELESS_OPERATORS = [8, 9];

/** AFAS accepts at most this many characters of query string; longer gets 404. */
export const MAX_QUERY_LENGTH = 2049;

const HOSTS: Record<AfasEnvironmentType, string> = {
	production: 'rest.afas.online',
	test: 'resttest.afas.online',
	accept: 'restaccept.afas.online',
};

/** A failure that says what to do; `message` and `description` never contain the token. */
export class AfasError extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly details: { statusCode?: number; code?: string; externalMessage?: string; profitLogReference?: string } = {},
	) {
		super(message);
		this.name = 'AfasError';
	}
}

export function afasConnection(data: AfasCredentialData): AfasConnection {
	const token = String(data.token ?? '').trim();
	if (!token) throw new AfasError('The AFAS Profit API credential has no token', 'Paste the token of the app connector user into the credential.');
	return { baseUrl: afasBaseUrl(data), authorization: afasAuthorization(token) };
}

export function afasBaseUrl(data: AfasCredentialData): string {
	const override = String(data.baseUrl ?? '').trim();
	if (override) return override.replace(/\/+$/, '');
	const number = String(data.environmentNumber ?? '').trim();
	if (!/^\d+$/.test(number)) {
		throw new AfasError(
			`The AFAS environment number "${number}" is not a number`,
			'Enter the number of the AFAS Online environment (for example 12345 from https://12345.rest.afas.online), or set a base URL.',
		);
	}
	return `https://${number}.${HOSTS[data.environmentType ?? 'production'] ?? HOSTS.production}/ProfitRestServices`;
}

/**
 * `AfasToken ` + base64 of the token XML. The credential keeps only the token data; from a
 * pasted full `<token>...</token>` the data and version are taken, so stray spaces or line
 * breaks around the tags do not break the header.
 */
export function afasAuthorization(token: string): string {
	const data = /<data>\s*([^<]*?)\s*<\/data>/.exec(token)?.[1] ?? token.trim();
	const version = /<version>\s*([^<]*?)\s*<\/version>/.exec(token)?.[1] ?? '1';
	return `AfasToken ${Buffer.from(`<token><version>${version}</version><data>${data}</data></token>`, 'utf8').toString('base64')}`;
}

/**
 * Filters as query parameters. All filters are AND-ed: the compact form joins them with `,`.
 * A comma or semicolon inside a value cannot be escaped there, so then the JSON form is used.
 */
export function filterParams(filters: AfasFilter[]): Record<string, string> {
	if (filters.length === 0) return {};
	const values = filters.map((f) => (VALUELESS_OPERATORS.includes(f.operator) ? '' : f.value));
	const needsJson = filters.some((f, i) => /[,;]/.test(f.field) || /[,;]/.test(values[i]));
	if (needsJson) {
		const field = filters.map((f, i) => ({ '@FieldId': f.field, '@OperatorType': String(f.operator), '#text': values[i] }));
		return { filterjson: JSON.stringify({ Filters: { Filter: [{ '@FilterId': 'Filter 1', Field: field }] } }) };
	}
	return {
		filterfieldids: filters.map((f) => f.field).join(','),
		filtervalues: values.join(','),
		operatortypes: filters.map((f) => String(f.operator)).join(','),
	};
}

export function orderParams(sorts: AfasSort[]): Record<string, string> {
	if (sorts.length === 0) return {};
	return { orderbyfieldids: sorts.map((s) => `${s.descending ? '-' : ''}${s.field}`).join(',') };
}

export interface RequestOptions {
	/** Retries after 429/503; waits follow Retry-After when given. */
	retries?: number;
	/** Longest wait honoured from Retry-After, in seconds. */
	maxRetryAfterSeconds?: number;
	sleep?: (ms: number) => Promise<void>;
}

export class AfasClient {
	private readonly retries: number;
	private readonly maxRetryAfterSeconds: number;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(
		private readonly connection: AfasConnection,
		private readonly http: HttpGet,
		options: RequestOptions = {},
	) {
		this.retries = options.retries ?? 3;
		this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60;
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
	}

	/** GET a path under ProfitRestServices; returns the parsed JSON body or throws an AfasError. */
	async get(path: string, params: Record<string, string> = {}, context = ''): Promise<unknown> {
		const query = new URLSearchParams(params).toString();
		if (query.length + 1 > MAX_QUERY_LENGTH) {
			throw new AfasError(
				`The request for ${context || path} is too long for AFAS (${query.length + 1} of at most ${MAX_QUERY_LENGTH} characters of query)`,
				'Use fewer or shorter filters, or put a fixed filter in the GetConnector in Profit.',
			);
		}
		const url = `${this.connection.baseUrl}${path}${query ? `?${query}` : ''}`;
		const headers = { Authorization: this.connection.authorization, Accept: 'application/json' };
		for (let attempt = 0; ; attempt++) {
			let response: HttpResponse;
			try {
				response = await this.http(url, headers);
			} catch (error) {
				throw networkError(error, this.connection.baseUrl);
			}
			if ((response.statusCode === 429 || response.statusCode === 503) && attempt < this.retries) {
				await this.sleep(this.retryDelay(response, attempt));
				continue;
			}
			if (response.statusCode >= 200 && response.statusCode < 300) return parseBody(response.body);
			throw httpError(response, context || path);
		}
	}

	/**
	 * Rows of a GetConnector, page by page (skip/take) until a page comes back short.
	 * A page is "short" against the take AFAS reports back when that is smaller than asked,
	 * so a server-side cap never ends the paging early.
	 */
	async getRows(
		connector: string,
		options: { filters?: AfasFilter[]; sorts?: AfasSort[]; pageSize?: number; limit?: number; keep?: (row: AfasRow) => boolean } = {},
	): Promise<AfasRow[]> {
		const pageSize = Math.max(1, Math.floor(options.pageSize ?? 1000));
		const limit = options.limit === undefined ? Infinity : Math.max(0, Math.floor(options.limit));
		const fixed = { ...filterParams(options.filters ?? []), ...orderParams(options.sorts ?? []) };
		const path = `/connectors/${encodeURIComponent(connector)}`;
		const rows: AfasRow[] = [];
		for (let skip = 0; rows.length < limit; ) {
			const take = Math.min(pageSize, limit - rows.length);
			const body = await this.get(path, { skip: String(skip), take: String(take), ...fixed }, `GetConnector '${connector}'`);
			const page = rowsOf(body, connector);
			skip += page.length;
			for (const row of page) {
				if (rows.length < limit && (!options.keep || options.keep(row))) rows.push(row);
			}
			const reported = (body as { take?: unknown }).take;
			const served = typeof reported === 'number' && reported > 0 ? Math.min(take, reported) : take;
			if (page.length === 0 || page.length < served) break;
		}
		return rows;
	}

	async getMetaInfo(connector: string): Promise<unknown> {
		return await this.get(`/metainfo/get/${encodeURIComponent(connector)}`, {}, `the metainfo of GetConnector '${connector}'`);
	}

	/** The GetConnectors the token may use: `/metainfo` lists them. */
	async listGetConnectors(): Promise<Array<{ id: string; description: string }>> {
		const body = (await this.get('/metainfo', {}, 'the list of GetConnectors')) as { getConnectors?: unknown };
		if (!Array.isArray(body?.getConnectors)) return [];
		return body.getConnectors
			.filter((c): c is { id: string; description?: string } => typeof (c as { id?: unknown })?.id === 'string')
			.map((c) => ({ id: c.id, description: c.description ?? c.id }));
	}

	private retryDelay(response: HttpResponse, attempt: number): number {
		const header = Number(firstHeader(response.headers, 'retry-after'));
		const body = Number((parseBodyLoose(response.body) as { retry_after?: unknown })?.retry_after);
		const seconds = Number.isFinite(header) && header >= 0 ? header : Number.isFinite(body) && body >= 0 ? body : undefined;
		if (seconds !== undefined) return Math.min(seconds, this.maxRetryAfterSeconds) * 1000;
		return 1000 * 2 ** attempt;
	}
}

function rowsOf(body: unknown, connector: string): AfasRow[] {
	const rows = (body as { rows?: unknown })?.rows;
	if (!Array.isArray(rows)) {
		throw new AfasError(`AFAS answered GetConnector '${connector}' without rows`, 'Expected a JSON body { "skip", "take", "rows": [...] }.');
	}
	return rows as AfasRow[];
}

function firstHeader(headers: Record<string, unknown>, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = entry?.[1];
	return Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? undefined : String(value);
}

function parseBodyLoose(body: unknown): unknown {
	if (typeof body !== 'string') return Buffer.isBuffer(body) ? parseBodyLoose(body.toString('utf8')) : body;
	try {
		return JSON.parse(body);
	} catch {
		return body; // not JSON: keep the text for the error message
	}
}

function parseBody(body: unknown): unknown {
	const parsed = parseBodyLoose(body);
	if (typeof parsed === 'string') throw new AfasError('AFAS answered with something that is not JSON', parsed.slice(0, 200));
	return parsed;
}

/** AFAS's error bodies: `{ externalMessage, errorNumber, profitLogReference }`, or `{ message }` from the web server. */
function httpError(response: HttpResponse, what: string): AfasError {
	const body = parseBodyLoose(response.body);
	const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const afasMessage = [fields.externalMessage, fields.message, (fields.error as { message?: unknown })?.message, typeof body === 'string' ? body : undefined]
		.find((m) => typeof m === 'string' && m.trim() !== '') as string | undefined;
	const reference = typeof fields.profitLogReference === 'string' && fields.profitLogReference ? fields.profitLogReference : undefined;
	const said = afasMessage ? `: ${afasMessage.trim().slice(0, 500)}` : '';
	const details = { statusCode: response.statusCode, externalMessage: afasMessage, profitLogReference: reference };
	const referenceText = reference ? ` Profit log reference: ${reference} (an AFAS administrator finds the full error in the environment log).` : '';
	switch (response.statusCode) {
		case 401:
			return new AfasError(
				`AFAS refused the request for ${what} (401 Unauthorized)${said}`,
				`Check that the token in the AFAS Profit API credential is valid and not expired, and that the GetConnector is added to the app connector of that token.${referenceText}`,
				details,
			);
		case 403:
			return new AfasError(`AFAS refused the request for ${what} (403 Forbidden)${said}`, 'AFAS refuses requests from this IP address: ask the AFAS administrator about the IP restrictions of the app connector.', details);
		case 404:
			return new AfasError(
				`AFAS did not find ${what} (404 Not Found)${said}`,
				'Check the environment number and type (or the base URL) of the credential, and the GetConnector name.',
				details,
			);
		case 429:
		case 503:
			return new AfasError(`AFAS is not available right now (${response.statusCode})${said}`, 'Try again later; see afasstatus.nl for maintenance.', details);
		default:
			return new AfasError(`AFAS could not run ${what} (${response.statusCode})${said}`, `Check the filters and sort fields: they must be fields of the GetConnector.${referenceText}`, details);
	}
}

function networkError(error: unknown, baseUrl: string): AfasError {
	const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
	const code = String(e?.code ?? e?.cause?.code ?? '');
	let host = baseUrl;
	try {
		host = new URL(baseUrl).host;
	} catch {
		// keep the base URL as written
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return new AfasError(`Cannot find the AFAS environment at ${host}`, 'Check the environment number and the environment type (production, test, accept) of the credential, or the base URL.', { code });
	}
	if (code === 'ECONNREFUSED') {
		return new AfasError(`${host} refused the connection`, 'Check the base URL of the credential: nothing answers at that address and port.', { code });
	}
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ECONNRESET') {
		return new AfasError(`The connection to ${host} was cut off or timed out`, 'AFAS did not answer in time; try again, or use a smaller page size.', { code });
	}
	const message = typeof e?.message === 'string' ? e.message : String(error);
	return new AfasError(`Cannot reach AFAS at ${host}: ${message}`, 'Check the network connection from n8n to AFAS and the credential settings.', { code: code || undefined });
}

/** HttpGet over Node's fetch, for places without n8n's request helpers (the credential test). */
export const fetchHttpGet: HttpGet = async (url, headers) => {
	const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
	return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
};
