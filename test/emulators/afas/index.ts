/**
 * AFAS Profit REST emulator: GetConnectors and their metainfo, as documented by AFAS
 * (docs.afas.help "GetConnector" and "Fouten verhelpen"; help.afas.nl "REST API voor
 * ontwikkelaars"). Test code only: in-memory tables, one token, no UpdateConnectors.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type AfasValue = string | number | boolean | null;
export type AfasRow = Record<string, AfasValue>;

export interface AfasFieldDefinition {
	id: string;
	dataType: 'string' | 'int' | 'decimal' | 'date' | 'boolean';
	label: string;
	length: number;
	decimals?: number;
}

export interface AfasConnectorDefinition {
	description: string;
	fields: AfasFieldDefinition[];
	rows: AfasRow[];
}

export interface AfasEmulatorOptions {
	/** The token data (what goes between <data> and </data>). */
	token: string;
	connectors: Record<string, AfasConnectorDefinition>;
	/** Largest take the emulator serves; a larger request gets this many rows. AFAS documents no cap: off by default. */
	maxTake?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	authorization?: string;
}

export interface InjectedFailure {
	status: number;
	times: number;
	/** Seconds, sent as the Retry-After header and as retry_after in the body (AFAS's 503 body). */
	retryAfter?: number;
}

export interface AfasEmulator {
	/** The ProfitRestServices root, what the credential's base URL override takes. */
	baseUrl: string;
	requests: RecordedRequest[];
	/** Requests to one connector's rows, in order. */
	rowRequests(connector: string): RecordedRequest[];
	/** The next `times` requests fail with `status`. */
	failNext(failure: InjectedFailure): void;
	close(): Promise<void>;
}

/** AFAS's default page when the caller sends no take (docs.afas.help, "Skip and take"). */
export const AFAS_DEFAULT_TAKE = 100;
/** Longest query string AFAS accepts; longer ones get 404 (docs.afas.help, "Maximum length of the URL"). */
export const AFAS_MAX_QUERY_LENGTH = 2049;

const UNEXPECTED_ERROR = -2147180999;
const NOT_SUPPORTED_ERROR = -2147180996;

class AfasFault extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly errorNumber = UNEXPECTED_ERROR,
	) {
		super(message);
	}
}

export function afasAuthorization(token: string): string {
	return `AfasToken ${Buffer.from(`<token><version>1</version><data>${token}</data></token>`).toString('base64')}`;
}

export async function startAfasEmulator(options: AfasEmulatorOptions): Promise<AfasEmulator> {
	const requests: RecordedRequest[] = [];
	const failures: InjectedFailure[] = [];
	const expectedAuthorization = afasAuthorization(options.token);

	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const query = Object.fromEntries(url.searchParams);
		const record: RecordedRequest = {
			method: req.method ?? 'GET',
			path: decodeURIComponent(url.pathname),
			query,
			status: 200,
			authorization: req.headers.authorization,
		};
		requests.push(record);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			record.status = status;
			res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
			res.end(JSON.stringify(body));
		};
		const sendFault = (fault: AfasFault) =>
			send(fault.status, {
				externalMessage: fault.message,
				errorNumber: fault.errorNumber,
				profitLogReference: randomReference(),
			});

		try {
			const failure = failures[0];
			if (failure) {
				if (--failure.times <= 0) failures.shift();
				const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) };
				send(
					failure.status,
					{ error: { code: String(failure.status), message: 'Service temporarily unavailable' }, retry_after: failure.retryAfter },
					headers,
				);
				return;
			}
			if (url.search.length > AFAS_MAX_QUERY_LENGTH) {
				send(404, { message: 'Not Found' });
				return;
			}
			const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
			if (parts[0]?.toLowerCase() !== 'profitrestservices' || req.method !== 'GET') {
				send(404, { message: 'Not Found' });
				return;
			}
			// AFAS documents 401 for a wrong or expired token and for a connector missing from the app connector.
			if (req.headers.authorization !== expectedAuthorization) {
				throw new AfasFault(401, 'De token is ongeldig of verlopen.', NOT_SUPPORTED_ERROR);
			}
			const [, kind, sub, name] = parts;
			if (kind?.toLowerCase() === 'metainfo' && parts.length === 2) {
				send(200, {
					updateConnectors: [],
					getConnectors: Object.entries(options.connectors).map(([id, c]) => ({ id, description: c.description })),
				});
				return;
			}
			if (kind?.toLowerCase() === 'metainfo' && sub?.toLowerCase() === 'get' && name && parts.length === 4) {
				const connector = findConnector(options.connectors, name);
				send(200, {
					name,
					description: connector.description,
					fields: connector.fields.map((field, index) => ({
						id: field.id,
						fieldId: `U${String(index + 1).padStart(3, '0')}`,
						dataType: field.dataType,
						label: field.label,
						length: field.length,
						controlType: field.dataType === 'date' ? 4 : 1,
						decimals: field.decimals ?? 0,
						decimalsFieldId: '',
					})),
				});
				return;
			}
			if (kind?.toLowerCase() === 'connectors' && sub && parts.length === 3) {
				const connector = findConnector(options.connectors, sub);
				send(200, runGetConnector(connector, url.searchParams, options.maxTake));
				return;
			}
			send(404, { message: 'Not Found' });
		} catch (error) {
			if (error instanceof AfasFault) sendFault(error);
			else sendFault(new AfasFault(500, 'Er is een onverwachte fout opgetreden.'));
		}
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/ProfitRestServices`,
		requests,
		rowRequests: (connector) => requests.filter((r) => r.path.toLowerCase().endsWith(`/connectors/${connector.toLowerCase()}`)),
		failNext: (failure) => failures.push({ ...failure }),
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

function findConnector(connectors: Record<string, AfasConnectorDefinition>, name: string): AfasConnectorDefinition {
	const connector = connectors[name];
	if (!connector) {
		throw new AfasFault(401, 'GetConnector niet ondersteund voor deze app of de gebruiker is niet geautoriseerd.', NOT_SUPPORTED_ERROR);
	}
	return connector;
}

interface Condition {
	field: AfasFieldDefinition;
	operator: number;
	value: string;
}

function runGetConnector(connector: AfasConnectorDefinition, params: URLSearchParams, maxTake?: number) {
	const groups = parseFilters(connector, params);
	let rows = groups.length === 0 ? [...connector.rows] : connector.rows.filter((row) => groups.some((group) => group.every((c) => matches(row, c))));

	const order = params.get('orderbyfieldids');
	if (order) {
		const keys = order.split(',').map((spec) => ({
			field: fieldOf(connector, spec.replace(/^-/, '')),
			descending: spec.startsWith('-'),
		}));
		rows = rows
			.map((row, index) => ({ row, index }))
			.sort((a, b) => {
				for (const key of keys) {
					const difference = compare(a.row[key.field.id], b.row[key.field.id], key.field);
					if (difference !== 0) return key.descending ? -difference : difference;
				}
				return a.index - b.index;
			})
			.map(({ row }) => row);
	}

	const skip = integerParam(params, 'skip', 0);
	let take = integerParam(params, 'take', AFAS_DEFAULT_TAKE);
	// skip=-1 with take=-1 is AFAS's documented "get all"; any other negative combination is an error.
	if (skip === -1 && take === -1) return { skip, take, rows };
	if (skip < 0 || take < 0) throw new AfasFault(500, 'Er is een onverwachte fout opgetreden.');
	if (maxTake !== undefined) take = Math.min(take, maxTake);
	return { skip, take, rows: rows.slice(skip, skip + take) };
}

function integerParam(params: URLSearchParams, name: string, fallback: number): number {
	const raw = params.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value)) throw new AfasFault(500, 'Er is een onverwachte fout opgetreden.');
	return value;
}

/** Groups of AND-ed conditions, the groups OR-ed: compact parameters (`,` and `;`) or filterjson. */
function parseFilters(connector: AfasConnectorDefinition, params: URLSearchParams): Condition[][] {
	const json = params.get('filterjson');
	if (json) {
		const parsed = JSON.parse(json) as { Filters?: { Filter?: unknown } };
		return asArray(parsed.Filters?.Filter).map((filter) =>
			asArray((filter as { Field?: unknown }).Field).map((raw) => {
				const field = raw as Record<string, string>;
				return condition(connector, field['@FieldId'], field['@OperatorType'], field['#text'] ?? '');
			}),
		);
	}
	const ids = params.get('filterfieldids');
	if (!ids) return [];
	const values = (params.get('filtervalues') ?? '').split(';');
	const operators = (params.get('operatortypes') ?? '').split(';');
	return ids.split(';').map((group, g) => {
		const groupValues = (values[g] ?? '').split(',');
		const groupOperators = (operators[g] ?? '').split(',');
		const fields = group.split(',');
		if (groupOperators.length !== fields.length) throw new AfasFault(500, 'Er is een onverwachte fout opgetreden.');
		return fields.map((id, i) => condition(connector, id, groupOperators[i], groupValues[i] ?? ''));
	});
}

function asArray(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

function condition(connector: AfasConnectorDefinition, id: string, operator: string, value: string): Condition {
	const code = Number(operator);
	if (!Number.isInteger(code) || code < 1 || code > 14) throw new AfasFault(500, 'Er is een onverwachte fout opgetreden.');
	return { field: fieldOf(connector, id), operator: code, value };
}

function fieldOf(connector: AfasConnectorDefinition, id: string): AfasFieldDefinition {
	const field = connector.fields.find((f) => f.id === id);
	if (!field) throw new AfasFault(500, `Connector-veld '${id}' niet gevonden.`);
	return field;
}

const isEmpty = (value: AfasValue | undefined) => value === null || value === undefined || value === '';

/** Operator codes as docs.afas.help lists them; NULL fails every comparison except "is empty", as in SQL. */
function matches(row: AfasRow, { field, operator, value }: Condition): boolean {
	const actual = row[field.id];
	if (operator === 8) return isEmpty(actual);
	if (operator === 9) return !isEmpty(actual);
	if (isEmpty(actual)) return false;
	const text = String(actual).toLowerCase();
	const needle = value.replace(/^%|%$/g, '').toLowerCase();
	switch (operator) {
		case 1:
			return compare(actual, value, field) === 0;
		case 2:
			return compare(actual, value, field) >= 0;
		case 3:
			return compare(actual, value, field) <= 0;
		case 4:
			return compare(actual, value, field) > 0;
		case 5:
			return compare(actual, value, field) < 0;
		case 6:
			return text.includes(needle);
		case 7:
			// With wildcards, 7 is "text does not occur in field" (help.afas.nl, XML filter).
			return value.includes('%') ? !text.includes(needle) : compare(actual, value, field) !== 0;
		case 10:
			return text.startsWith(needle);
		case 11:
			return !text.includes(needle);
		case 12:
			return !text.startsWith(needle);
		case 13:
			return text.endsWith(needle);
		case 14:
			return !text.endsWith(needle);
		default:
			return false;
	}
}

function compare(a: AfasValue | undefined, b: AfasValue | undefined, field: AfasFieldDefinition): number {
	if (isEmpty(a) || isEmpty(b)) return isEmpty(a) === isEmpty(b) ? 0 : isEmpty(a) ? -1 : 1; // NULL sorts first
	if (field.dataType === 'date') return dateValue(String(a)) - dateValue(String(b));
	if (field.dataType === 'int' || field.dataType === 'decimal') return Number(a) - Number(b);
	if (field.dataType === 'boolean') return Number(String(a) === 'true' || String(a) === '1') - Number(String(b) === 'true' || String(b) === '1');
	return String(a).localeCompare(String(b), 'nl', { sensitivity: 'accent' });
}

function dateValue(text: string): number {
	const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
	if (Number.isNaN(time)) throw new AfasFault(500, `'${text}' is geen geldige datum.`);
	return time;
}

function randomReference(): string {
	return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}
